"""A clock reaching a year whose official schedule is not loaded (legal-spec E-01): no official
date, but the best estimate (Monday to Friday, no holidays, no make-up days), labelled as an
estimate on every page and in the API, driving the alert ladder, and replaced by the official
date when the year is loaded."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from kernel.deadlines.models import Deadline, DeadlineStatus, Rung
from kernel.deadlines.serializers import DeadlineSerializer
from kernel.deadlines.services import deadline_open, sweep
from kernel.notices.models import Notice
from kernel.workcalendar.clock import (
    NOTE_ESTIMATED,
    CalendarNotLoaded,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    estimate,
)
from kernel.workcalendar.services import DayEntry, calendar_year_replace

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
ZH_LABEL = "预计（2027年工作日历未载入，按周末推算）"
EN_LABEL = "estimated (calendar for 2027 not loaded; weekends only)"


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SH)


def _open(world, code: str, when: dt.datetime, org) -> Deadline:
    return deadline_open(
        code=code,
        subject=world.case_a,
        trigger_at=when,
        responsible_organisation=org,
        actor=world.clerk_a,
    )


# --- the pure clock -------------------------------------------------------------------------

CAL_2026 = WorkingCalendar(
    loaded_years=frozenset({2026}), holidays={dt.date(2026, 10, 1): "国庆节"}
)


def test_estimate_counts_the_unloaded_year_monday_to_friday_and_says_which_days() -> None:
    with pytest.raises(CalendarNotLoaded):
        add_working_days(CAL_2026, dt.date(2026, 12, 24), 15)
    due = estimate(CAL_2026, lambda c: add_working_days(c, dt.date(2026, 12, 24), 15))
    # Dec 25, 28-31 (5), Jan 1 counted as a plain Friday (6), Jan 4-8 (11), Jan 11-14 (15).
    assert due.due == dt.date(2027, 1, 14)
    assert due.trace.estimated_years == (2027,)
    assert dt.date(2027, 1, 1) in due.trace.estimated_days
    assert dt.date(2026, 12, 31) not in due.trace.estimated_days
    assert NOTE_ESTIMATED in due.trace.notes
    assert "NOT LOADED" in due.trace.calendar


def test_estimate_of_a_calendar_day_period_rolls_over_weekends_only() -> None:
    # 10 days from 2026-12-30 end on Saturday 2027-01-09: the estimate moves to Monday the 11th.
    due = estimate(CAL_2026, lambda c: add_calendar_days(c, dt.date(2026, 12, 30), 10))
    assert due.due == dt.date(2027, 1, 11)
    assert due.trace.estimated_years == (2027,)


def test_estimate_within_loaded_years_is_the_official_computation() -> None:
    due = estimate(CAL_2026, lambda c: add_working_days(c, dt.date(2026, 9, 28), 3))
    assert due == add_working_days(CAL_2026, dt.date(2026, 9, 28), 3)
    assert due.trace.estimated_years == ()
    assert NOTE_ESTIMATED not in due.trace.notes


# --- stored apart from the official date ----------------------------------------------------


@pytest.mark.django_db
def test_provisional_deadline_stores_the_estimate_never_as_the_official_date(
    loaded_calendar, world
) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    assert deadline.due_date is None and deadline.due_at is None
    assert deadline.provisional_year == 2027
    assert deadline.is_estimate
    assert deadline.estimated_due_date == dt.date(2027, 1, 14)
    assert deadline.estimated_due_at == at(2027, 1, 15, 0)
    assert deadline.trace["provisional"] is True
    assert deadline.trace["estimate"]["estimated_years"] == [2027]
    # The administrators are still told the calendar is missing.
    assert "2027" in Notice.objects.get(recipient=world.sysadmin).subject


@pytest.mark.django_db
def test_estimate_shown_and_labelled_on_the_inbox_and_the_deadline_page(
    loaded_calendar, world
) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    client = world.client_for(world.approver)
    with time_machine.travel(at(2026, 12, 28), tick=False):
        zh = client.get("/").content.decode()
        en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        page = client.get(f"/deadlines/{deadline.pk}/").content.decode()
    for body, label in ((zh, ZH_LABEL), (en, EN_LABEL)):
        table = body[body.index('id="deadlines"') :]
        assert "2027-01-14" in table and label in table
    assert "17 days left" in en
    assert "2027-01-14" in page and ZH_LABEL in page
    assert "2027-01-01" in page  # the estimated days are listed


@pytest.mark.django_db
def test_inbox_sorts_provisional_deadlines_by_their_estimate(loaded_calendar, world) -> None:
    _open(world, "D-04", at(2026, 12, 24), world.pab)  # estimate 2027-01-14
    _open(world, "D-04", at(2026, 12, 18), world.pab)  # estimate 2027-01-08
    _open(world, "D-05", at(2026, 12, 24), world.pab)  # official 2026-12-31
    with time_machine.travel(at(2026, 12, 28), tick=False):
        body = world.client_for(world.approver).get("/").content.decode()
    table = body[body.index('id="deadlines"') :]
    assert table.index("2026-12-31") < table.index("2027-01-08") < table.index("2027-01-14")


@pytest.mark.django_db
def test_case_list_shows_the_next_deadline_by_its_estimate_and_labels_it(
    loaded_calendar, world
) -> None:
    _open(world, "D-14", at(2026, 12, 28), world.prison_a)  # 10 days -> est. Thu 2027-01-07
    client = world.client_for(world.clerk_a)
    body = client.get("/cases/").content.decode()
    assert "2027-01-07" in body and ZH_LABEL in body
    rows = client.get("/api/v1/cases/").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    (row,) = [r for r in rows if r["id"] == world.case_a.pk]
    assert row["next_deadline"] == {
        "kind": "D-14",
        "due": "2027-01-07",
        "estimated": True,
        "estimate_reason": ZH_LABEL,
    }


@pytest.mark.django_db
def test_api_marks_the_estimate_as_an_estimate(loaded_calendar, world) -> None:
    provisional = _open(world, "D-04", at(2026, 12, 24), world.pab)
    official = _open(world, "D-05", at(2026, 12, 24), world.pab)
    data = DeadlineSerializer(provisional).data
    assert data["due_date"] is None and data["due_at"] is None
    assert data["estimated"] is True
    assert data["estimated_due_date"] == "2027-01-14"
    assert data["estimate_reason"] == ZH_LABEL
    data = DeadlineSerializer(official).data
    assert data["estimated"] is False and data["estimate_reason"] is None
    assert data["due_date"] == "2026-12-31"


# --- the alert ladder -----------------------------------------------------------------------


@pytest.mark.django_db
def test_ladder_fires_on_the_estimate_with_the_estimate_wording(loaded_calendar, world) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    rungs = {r.rung: r.fires_at for r in deadline.rungs.all()}
    # No escalation on a guessed date; the officer gets due soon, due today and overdue.
    assert set(rungs) == {Rung.DUE_SOON, Rung.DUE_TODAY, Rung.OVERDUE}
    assert rungs[Rung.DUE_TODAY] == at(2027, 1, 14, 0)
    with time_machine.travel(at(2027, 1, 14, 9), tick=False):
        sweep()
    notices = Notice.objects.filter(recipient=world.approver).order_by("id")
    assert notices.count() == 2  # due soon and due today
    assert all("预计2027-01-14届满" in n.body and "非正式期限" in n.body for n in notices)
    with time_machine.travel(at(2027, 1, 16, 9), tick=False):
        sweep()
    deadline.refresh_from_db()
    assert deadline.rungs.get(rung=Rung.OVERDUE).fired_at is not None
    # Overdue on an estimate warns the office, but the status is not set on a guess and the
    # supervising procuratorate is not told.
    assert deadline.status == DeadlineStatus.OPEN
    assert not Notice.objects.filter(recipient=world.procurator_a).exists()


# --- loading the year -----------------------------------------------------------------------


def _load_2027(world, *days: DayEntry) -> None:
    calendar_year_replace(
        year=2027, source_notice="国办发明电〔2026〕11号", days=list(days), actor=world.sysadmin
    )


@pytest.mark.django_db
def test_loading_the_year_replaces_the_estimate_with_the_official_date_holiday(
    loaded_calendar, world
) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    assert deadline.estimated_due_date == dt.date(2027, 1, 14)
    _load_2027(world, DayEntry(dt.date(2027, 1, 1), "holiday", "元旦"))
    deadline.refresh_from_db()
    # New Year's Day is a holiday: the official date is one working day later.
    assert deadline.due_date == dt.date(2027, 1, 15)
    assert deadline.estimated_due_date is None and deadline.estimated_due_at is None
    assert deadline.provisional_year is None and not deadline.is_estimate
    assert "estimate" not in deadline.trace
    rungs = {r.rung: r.fires_at for r in deadline.rungs.all()}
    assert rungs[Rung.DUE_TODAY] == at(2027, 1, 15, 0)
    assert Rung.ESCALATED in rungs
    page = world.client_for(world.approver).get("/").content.decode()
    assert ZH_LABEL not in page and "2027-01-15" in page


@pytest.mark.django_db
def test_loading_the_year_replaces_the_estimate_with_the_official_date_makeup_day(
    loaded_calendar, world
) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    _load_2027(world, DayEntry(dt.date(2027, 1, 9), "makeup_workday", "调休"))
    deadline.refresh_from_db()
    # Saturday 9 January is worked: the official date is one day earlier than the estimate.
    assert deadline.due_date == dt.date(2027, 1, 13)
    assert deadline.estimated_due_date is None


@pytest.mark.django_db
def test_loading_the_year_makes_an_unchanged_estimate_official(loaded_calendar, world) -> None:
    deadline = _open(world, "D-04", at(2026, 12, 24), world.pab)
    _load_2027(world)
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2027, 1, 14)  # official now: no holiday that week
    assert not deadline.is_estimate


@pytest.mark.django_db
def test_calendar_api_still_refuses_an_unloaded_year_but_hands_the_estimate_marked(
    loaded_calendar, world
) -> None:
    response = world.client_for(world.clerk_a).get(
        "/api/v1/calendar/add-working-days", {"start": "2026-12-24", "days": 15}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["year"] == 2027 and "due" not in body
    assert "并非正式期限" in body["detail"]
    assert body["estimate"]["due"] == "2027-01-14"
    assert body["estimate"]["estimated"] is True
    assert body["estimate"]["estimate_reason"] == ZH_LABEL
