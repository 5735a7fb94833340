"""The statutory clock: pure functions over a loaded official calendar.

Each function returns the due date *and* a trace (rule, unit, every skipped day), so a clerk,
a procurator or a court can check how a deadline was reached. Counting rules (legal-spec §0.4):
- the start day is not counted (CPL Art 105 ¶2);
- working days are Monday to Friday minus public holidays plus the State Council's make-up
  workdays (legal-spec E-01); a year whose schedule is not loaded raises `CalendarNotLoaded`
  (`estimate` gives the weekend-only best guess instead, marked as an estimate in its trace);
- a calendar-day or month period whose last day is a rest day ends on the next working day,
  except while the person is in custody (CPL Art 105 ¶3-4; legal-spec E-02);
- months follow SPC-Interp Art 202 ¶1;
- a period running past 31 December 9999 raises `DateOutOfRange` (a domain error the edges
  answer with 400), never OverflowError.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.utils.translation import gettext_lazy, gettext_noop

from kernel.counting import DateOutOfRange, month_period_end, shift_days
from kernel.errors import Translated

# Rule texts are marked for translation but stay plain strings here: the clock is pure, and
# the screens translate them (`{% translate trace.rule %}`).
RULE_WORKING_DAYS = gettext_noop(
    "CPL Art 105 ¶2 (start day not counted); working days per the State Council holiday "
    "schedule, make-up workdays included (legal-spec E-01)"
)
#: The calendar a computation used, when no working-day calendar was needed.
CALENDAR_DAYS_ONLY = gettext_noop("calendar days (no working-day calendar needed)")
RULE_CALENDAR_DAYS = gettext_noop("CPL Art 105 ¶2 (start day not counted)")
RULE_MONTHS = gettext_noop(
    "SPC Interpretation of the CPL Art 202 ¶1 (same day of the month; month end when that "
    "day does not exist)"
)
RULE_HOURS = gettext_noop("CPL Art 105 ¶1 (the starting hour is not counted)")
NOTE_IN_CUSTODY = gettext_noop(
    "In custody: the period is not extended for holidays (CPL Art 105 ¶4)."
)
NOTE_ROLLED_OVER = gettext_noop(
    "The last day is a rest day: the period ends on the next working day (CPL Art 105 ¶3)."
)
NOTE_MAKEUP_COUNTED = gettext_noop("Make-up workdays are counted as working days.")
NOTE_ESTIMATED = gettext_noop(
    "Estimate, not the official date: the years whose official schedule is not loaded are "
    "counted Monday to Friday, with no public holidays and no make-up workdays (legal-spec "
    "E-01). The date is recomputed when the year is loaded."
)


class CalendarNotLoaded(Translated):
    """A period reaches into a year whose official schedule has not been entered.

    The message reads in the reader's language when shown (the API answers with it).
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            gettext_lazy(
                "The official working-day calendar for %(year)s is not loaded: an administrator "
                "must enter the State Council's holiday schedule for %(year)s before this "
                "period can be computed (no date is guessed)."
            ),
            year=year,
        )


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    HOURS = "hours"


class DayReason(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    reason: DayReason
    name: str = ""


@dataclass(frozen=True)
class Trace:
    rule: str
    unit: Unit
    amount: int
    start: dt.date | dt.datetime
    counted: tuple[dt.date, ...] = ()
    skipped: tuple[SkippedDay, ...] = ()
    rolled_over_from: dt.date | None = None
    calendar: str = ""
    notes: tuple[str, ...] = ()
    # Set only on an estimate: the years counted Monday to Friday because their official
    # schedule is not loaded, and every day of the computation that falls in them.
    estimated_years: tuple[int, ...] = ()
    estimated_days: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Due:
    due: dt.date | dt.datetime
    trace: Trace


@dataclass(frozen=True)
class WorkingCalendar:
    """An immutable snapshot of the official days for one region."""

    loaded_years: frozenset[int]
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[dt.date, str] = field(default_factory=dict)
    region_code: str = ""
    sources: Mapping[int, str] = field(default_factory=dict)

    def describe(self, years: Iterable[int]) -> str:
        region = f"region {self.region_code}" if self.region_code else "national"
        parts = [f"{y}: {self.sources.get(y, 'official schedule')}" for y in sorted(set(years))]
        return f"Official working-day calendar ({region}); " + "; ".join(parts)

    def require(self, day: dt.date) -> None:
        if day.year not in self.loaded_years:
            raise CalendarNotLoaded(day.year)

    def classify(self, day: dt.date) -> tuple[DayReason, str]:
        self.require(day)
        if day in self.holidays:
            return DayReason.HOLIDAY, self.holidays[day]
        if day in self.makeup_workdays:
            return DayReason.MAKEUP_WORKDAY, self.makeup_workdays[day]
        if day.weekday() >= 5:
            return DayReason.WEEKEND, ""
        return DayReason.WORKDAY, ""

    def is_working_day(self, day: dt.date) -> bool:
        reason, _name = self.classify(day)
        return reason in (DayReason.WORKDAY, DayReason.MAKEUP_WORKDAY)


def add_working_days(calendar: WorkingCalendar, start: dt.date, days: int) -> Due:
    """The last day of a period of `days` working days starting on `start`.

    The start day is not counted (CPL Art 105 ¶2); make-up workdays count and public holidays
    and ordinary weekends do not (legal-spec E-01). Used for P2014 Arts 13 (3 WD) and 14 (15 and
    5 WD).
    """
    if days < 1:
        raise ValueError("A working-day period needs at least one working day.")
    counted: list[dt.date] = []
    skipped: list[SkippedDay] = []
    day = start
    while len(counted) < days:
        day = shift_days(day, 1)
        reason, name = calendar.classify(day)
        if reason in (DayReason.WORKDAY, DayReason.MAKEUP_WORKDAY):
            counted.append(day)
        else:
            skipped.append(SkippedDay(day, reason, name))
    makeup_used = any(d in calendar.makeup_workdays for d in counted)
    notes = (NOTE_MAKEUP_COUNTED,) if makeup_used else ()
    return Due(
        due=day,
        trace=Trace(
            rule=RULE_WORKING_DAYS,
            unit=Unit.WORKING_DAYS,
            amount=days,
            start=start,
            counted=tuple(counted),
            skipped=tuple(skipped),
            calendar=calendar.describe({start.year, day.year}),
            notes=notes,
        ),
    )


def _roll_over(
    calendar: WorkingCalendar, last: dt.date, *, in_custody: bool
) -> tuple[dt.date, list[SkippedDay], str]:
    """CPL Art 105 ¶3-4: a last day on a rest day moves to the next working day, unless the
    person is in custody."""
    if in_custody:
        return last, [], NOTE_IN_CUSTODY
    skipped: list[SkippedDay] = []
    day = last
    while True:
        reason, name = calendar.classify(day)
        if reason in (DayReason.WORKDAY, DayReason.MAKEUP_WORKDAY):
            break
        skipped.append(SkippedDay(day, reason, name))
        day = shift_days(day, 1)
    note = NOTE_ROLLED_OVER if skipped else ""
    return day, skipped, note


def add_calendar_days(
    calendar: WorkingCalendar,
    start: dt.date,
    days: int,
    *,
    roll_over: bool = True,
    in_custody: bool = False,
) -> Due:
    """A period of `days` calendar days from `start`, start day not counted (CPL Art 105 ¶2)."""
    if days < 1:
        raise ValueError("A calendar-day period needs at least one day.")
    last = shift_days(start, days)
    return _finish(
        calendar,
        start,
        last,
        Unit.CALENDAR_DAYS,
        days,
        RULE_CALENDAR_DAYS,
        roll_over=roll_over,
        in_custody=in_custody,
    )


def add_months(
    calendar: WorkingCalendar,
    start: dt.date,
    months: int,
    *,
    roll_over: bool = True,
    in_custody: bool = False,
) -> Due:
    """A period of `months` months from `start` (SPC-Interp Art 202 ¶1)."""
    if months < 1:
        raise ValueError("A period in months needs at least one month.")
    last = month_period_end(start, months)
    return _finish(
        calendar,
        start,
        last,
        Unit.MONTHS,
        months,
        RULE_MONTHS,
        roll_over=roll_over,
        in_custody=in_custody,
    )


def _finish(
    calendar: WorkingCalendar,
    start: dt.date,
    last: dt.date,
    unit: Unit,
    amount: int,
    rule: str,
    *,
    roll_over: bool,
    in_custody: bool,
) -> Due:
    notes: list[str] = []
    skipped: list[SkippedDay] = []
    due = last
    years = {start.year, last.year}
    if roll_over:
        due, skipped, note = _roll_over(calendar, last, in_custody=in_custody)
        if note:
            notes.append(note)
        years.add(due.year)
    return Due(
        due=due,
        trace=Trace(
            rule=rule,
            unit=unit,
            amount=amount,
            start=start,
            skipped=tuple(skipped),
            rolled_over_from=last if due != last else None,
            calendar=calendar.describe(years)
            if roll_over and not in_custody
            else CALENDAR_DAYS_ONLY,
            notes=tuple(notes),
        ),
    )


def add_hours(start: dt.datetime, hours: int) -> Due:
    """A period in hours, e.g. P2014 Art 22's 24 hours; rest days do not matter.

    CPL Art 105 ¶1: the hour in which the period starts is not counted, so counting begins at
    the next full hour.
    """
    if hours < 1:
        raise ValueError("A period in hours needs at least one hour.")
    if start.tzinfo is None:
        raise ValueError("A period in hours needs a time with its time zone.")
    try:
        first_full_hour = start.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
        due = first_full_hour + dt.timedelta(hours=hours)
    except OverflowError:
        raise DateOutOfRange(start.date(), "period in hours") from None
    return Due(
        due=due,
        trace=Trace(
            rule=RULE_HOURS,
            unit=Unit.HOURS,
            amount=hours,
            start=start,
            calendar="hours (no calendar needed)",
        ),
    )


def weekends_only_for(calendar: WorkingCalendar, years: Iterable[int]) -> WorkingCalendar:
    """`calendar` with `years` added as Monday-to-Friday years: no holidays, no make-up days.

    Only for an estimate (never for an official date): the State Council's schedule for
    those years is not loaded, so the best guess is the plain working week."""
    extra = frozenset(years) - calendar.loaded_years
    return WorkingCalendar(
        loaded_years=calendar.loaded_years | extra,
        holidays={d: n for d, n in calendar.holidays.items() if d.year not in extra},
        makeup_workdays={d: n for d, n in calendar.makeup_workdays.items() if d.year not in extra},
        region_code=calendar.region_code,
        sources={
            **calendar.sources,
            **dict.fromkeys(extra, "NOT LOADED - estimated, Monday to Friday only"),
        },
    )


def estimate(calendar: WorkingCalendar, compute: Callable[[WorkingCalendar], Due]) -> Due:
    """The best estimate of a period that reaches years whose schedule is not loaded.

    `compute` is one of the clock functions with its arguments bound (e.g.
    `lambda c: add_working_days(c, start, 15)`). Every unloaded year the period reaches is
    counted with weekends only (`weekends_only_for`); the trace names those years, lists the
    estimated days and carries `NOTE_ESTIMATED`. When every year is loaded the result is the
    official computation itself, with no estimated years.
    """
    missing: set[int] = set()
    while True:
        try:
            due = compute(weekends_only_for(calendar, missing) if missing else calendar)
            break
        except CalendarNotLoaded as exc:
            if exc.year in missing:  # pragma: no cover - the extended calendar knows it
                raise
            missing.add(exc.year)
    if not missing:
        return due
    trace = due.trace
    due_day = due.due.date() if isinstance(due.due, dt.datetime) else due.due
    days = {d for d in trace.counted if d.year in missing}
    days |= {s.date for s in trace.skipped if s.date.year in missing}
    if due_day.year in missing:
        days.add(due_day)
    return Due(
        due=due.due,
        trace=replace(
            trace,
            notes=(*trace.notes, NOTE_ESTIMATED),
            estimated_years=tuple(sorted(missing)),
            estimated_days=tuple(sorted(days)),
        ),
    )


_DESCRIBED = re.compile(
    r"Official working-day calendar \((?:region (?P<region>\S+)|national)\); (?P<years>.*)"
)


def calendar_described(text: str) -> str:
    """`WorkingCalendar.describe`'s text (kept in a clock's trace) in the reader's language."""
    from django.utils.translation import gettext

    if text == CALENDAR_DAYS_ONLY:
        return gettext(CALENDAR_DAYS_ONLY)
    match = _DESCRIBED.fullmatch(text)
    if match is None:
        return text
    region = (
        gettext("region %(code)s") % {"code": match["region"]}
        if match["region"]
        else gettext("national")
    )
    years = []
    for part in match["years"].split("; "):
        year, _sep, source = part.partition(": ")
        if source == "official schedule":
            source = gettext("official schedule")
        years.append(gettext("%(year)s: %(source)s") % {"year": year, "source": source})
    return gettext("Official working-day calendar (%(region)s); %(years)s") % {
        "region": region,
        "years": gettext("; ").join(years),
    }
