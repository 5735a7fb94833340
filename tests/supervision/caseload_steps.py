"""People under community correction for the caseload tests, made quickly: an offender and a
case opened by the prison's clerk (so the case has its deciding organ and procuratorates), a
supervision record at the world's CCI, and the open clock of the next review (D-15)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import time_machine

from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant
from cases.services import case_open
from kernel.deadlines.services import deadline_open
from supervision.models import Supervision
from tests.conftest import _register

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def person(
    world: Any,
    name: str,
    seq: int,
    *,
    review_from: dt.date | None = None,
    cci: Any = None,
    **fields: Any,
) -> Supervision:
    """`name` under supervision at `cci` (the world's by default); with `review_from`, the
    D-15 clock runs three months from that day."""
    offender = _register(world.clerk_a, name, seq)
    case = case_open(
        actor=world.clerk_a,
        offender=offender,
        number=f"浙狱暂〔2026〕{seq:03d}号",
        opened_on=dt.date(2026, 1, 5),
        ground_medical=not (fields.get("ground_pregnancy") or fields.get("ground_self_care")),
        ground_pregnancy=bool(fields.get("ground_pregnancy")),
        ground_self_care=bool(fields.get("ground_self_care")),
    )
    cci = cci or world.cci
    CaseParticipant.objects.create(case=case, organisation=cci, capacity=Capacity.EXECUTING_CCI)
    values: dict[str, Any] = {
        "ground_medical": case.ground_medical,
        "expiry_date": dt.date(2029, 6, 30),
        **fields,
    }
    record = Supervision.objects.create(
        case=case,
        executing_cci=cci,
        deciding_organ=case.participant(Capacity.DECISION_ORGAN),
        custodial_institution=world.prison_a,
        opened_at=dt.datetime(2026, 1, 10, 10, tzinfo=SH),
        **values,
    )
    if review_from is not None:
        review_clock(world, case, review_from, cci)
    return record


def review_clock(world: Any, case: Case, start: dt.date, cci: Any = None) -> None:
    with time_machine.travel(dt.datetime.combine(start, dt.time(10), tzinfo=SH), tick=False):
        deadline_open(
            code="D-15",
            subject=case,
            trigger_at=dt.datetime.combine(start, dt.time(10), tzinfo=SH),
            responsible_organisation=cci or world.cci,
            actor=world.officer,
        )
