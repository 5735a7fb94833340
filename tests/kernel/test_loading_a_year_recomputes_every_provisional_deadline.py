"""Loading a new year's official calendar recomputes every provisional deadline waiting for it
(legal-spec E-01), set-based: the dates, traces and rungs are those a clock opened after the
load gets, and each recomputation is one audit event on its case's chain, the chains intact."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from kernel.audit.models import AuditEvent
from kernel.audit.services import audit_verify
from kernel.deadlines.models import Deadline
from kernel.deadlines.services import deadline_open
from kernel.workcalendar.services import DayEntry, calendar_year_replace

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
DAYS_2027 = [
    DayEntry(dt.date(2027, 1, 1), "holiday", "元旦"),
    *(DayEntry(dt.date(2027, 2, d), "holiday", "春节") for d in range(6, 13)),
    DayEntry(dt.date(2027, 2, 20), "makeup_workday", "春节"),
]


def _open(world, case, trigger: dt.datetime) -> Deadline:
    with time_machine.travel(trigger, tick=False):
        return deadline_open(
            code="D-04",
            subject=case,
            trigger_at=trigger,
            responsible_organisation=world.pab,
            actor=world.clerk_a,
        )


def _rungs(deadline: Deadline) -> list[tuple[str, dt.datetime]]:
    return sorted(deadline.rungs.values_list("rung", "fires_at"))


def test_loading_a_year_recomputes_each_waiting_deadline_as_if_opened_after(
    loaded_calendar, world
) -> None:
    # Due on 2026-12-31: it does not reach 2027 and is left alone.
    settled = _open(world, world.case_a, dt.datetime(2026, 12, 10, 9, tzinfo=SH))
    triggers = [dt.datetime(2026, 12, day, 9, tzinfo=SH) for day in (18, 18, 28)]
    waiting = [
        _open(world, case, trigger) for case in (world.case_a, world.case_b) for trigger in triggers
    ]
    assert all(d.provisional_year == 2027 for d in waiting)
    events = AuditEvent.objects.filter(action="deadline.recomputed").count()

    calendar_year_replace(year=2027, source_notice="国办发明电", days=DAYS_2027, actor=None)

    for deadline in waiting:
        deadline.refresh_from_db()
        fresh = _open(world, world.case_a, deadline.trigger_at)
        assert deadline.provisional_year is None
        assert deadline.estimated_due_date is None
        assert (deadline.due_date, deadline.due_at) == (fresh.due_date, fresh.due_at)
        assert deadline.trace == fresh.trace
        assert _rungs(deadline) == _rungs(fresh)
    settled_before = settled.updated_at
    settled.refresh_from_db()
    assert (settled.due_date, settled.updated_at) == (dt.date(2026, 12, 31), settled_before)
    assert waiting[-1].due_date == dt.date(2027, 1, 19)  # 2027-01-01 is a holiday
    recomputed = AuditEvent.objects.filter(action="deadline.recomputed").order_by("id")
    assert recomputed.count() - events == len(waiting)
    assert {e.stream for e in recomputed} == {
        f"case:{world.case_a.pk}",
        f"case:{world.case_b.pk}",
    }
    assert audit_verify(checkpoints=False).intact
