"""Cases for the supervisory acts (procuracy.review): one at assessment with the procuratorate
informed (P2014 Art 8 ¶3), one approved whose decision the provincial procuratorate received
(D-10 open), the same under community correction, and a court's grant."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import Delivery
from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.models import Case
from procuracy.review.models import ReviewPoint
from tests.cases.steps import PDF
from tests.supervision.conftest import DECIDED, RECEIVED, decide, receive

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
#: Within the month to object (D-10 runs from RECEIVED, 2026-03-27).
IN_MONTH = dt.datetime(2026, 4, 8, 10, tzinfo=SH)

__all__ = ["DECIDED", "IN_MONTH", "RECEIVED", "SH"]


def run(name: str, case: Case, actor, **params):
    case.refresh_from_db()
    return act_run(ACTS[name], case_id=case.pk, actor=actor, expected_state=case.state, **params)


def approved_and_received(world, proposed) -> Case:
    """The approving authority's grant; the provincial procuratorate receives its copy."""
    decision = decide(world, proposed)
    receive(world, decision, Delivery.Purpose.PROCURATORATE, actor=world.procurator_prov)
    proposed.refresh_from_db()
    return proposed


def findings(**wrong: str) -> dict[str, dict[str, str]]:
    """Every point conforming, except those given (point → note), found not to conform."""
    out = {p.value: {"finding": "conforms", "note": ""} for p in ReviewPoint}
    out["pregnancy"] = {"finding": "not_applicable", "note": ""}
    for point, note in wrong.items():
        out[point] = {"finding": "not_conforms", "note": note}
    return out


def review(world, case: Case, actor, conclusion="no_objection", **wrong: str):
    with time_machine.travel(IN_MONTH, tick=False):
        return run(
            "decision_review_record",
            case,
            actor,
            reviewed_on=dt.date(2026, 4, 8),
            findings=findings(**wrong),
            conclusion=conclusion,
        )


def pdf(name: str = "result.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")
