"""Context builders for the PDFs of the case file (legal-spec §5: DOC-09, 11a, 13a, 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kernel.documents.pdf import chinese_label
from kernel.legal_refs import cite_document

from . import sentence as arithmetic
from .jurisdiction import Capacity
from .models import Case, ProcuratorateCopy

DOCUMENTS = {
    "approval-form": ("approval_form", "暂予监外执行审批表"),
    "publicity-notice": ("publicity_notice", "暂予监外执行公示"),
    "procuratorate-letter": ("procuratorate_letter", "关于抄送暂予监外执行材料的函"),
    "guarantee-letter": ("guarantee_letter", "保证书"),
    # Issue 14: the documents the release, the investigation and the file still lacked.
    "obligations-notice": ("obligations_notice", "暂予监外执行告知书"),
    "investigation-request": ("investigation_request", "调查评估委托函"),
    "handover-record": ("handover_record", "暂予监外执行交接记录"),
    "case-summary": ("case_summary", "案件摘要"),
}

#: The documents a user issues from the case page (`cases:case_document_issue`): the series
#: word of the official number (`kernel.numbering`), and whether only the holding institution's
#: clerk may issue it (the release documents and the entrustment are the institution's; the
#: summary is any participant's printout, issued in the reader's organisation's name).
ISSUABLE = {
    "obligations-notice": ("告", True),
    "investigation-request": ("评委", True),
    "handover-record": ("交", True),
    "case-summary": ("摘", False),
}


#: The outcome vocabulary of the rules (legal-spec §2.1) as an official document words it: a
#: document never prints the code ("eligible", "needs_data"); the PDFs are Chinese only.
OUTCOME_WORDS = {
    "eligible": "符合条件",
    "ineligible": "不符合条件",
    "ineligible_until": "暂不符合条件（达到法定期限后符合）",
    "needs_data": "尚需补充材料",
    "needs_discretion": "需依法裁量",
    "strict_review": "依法从严审查",
    "filing_required": "需报请备案审查",
}


def eligibility_lines(assessment: Any) -> list[str]:
    """The rules' findings for the approval form (DOC-14), grouped by outcome, each rule named
    by the articles it applies (《暂予监外执行规定》第五条第一款第（一）项), never by its id."""
    if assessment is None:
        return []
    grouped: dict[str, list[str]] = {}
    for result in (assessment.result or {}).get("results", []):
        citation = cite_document(str(result.get("article", "")))
        word = OUTCOME_WORDS.get(str(result.get("outcome", "")))
        if not citation or word is None:
            continue
        cited = grouped.setdefault(word, [])
        if citation not in cited:
            cited.append(citation)
    return [f"{word}：{'、'.join(cited)}" for word, cited in grouped.items()]


def investigation_text(investigation: Any) -> str:
    """The investigation and evaluation (DOC-07a/b) in words: who was entrusted when, and the
    finding as its Chinese label (never the code "suitable")."""
    if investigation is None:
        return "未委托"
    text = f"{investigation.entrusted_on:%Y年%-m月%-d日}委托{investigation.entrusted_to}"
    if investigation.finding:
        text += f"，调查评估意见：{chinese_label(investigation, 'finding')}"
    elif investigation.opinion and investigation.opinion.strip().lower() in (
        "suitable",
        "unsuitable",
    ):
        text += "，调查评估意见：" + (
            "适宜社区矫正"
            if investigation.opinion.strip().lower() == "suitable"
            else "不适宜社区矫正"
        )
    elif investigation.opinion:
        text += f"，调查评估意见：{investigation.opinion}"
    else:
        text += "，意见待收"
    return text


def _grounds(case: Case) -> list[str]:
    grounds = []
    if case.ground_medical:
        grounds.append("患有严重疾病，需要保外就医")
    if case.ground_pregnancy:
        grounds.append("怀孕或者正在哺乳自己婴儿")
    if case.ground_self_care:
        grounds.append("生活不能自理")
    return grounds


def case_document_context(
    case: Case, document: str, *, today: dt.date | None = None
) -> dict[str, Any]:
    today = today or timezone.localdate()
    sentence = case.sentence
    facts = sentence.facts()
    institution = case.participant(Capacity.INSTITUTION)
    assessment = case.eligibility_assessments.order_by("-assessed_at", "-id").first()
    context: dict[str, Any] = {
        "case": case,
        "offender": case.offender,
        "age": case.offender.age_on(today),
        "sentence": sentence,
        "commutations": list(sentence.commutations.all()),
        "expiry": arithmetic.expiry_date(facts),
        "served_days": arithmetic.time_served_days(facts, today),
        "one_third": arithmetic.one_third_served_date(facts),
        "grounds": _grounds(case),
        "institution": institution,
        "authority": case.participant(Capacity.DECISION_ORGAN),
        "procuratorate": case.participant(Capacity.PROCURATORATE),
        "certificates": list(
            case.certificates.in_force().select_related("hospital", "catalogue_item")
        ),
        "identifications": list(case.identifications.in_force()),
        "guarantor": getattr(case, "guarantor", None),
        "residence": case.residence_checks.in_force().order_by("-verified_on").first(),
        "investigation": getattr(case, "investigation", None),
        "deliberation": getattr(case, "deliberation", None),
        "publicity": getattr(case, "publicity", None),
        "objections": list(case.objections.in_force()),
        "assessment": assessment,
        "copies": list(case.procuratorate_copies.in_force()),
        "stage_labels": dict(ProcuratorateCopy.Stage.choices),
    }
    context["eligibility_outcome"] = (
        OUTCOME_WORDS.get(assessment.outcome, "") if assessment is not None else ""
    )
    context["eligibility_lines"] = eligibility_lines(assessment)
    context["investigation_text"] = investigation_text(context["investigation"])
    # Records of the later steps, read by their reverse names (cases imports no app above it).
    context["decision"] = case.decision
    context["cci"] = case.participant(Capacity.EXECUTING_CCI)
    context["release"] = getattr(case, "release_preparation", None)
    context["hand_over"] = getattr(case, "hand_over", None)
    return context
