"""The alert ladder: due soon, due today, overdue, escalated — each rung fires exactly once,
the sweeper is idempotent, and an overdue statutory deadline reaches the procuratorate."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError, transaction

from kernel.deadlines.models import Deadline, DeadlineRung, DeadlineStatus, Rung
from kernel.deadlines.services import deadline_meet, deadline_open, sweep
from kernel.notices.models import Notice

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 9) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SH)


def _subjects(user) -> list[str]:
    return sorted(Notice.objects.filter(recipient=user).values_list("subject", flat=True))


@pytest.fixture
def d04_across_spring_festival(loaded_calendar, world) -> Deadline:
    # Received Friday 2026-01-30; 15 working days -> Friday 2026-02-27 (make-up 02-14 counts,
    # 02-15..02-23 do not). Due soon (5 days before) fires on 02-22, inside the festival.
    with time_machine.travel(at(2026, 1, 30), tick=False):
        return deadline_open(
            code="D-04",
            subject=world.case_a,
            trigger_at=at(2026, 1, 30),
            responsible_organisation=world.pab,
            actor=world.clerk_a,
        )


def test_nothing_fires_before_its_time(d04_across_spring_festival, world) -> None:
    with time_machine.travel(at(2026, 2, 13), tick=False):
        run = sweep()
    assert run.rungs_fired == 0
    assert _subjects(world.approver) == []


def test_ladder_fires_each_rung_once_across_the_spring_festival(
    d04_across_spring_festival, world
) -> None:
    with time_machine.travel(at(2026, 2, 22), tick=False):
        assert sweep().rungs_fired == 1
        assert sweep().rungs_fired == 0  # idempotent
    assert len(_subjects(world.approver)) == 1
    with time_machine.travel(at(2026, 2, 27), tick=False):
        assert sweep().rungs_fired == 1  # due today
    with time_machine.travel(at(2026, 2, 28, 0), tick=False):
        run = sweep()
        assert run.rungs_fired == 1  # overdue at 24:00 of the last day
        assert run.marked_overdue == 1
    d04_across_spring_festival.refresh_from_db()
    assert d04_across_spring_festival.status == DeadlineStatus.OVERDUE
    with time_machine.travel(at(2026, 3, 2), tick=False):
        assert sweep().rungs_fired == 1  # escalated
        assert sweep().rungs_fired == 0
    assert DeadlineRung.objects.filter(fired_at__isnull=True).count() == 0
    assert len(_subjects(world.approver)) == 3  # soon, today, overdue
    # The head of the approving authority is not in the demo world; the procuratorate
    # supervising the authority hears of the overdue deadline once (issue 13).
    assert len(_subjects(world.procurator_prov)) == 1
    assert _subjects(world.clerk_a) == []


def test_a_late_sweep_fires_all_missed_rungs_once(d04_across_spring_festival, world) -> None:
    with time_machine.travel(at(2026, 3, 5), tick=False):
        assert sweep().rungs_fired == 4
        assert sweep().rungs_fired == 0
    keys = Notice.objects.values_list("delivery_key", flat=True)
    assert len(keys) == len(set(keys))


def test_met_deadline_fires_nothing_more(d04_across_spring_festival, world) -> None:
    deadline_meet(
        subject=world.case_a,
        code="D-04",
        event="decision",
        actor=world.approver,
        at=at(2026, 2, 24),
    )
    with time_machine.travel(at(2026, 3, 5), tick=False):
        assert sweep().rungs_fired == 0


def test_a_rung_cannot_exist_twice(d04_across_spring_festival) -> None:
    rung = d04_across_spring_festival.rungs.get(rung=Rung.OVERDUE)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineRung.objects.create(
            deadline=rung.deadline, rung=Rung.OVERDUE, fires_at=rung.fires_at
        )


def test_national_day_roll_over_for_a_ten_day_hand_over(loaded_calendar, world) -> None:
    # D-14: 10 days from 2025-09-26 ends 2025-10-06, inside the National Day holiday;
    # CPL Art 105 moves it to the first working day after, 2025-10-09.
    deadline = deadline_open(
        code="D-14",
        subject=world.case_a,
        trigger_at=at(2025, 9, 26),
        responsible_organisation=world.prison_a,
        actor=world.clerk_a,
    )
    assert deadline.due_date == dt.date(2025, 10, 9)
    with time_machine.travel(at(2025, 10, 6), tick=False):
        assert sweep().rungs_fired == 1  # due soon (3 days before)
    with time_machine.travel(at(2025, 10, 8), tick=False):
        assert sweep().rungs_fired == 0  # not overdue on the old last day
    with time_machine.travel(at(2025, 10, 10, 8), tick=False):
        assert sweep().rungs_fired == 2  # due today missed overnight + overdue
        assert sweep().rungs_fired == 0
    assert Deadline.objects.get(pk=deadline.pk).status == DeadlineStatus.OVERDUE
    assert len(_subjects(world.clerk_a)) == 3
    assert len(_subjects(world.procurator_a)) == 1


def test_health_view_reports_last_sweep_and_backlog(d04_across_spring_festival, world) -> None:
    client = world.client_for(world.sysadmin)
    with time_machine.travel(at(2026, 3, 5), tick=False):
        stale = client.get("/health/deadlines/")
        assert stale.status_code == 503
        assert stale.json()["backlog"] == 4
        sweep()
        fresh = client.get("/health/deadlines/")
    assert fresh.status_code == 200
    assert fresh.json()["backlog"] == 0
    assert world.client_for(world.clerk_a).get("/health/deadlines/").status_code == 403
