"""The statutory clock on the official calendar (legal-spec §0.4, E-01, E-02)."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.workcalendar.clock import (
    CalendarNotLoaded,
    DayReason,
    add_calendar_days,
    add_hours,
    add_months,
    add_working_days,
)
from kernel.workcalendar.services import calendar_load

pytestmark = pytest.mark.django_db

D = dt.date


def test_fifteen_working_days_after_christmas_2025_cross_new_year_with_makeup_sunday(
    loaded_calendar: None,
) -> None:
    due = add_working_days(calendar_load(), D(2025, 12, 25), 15)
    assert due.due == D(2026, 1, 16)
    assert D(2026, 1, 4) in due.trace.counted  # make-up Sunday counts
    skipped = {s.date: s.reason for s in due.trace.skipped}
    assert skipped[D(2026, 1, 1)] == DayReason.HOLIDAY
    assert skipped[D(2025, 12, 27)] == DayReason.WEEKEND


def test_fifteen_working_days_across_spring_festival_2026(loaded_calendar: None) -> None:
    due = add_working_days(calendar_load(), D(2026, 1, 30), 15)
    assert due.due == D(2026, 2, 27)
    assert D(2026, 2, 14) in due.trace.counted  # make-up Saturday
    assert all(not (D(2026, 2, 15) <= d <= D(2026, 2, 23)) for d in due.trace.counted)


def test_three_working_days_after_2026_02_12_skip_the_festival(loaded_calendar: None) -> None:
    assert add_working_days(calendar_load(), D(2026, 2, 12), 3).due == D(2026, 2, 24)


def test_start_day_is_not_counted(loaded_calendar: None) -> None:
    # Monday 2026-03-02 + 1 working day = Tuesday (CPL Art 105 ¶2).
    assert add_working_days(calendar_load(), D(2026, 3, 2), 1).due == D(2026, 3, 3)


def test_period_into_an_unloaded_year_raises_naming_the_year(loaded_calendar: None) -> None:
    with pytest.raises(CalendarNotLoaded) as exc:
        add_working_days(calendar_load(), D(2026, 12, 20), 15)
    assert exc.value.year == 2027
    assert "2027" in str(exc.value)


def test_start_in_unloaded_year_is_refused_not_guessed(loaded_calendar: None) -> None:
    with pytest.raises(CalendarNotLoaded):
        add_working_days(calendar_load(), D(2030, 6, 3), 1)


def test_calendar_days_last_day_on_holiday_rolls_to_next_working_day(
    loaded_calendar: None,
) -> None:
    # 5 days from 2025-09-26 ends 2025-10-01 (National Day) -> 2025-10-09 (first workday after;
    # 2025-09-28 and 10-11 are make-up workdays).
    due = add_calendar_days(calendar_load(), D(2025, 9, 26), 5)
    assert due.trace.rolled_over_from == D(2025, 10, 1)
    assert due.due == D(2025, 10, 9)


def test_calendar_days_in_custody_are_not_extended_for_holidays(loaded_calendar: None) -> None:
    due = add_calendar_days(calendar_load(), D(2025, 9, 26), 5, in_custody=True)
    assert due.due == D(2025, 10, 1)
    assert "Art 105" in due.trace.notes[0]


def test_one_month_from_january_31_ends_on_last_day_of_february(loaded_calendar: None) -> None:
    due = add_months(calendar_load(), D(2026, 1, 31), 1, roll_over=False)
    assert due.due == D(2026, 2, 28)


def test_month_period_ending_on_weekend_rolls_over(loaded_calendar: None) -> None:
    # 2026-02-07 + 1 month = Saturday 2026-03-07 -> Monday 2026-03-09.
    assert add_months(calendar_load(), D(2026, 2, 7), 1).due == D(2026, 3, 9)


def test_hours_start_counting_at_the_next_full_hour() -> None:
    start = dt.datetime(2026, 5, 1, 9, 40, tzinfo=dt.UTC)
    assert add_hours(start, 24).due == dt.datetime(2026, 5, 2, 10, 0, tzinfo=dt.UTC)


def test_regional_override_makes_a_national_workday_a_holiday(loaded_calendar: None) -> None:
    from kernel.workcalendar.models import OfficialDay

    OfficialDay.objects.create(date=D(2026, 3, 3), kind="holiday", name="三月三", region_code="45")
    from kernel.workcalendar.models import CalendarYear

    CalendarYear.objects.get(year=2026).save()  # touch: invalidates the cached snapshot
    national = add_working_days(calendar_load(), D(2026, 3, 2), 1)
    guangxi = add_working_days(calendar_load(region_code="450100"), D(2026, 3, 2), 1)
    assert national.due == D(2026, 3, 3)
    assert guangxi.due == D(2026, 3, 4)


def test_zero_or_negative_lengths_are_refused(loaded_calendar: None) -> None:
    with pytest.raises(ValueError, match="at least one"):
        add_working_days(calendar_load(), D(2026, 3, 2), 0)
