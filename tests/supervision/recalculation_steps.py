"""Shared steps of the recalculation tests: bring a supervised case back into custody, then
take the acts of `supervision.recalculation` on given days."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.acts.runner import act_run
from supervision.models import Supervision
from supervision.recalculation.acts import RECALCULATION_ACTS

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIRST = dt.date(2026, 7, 1)
LAST = dt.date(2026, 8, 15)
NOTICE_DAY = dt.date(2026, 9, 2)
PROPOSE_DAY = dt.date(2026, 9, 3)
RECEIPT_DAY = dt.date(2026, 9, 4)
RULING_DAY = dt.date(2026, 9, 20)


def proof() -> SimpleUploadedFile:
    return SimpleUploadedFile("抓获证明.pdf", PDF, content_type="application/pdf")


def on(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SH), tick=False)


def returned_to_custody(case: Any) -> Supervision:
    """The lead's transitions, as the revocation and custody parts leave the record."""
    record = Supervision.objects.get(case=case)
    record.propose_revocation()
    record.receive_revocation_proposal()
    record.revoke()
    record.return_to_custody()
    record.ended_on = dt.date(2026, 9, 1)
    record.save()
    return record


def take(case: Any, name: str, day: dt.date, actor: Any, **params: Any) -> Any:
    with on(day):
        return act_run(
            RECALCULATION_ACTS[name],
            case_id=case.pk,
            actor=actor,
            expected_state="under_supervision",
            **params,
        )


def notify(world: Any, case: Any, **extra: Any) -> Any:
    params = {
        "ground": "escape",
        "first_day": FIRST,
        "last_day": LAST,
        "explanation": "收监执行决定作出后脱逃，于2026年8月15日被抓获",
        "proof": proof(),
        **extra,
    }
    return take(case, "recalculation_notice", NOTICE_DAY, world.approver, **params)


def propose(world: Any, case: Any, court: Any = None) -> Any:
    return take(
        case,
        "recalculation_propose",
        PROPOSE_DAY,
        world.clerk_a,
        court=(court or world.court_mid).pk,
        opinion="罪犯脱逃期间不计入执行刑期，建议依法裁定。",
    )


def receive(world: Any, case: Any) -> Any:
    return take(case, "recalculation_receipt_record", RECEIPT_DAY, world.mid_judge)


def rule(world: Any, case: Any, **extra: Any) -> Any:
    params = {
        "not_counted": True,
        "first_day": FIRST,
        "last_day": LAST,
        "reasons": "罪犯在暂予监外执行期间脱逃，脱逃期间依法不计入执行刑期。",
        **extra,
    }
    return take(case, "recalculation_rule", RULING_DAY, world.mid_judge, **params)
