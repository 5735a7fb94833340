"""Helpers of the tests of the designated hospital's requests (P2014 Arts 9, 31; issue 13): a
re-assessment the procuratorate addresses to a designated hospital of the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from cases.models import Case
from procuracy.review.models import Reassessment

from .review_helpers import SH, pdf, run

MAY = dt.datetime(2026, 5, 6, 10, tzinfo=SH)
DUE = dt.date(2026, 6, 5)


def at(moment: dt.datetime = MAY) -> Any:
    return time_machine.travel(moment, tick=False)


def require_of(world: Any, case: Case, hospital: Any, actor: Any = None) -> Reassessment:
    """The supervising procuratorate requires a re-diagnosis by `hospital` (P2014 Art 31)."""
    with at():
        record: Reassessment = run(
            "reassessment_require",
            case,
            actor or world.procurator_a,
            assessment="diagnosis",
            hospital=hospital,
            performed_by="",
            reasons="复查记录与病历不符",
            due_on=DUE,
        )
    return record


def result_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "result_file": pdf("复诊结论.pdf"),
        "conditions_met": "no",
        "result_summary": "复诊结论：病情已明显好转，不再符合保外就医条件。",
    }
    data.update(overrides)
    return data
