"""Helpers of the tests of the organs the law addresses (issue 13): a prison case in
preparation whose investigation and evaluation is entrusted to the county judicial
administration of the residence (P2014 Art 8 ¶2; CCL Art 18)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, InvestigationEntrustment

from .steps import PDF, advance, record, to_assessed

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
ENTRUSTED_ON = dt.date(2026, 3, 9)  # a Monday


def at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SH), tick=False)


def signed_opinion() -> SimpleUploadedFile:
    return SimpleUploadedFile("opinion.pdf", PDF, content_type="application/pdf")


def entrusted(world: Any, to: Any = None, entrusted_on: dt.date = ENTRUSTED_ON) -> Case:
    """Case A in preparation, its investigation entrusted by the prison's clerk."""
    case = world.case_a
    with at(entrusted_on):
        to_assessed(world, case)
        advance(world, case, "prepare")
        record(
            world,
            case,
            InvestigationEntrustment(entrusted_to=to or world.cja, entrusted_on=entrusted_on),
        )
    case.refresh_from_db()
    return case


def report_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "expected_state": "preparation",
        "investigated_from": "2026-03-10",
        "investigated_to": "2026-03-12",
        "interviewed": "配偶张秀英；村民委员会主任李强",
        "finding": "suitable",
        "reasons": "家庭关系和睦，居住地具备监管条件，社会危险性低。",
        "signed_opinion": signed_opinion(),
    }
    data.update(overrides)
    return data
