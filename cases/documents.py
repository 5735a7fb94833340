"""Context builders for the PDFs of the case file (legal-spec §5: DOC-09, 11a, 13a, 14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from . import sentence as arithmetic
from .jurisdiction import Capacity
from .models import Case, ProcuratorateCopy

DOCUMENTS = {
    "approval-form": ("approval_form", "暂予监外执行审批表"),
    "publicity-notice": ("publicity_notice", "暂予监外执行公示"),
    "procuratorate-letter": ("procuratorate_letter", "关于抄送暂予监外执行材料的函"),
    "guarantee-letter": ("guarantee_letter", "保证书"),
}


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
    return context
