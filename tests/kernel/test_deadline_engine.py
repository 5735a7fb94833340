"""Statutory clocks (legal-spec §4): opened by events, computed on the official calendar,
met by the event that satisfies them, paused and recomputed with an audit trail."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus, Rung
from kernel.deadlines.services import (
    deadline_meet,
    deadline_open,
    deadline_resume,
    deadline_suspend,
    deadline_waive,
)
from kernel.notices.models import Notice
from kernel.workcalendar.services import calendar_year_replace, parse_calendar_csv

pytestmark = pytest.mark.django_db
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SH)


def _open_d04(world, when: dt.datetime) -> Deadline:
    return deadline_open(
        code="D-04",
        subject=world.case_a,
        trigger_at=when,
        responsible_organisation=world.pab,
        actor=world.clerk_a,
    )


def test_d04_fifteen_working_days_across_spring_festival(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 1, 30))
    assert deadline.due_date == dt.date(2026, 2, 27)
    # The period ends at 24:00 of its last day (CPL Art 105).
    assert deadline.due_at == dt.datetime(2026, 2, 28, tzinfo=SH)
    assert deadline.legal_basis == "P2014 Art 14"
    assert deadline.unit == "working_days"
    assert "2026-02-14" in deadline.trace["counted"]
    assert {r.rung for r in deadline.rungs.all()} == set(Rung.values)
    assert AuditEvent.objects.filter(action="deadline.opened").exists()


def test_deadline_into_unloaded_year_is_provisional_and_alerts_the_administrator(
    loaded_calendar, world
) -> None:
    deadline = _open_d04(world, at(2026, 12, 24))
    assert deadline.due_date is None
    assert deadline.provisional_year == 2027
    # The ladder runs on the weekend-only estimate (tests/kernel/test_deadline_estimate.py).
    assert deadline.estimated_due_date == dt.date(2027, 1, 14)
    notice = Notice.objects.get(recipient=world.sysadmin)
    assert "2027" in notice.subject


def test_loading_the_missing_year_computes_the_provisional_deadline(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 12, 24))
    days = parse_calendar_csv(
        b"date,kind,name\n2027-01-01,holiday,\xe5\x85\x83\xe6\x97\xa6\n", year=2027
    )
    calendar_year_replace(
        year=2027, source_notice="国办发明电〔2026〕11号", days=days, actor=world.sysadmin
    )
    deadline.refresh_from_db()
    assert deadline.provisional_year is None
    # Dec 25, 28-31 (5), Jan 1 holiday, Jan 4-8 (10), Jan 11-15 (15).
    assert deadline.due_date == dt.date(2027, 1, 15)
    assert AuditEvent.objects.filter(
        action="deadline.recomputed", object_id=str(deadline.pk)
    ).exists()


def test_correcting_a_year_moves_open_deadlines(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 3, 2))
    assert deadline.due_date == dt.date(2026, 3, 23)
    from kernel.workcalendar.models import OfficialDay
    from kernel.workcalendar.services import DayEntry

    days = [DayEntry(d.date, d.kind, d.name) for d in OfficialDay.objects.filter(date__year=2026)]
    days.append(DayEntry(dt.date(2026, 3, 10), "holiday", "test correction"))
    calendar_year_replace(year=2026, source_notice="corrected", days=days, actor=world.sysadmin)
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2026, 3, 24)


def test_event_meets_the_deadline(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 3, 2))
    deadline_meet(
        subject=world.case_a,
        code="D-04",
        event="decision recorded",
        actor=world.approver,
        at=at(2026, 3, 10),
    )
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MET
    assert deadline.met_by == "decision recorded"


def test_suspension_moves_the_due_date_by_the_paused_working_days(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 3, 2))  # due 2026-03-23
    deadline_suspend(
        deadline=deadline,
        reason="waiting for supplementary medical material",
        actor=world.approver,
        at=at(2026, 3, 5),
    )
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.SUSPENDED
    assert not deadline.rungs.filter(fired_at__isnull=True).exists()
    # Paused Thursday 03-05 to Thursday 03-12: 5 working days (03-06, 09, 10, 11, 12).
    deadline = deadline_resume(deadline=deadline, actor=world.approver, at=at(2026, 3, 12))
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.due_date == dt.date(2026, 3, 30)
    assert deadline.trace["suspensions"][0]["reason"].startswith("waiting")


def test_pause_needs_a_reason_and_waiver_needs_a_reason(loaded_calendar, world) -> None:
    deadline = _open_d04(world, at(2026, 3, 2))
    with pytest.raises(ValidationError):
        deadline_suspend(deadline=deadline, reason=" ", actor=world.approver)
    with pytest.raises(ValidationError):
        deadline_waive(deadline=deadline, reason="", actor=world.approver)
    deadline_waive(deadline=deadline, reason="case withdrawn", actor=world.approver)
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.WAIVED


def test_hours_deadline_runs_through_holidays(world) -> None:
    deadline = deadline_open(
        code="D-16",
        subject=world.case_a,
        trigger_at=at(2026, 10, 1, 9),
        responsible_organisation=world.cci,
        actor=world.officer,
    )
    assert deadline.due_at == at(2026, 10, 2, 10)


def test_unknown_kind_is_refused(world) -> None:
    with pytest.raises(ValueError, match="legal-spec"):
        deadline_open(
            code="D-99",
            subject=world.case_a,
            trigger_at=at(2026, 3, 2),
            responsible_organisation=world.pab,
            actor=world.clerk_a,
        )
