"""Helpers for the document tests (issue 14): a real case walked to the proposal, the context
every PDF template is rendered with, and the text of each page of a PDF (poppler's pdftotext,
the tool the other PDF tests use; pages are separated by form feeds)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.conf import settings

from cases.documents import case_document_context
from cases.models import Case, EligibilityAssessment, InvestigationEntrustment
from kernel.documents.pdf import render_pdf
from tests.cases.steps import attach_dossier, to_publicity

TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "pdf"
#: Every document template (a new one is covered without being listed).
TEMPLATES = sorted(p.stem for p in TEMPLATE_DIR.glob("*.html") if p.stem != "base")
#: The date the test documents are issued on: printed nowhere else, so it marks the signature.
ISSUED_ON = dt.date(2026, 4, 28)
ISSUED_TEXT = "2026年4月28日"

#: What the issue forbids in a document: rule and clock ids, English article references,
#: snake_case codes (states, kinds) and the outcome vocabulary.
CODE = re.compile(
    r"\b(EL|D)-\d|\bP2014\b|\bArt\b|[a-z]{3,}_[a-z]+|\b(suitable|eligible|needs_data|approved|pending)\b"
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

SENTENCE = "该犯入监以来病情持续加重，经省级人民政府指定医院诊断，久治不愈，严重影响其身心健康。"


def proposed_case(world: Any) -> Case:
    """A medical case walked to publicity with the dossier attached, its eligibility assessed
    as the engine stores it (rule ids, outcome codes, English article references) and an
    investigation whose opinion was typed as the code "suitable": everything a document must
    turn into words."""
    case: Case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    # Stored as the entrustment record leaves it (the act is refused once publicity started).
    InvestigationEntrustment.objects.create(
        case=case,
        entrusted_to=world.cja,
        entrusted_on=dt.date(2026, 3, 6),
        opinion_received_on=dt.date(2026, 3, 9),
        opinion="suitable",
    )
    EligibilityAssessment.objects.create(
        case=case,
        assessed_on=dt.date(2026, 3, 12),
        assessed_by="clerk_a",
        ruleset_version="2026.1",
        outcome="eligible",
        inputs={},
        result={
            "outcome": "eligible",
            "results": [
                {
                    "rule": "EL-05",
                    "outcome": "eligible",
                    "article": "P2014 Art 5 ¶1(1), Art 9 ¶1; CPL Art 265 ¶4",
                    "message": "within the catalogue",
                },
                {
                    "rule": "EL-07",
                    "outcome": "eligible",
                    "article": "P2014 Art 7 ¶1",
                    "message": "one third served",
                },
                {
                    "rule": "EL-52",
                    "outcome": "needs_data",
                    "article": "P2014 Art 9",
                    "message": "recusal missing",
                },
            ],
        },
    )
    case.refresh_from_db()
    return case


def _ns(**kwargs: Any) -> SimpleNamespace:
    return SimpleNamespace(**kwargs)


def context_for(case: Case, template: str, *, long: int = 0) -> dict[str, Any]:
    """The real case's context (`cases.documents.case_document_context`) with the records a
    later step would add; `long` sentences of body text go where each template prints its
    free text (reasons, facts, paragraphs), to push its end towards a page boundary."""
    text = SENTENCE * max(long, 1)
    context = case_document_context(case, template.replace("_", "-"), today=dt.date(2026, 3, 17))
    if long and context.get("deliberation") is not None:
        context["deliberation"].reasons = text
    officer = _ns(username="王矫正", get_full_name="王矫正")
    context.update(
        {
            "document_number": "浙一监暂〔2026〕017号",
            "document_title": "暂予监外执行文书",
            "issuing_organisation": case.participant("institution"),
            "issued_on": ISSUED_ON,
            "addressee": "杭州市西湖区社区矫正机构",
            "paragraphs": [text] * (2 if long else 1),
            "facts": [("姓名", case.offender.name), ("刑期届满日", "2031年12月31日")],
            "reasons": text,
            "approved": True,
            "imprison": True,
            "not_counted": True,
            "maintain": True,
            "legal_basis": "《中华人民共和国刑事诉讼法》第二百六十五条",
            "grounds": context["grounds"] + ([text] if long else []),
            "measure": _ns(
                kind="warning",
                facts=text,
                rule_breached="《中华人民共和国社区矫正法》第二十三条",
                decided_on=dt.date(2026, 4, 1),
                officer=officer,
            ),
            "measure_label": "警告",
            "period": _ns(
                facts=text,
                starts_on=dt.date(2026, 4, 1),
                ends_on=dt.date(2026, 6, 30),
                officer=officer,
                approved_by="李局长",
                approved_on=dt.date(2026, 3, 30),
                first_day=dt.date(2026, 4, 1),
                last_day=dt.date(2026, 5, 1),
                basis="脱逃期间",
            ),
            "ground_label": "在暂予监外执行期间脱逃",
            "opinion": _ns(illegality=text, required_correction=text, issued_on=ISSUED_ON),
            "proposal": _ns(
                reasons=text,
                explanation=text,
                origin="institution",
                proposing_organisation="西湖区社区矫正机构",
                received_at=dt.date(2026, 4, 2),
                claimed_first_day=dt.date(2026, 4, 1),
                claimed_last_day=dt.date(2026, 5, 1),
                notifying_organisation=_ns(name="省监狱管理局"),
                institution=_ns(name="第一监狱", type="PRISON"),
                proposal_number="浙一监建〔2026〕003号",
                sent_at=dt.date(2026, 4, 3),
                expiry_before=dt.date(2031, 12, 31),
                expiry_after=dt.date(2032, 1, 30),
            ),
            "objection": _ns(
                procuratorate="省检察院",
                filed_at=dt.date(2026, 4, 5),
                grounds=text,
                review_reasons=text,
            ),
            "teop": _ns(
                number="浙狱暂决〔2026〕001号",
                authority="省监狱管理局",
                decided_at=dt.date(2026, 3, 20),
            ),
            "review": _ns(
                hospital="省人民医院",
                hospital_designated=True,
                reexamined_on=dt.date(2026, 6, 1),
                doctors="李医生（主任医师）",
                findings=text,
                feedback_to="",
            ),
            "reviewed_on": dt.date(2026, 6, 5),
            "finding": "保外就医情形仍然存在",
            "ground": "患有严重疾病，需要保外就医",
            "reviewer": "王矫正",
            "record": _ns(
                executing_cci="西湖区社区矫正机构",
                deciding_organ="省监狱管理局",
                opened_at=dt.date(2026, 3, 25),
                expiry_date=dt.date(2031, 12, 31),
            ),
            "judge": _ns(username="刘法官", get_full_name="刘法官"),
            "hand_over": _ns(
                handed_over_at=dt.datetime(2026, 3, 26, 10, 30, tzinfo=dt.UTC),
                place="西湖区社区矫正机构接收室",
                documents=text,
                condition="神志清楚",
                institution_signatory="赵警官",
                cci_signatory="王矫正",
            ),
        }
    )
    if template == "recalculation_proposal":
        context["opinion"] = text  # its opinion is the institution's text, not a record
    if template in ("custody_report", "supervision_notice", "termination_certificate"):
        context["copies"] = ["省检察院", "西湖区法院"]
    return context


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page of a PDF, in order."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", handle.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"\s+", "", page) for page in pages]


#: Pages already rendered, by template and length: the machine is slow and shared, and the
#: same case gives the same text, so the tests of one run render each version once.
_RENDERED: dict[tuple[str, int], list[str]] = {}


def render_pages(case: Case, template: str, *, long: int = 0) -> list[str]:
    key = (template, long)
    if key not in _RENDERED:
        _RENDERED[key] = pdf_pages(render_pdf(template, context_for(case, template, long=long)))
    return _RENDERED[key]
