"""Helpers for the public pages' tests (issue 14): decisions planted straight in the tables
the statistics count, with their receipt and decision dates, province and ground."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from zoneinfo import ZoneInfo

from django.utils import timezone

from approvals.models import ApprovalDecision, DecisionKind
from cases.models import Case, EligibilityAssessment, ProposalSubmission
from kernel.accounts.models import Organisation
from kernel.accounts.roles import Level, OrganisationType
from kernel.documents.models import GeneratedDocument
from tests.factories import OffenderFactory, SentenceFactory, UserFactory

SH = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def authority(province: str) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        name=f"省监狱管理局{province}",
        defaults={
            "abbreviation": f"局{chr(0x4E00 + int(province))}",
            "type": OrganisationType.PRISON_ADMINISTRATION,
            "level": Level.PROVINCE,
            "region_code": f"{province}0000",
        },
    )
    return org


def plant(
    *,
    province: str = "33",
    ground: str = "medical",
    approved: bool | None = True,
    received: dt.date = dt.date(2026, 3, 2),
    decided: dt.date | None = dt.date(2026, 3, 20),
    kind: str = DecisionKind.TEOP,
    juvenile: bool = False,
) -> Case:
    """One case received by the province's approving authority and (unless `approved` is
    None) decided on `decided`. `juvenile`: the clerk stated the person was under 18 at the
    offence."""
    n = next(_numbers)
    org = authority(province)
    offender = OffenderFactory()
    case = Case.objects.create(
        number=f"统计{n}",
        offender=offender,
        sentence=SentenceFactory(offender=offender),
        path="B",
        opened_on=received - dt.timedelta(days=30),
        **{f"ground_{ground}": True},
    )
    at = dt.datetime.combine(received, dt.time(10), tzinfo=SH)
    ProposalSubmission.objects.create(
        case=case, approving_authority=org, submitted_at=at, received_at=at
    )
    if juvenile:
        EligibilityAssessment.objects.create(
            case=case,
            assessed_on=received,
            assessed_by="clerk",
            ruleset_version="test",
            outcome="eligible",
            inputs={"facts": {"juvenile_at_offence": True}},
            result={},
        )
    if approved is not None and decided is not None:
        document = GeneratedDocument.objects.create(
            number=f"文{n}",
            title="决定书",
            template="t",
            issuing_organisation=org,
            issued_on=decided,
            file="documents/x.pdf",
            sha256="0" * 64,
            size=1,
        )
        ApprovalDecision.objects.create(
            case=case,
            kind=kind,
            approved=approved,
            authority=org,
            decided_by=UserFactory(organisation=org),
            decided_at=dt.datetime.combine(decided, dt.time(15), tzinfo=SH),
            number=f"浙狱暂决〔2026〕{n}号",
            reasons="—",
            document=document,
        )
    return case


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def main_text(html: str) -> str:
    """The visible text of <main>, without tags."""
    main = re.split(r"<main[^>]*>", html, maxsplit=1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main)


def chinese_in(text: str) -> list[str]:
    return _CJK.findall(text)


def english_words_in(text: str) -> list[str]:
    """Latin words of 3+ letters (CSV, SVG attributes are tags, already stripped)."""
    return [w for w in _LATIN_WORD.findall(text) if w not in {"CSV", "Atom", "JSON"}]


def now() -> dt.datetime:
    return timezone.now()
