"""Loading, syncing and editing the official calendar. Every change is an audit event."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from kernel.audit.services import audit_record

from .clock import WorkingCalendar
from .models import CalendarYear, OfficialDay
from .signals import calendar_year_changed

_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple[Any, ...], WorkingCalendar]] = {}


def _calendar_version() -> tuple[Any, ...]:
    agg = CalendarYear.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    return (agg["n"], agg["changed"])


def calendar_load(*, region_code: str = "") -> WorkingCalendar:
    """The calendar snapshot for a region (national when blank), cached until it changes.

    One aggregate query per call checks whether the cached snapshot is still current, so a
    year entered by an administrator is used at once by every process.
    """
    version = _calendar_version()
    with _cache_lock:
        cached = _cache.get(region_code)
        if cached is not None and cached[0] == version:
            return cached[1]
    years = {y.year: y.source_notice for y in CalendarYear.objects.all()}
    regions = [""]
    if region_code:
        regions += [region_code[:2], region_code] if len(region_code) == 6 else [region_code]
    holidays: dict[dt.date, str] = {}
    makeups: dict[dt.date, str] = {}
    # National first, then the province, then the county: the most specific entry wins.
    rows = OfficialDay.objects.filter(region_code__in=regions).values_list(
        "date", "kind", "name", "region_code"
    )
    for date, kind, name, _region in sorted(rows, key=lambda r: (len(r[3]), r[0])):
        holidays.pop(date, None)
        makeups.pop(date, None)
        (holidays if kind == OfficialDay.Kind.HOLIDAY else makeups)[date] = name
    calendar = WorkingCalendar(
        loaded_years=frozenset(years),
        holidays=holidays,
        makeup_workdays=makeups,
        region_code=region_code,
        sources=years,
    )
    with _cache_lock:
        _cache[region_code] = (version, calendar)
    return calendar


def calendar_cache_clear() -> None:
    with _cache_lock:
        _cache.clear()


@dataclass(frozen=True)
class DayEntry:
    date: dt.date
    kind: str
    name: str = ""
    region_code: str = ""


@transaction.atomic
def calendar_year_replace(
    *,
    year: int,
    source_notice: str,
    days: list[DayEntry],
    actor: Any,
    published_on: dt.date | None = None,
) -> CalendarYear:
    """Enter (or correct) one year's official schedule from the State Council's notice."""
    errors = [
        _("%(date)s is not in %(year)s.") % {"date": d.date.isoformat(), "year": year}
        for d in days
        if d.date.year != year
    ]
    seen: set[tuple[dt.date, str]] = set()
    for d in days:
        if d.kind not in OfficialDay.Kind.values:
            errors.append(
                _("%(date)s: unknown kind “%(kind)s” (use holiday or makeup_workday).")
                % {"date": d.date.isoformat(), "kind": d.kind}
            )
        if d.kind == OfficialDay.Kind.MAKEUP_WORKDAY and d.date.weekday() < 5:
            errors.append(
                _("%(date)s is a weekday: only a Saturday or Sunday can be a make-up workday.")
                % {"date": d.date.isoformat()}
            )
        key = (d.date, d.region_code)
        if key in seen:
            errors.append(_("%(date)s is listed twice.") % {"date": d.date.isoformat()})
        seen.add(key)
    if not source_notice.strip():
        errors.append(_("Name the State Council notice the schedule comes from."))
    if errors:
        raise ValidationError(errors)
    existing = CalendarYear.objects.select_for_update().filter(year=year).first()
    before = sorted(
        (d.date.isoformat(), d.kind, d.region_code)
        for d in OfficialDay.objects.filter(date__year=year)
    )
    if existing is None:
        calendar_year = CalendarYear.objects.create(
            year=year,
            source_notice=source_notice,
            published_on=published_on,
            loaded_by=getattr(actor, "username", "") or "system",
        )
    else:
        calendar_year = existing
        calendar_year.source_notice = source_notice
        calendar_year.published_on = published_on
        calendar_year.loaded_by = getattr(actor, "username", "") or "system"
        calendar_year.save()
    OfficialDay.objects.filter(date__year=year).delete()
    OfficialDay.objects.bulk_create(
        OfficialDay(
            date=d.date,
            kind=d.kind,
            name=d.name,
            region_code=d.region_code,
            source_notice=source_notice,
        )
        for d in days
    )
    after = sorted((d.date.isoformat(), d.kind, d.region_code) for d in days)
    audit_record(
        actor=actor,
        action="calendar.year_loaded" if existing is None else "calendar.year_corrected",
        obj=calendar_year,
        reason=source_notice,
        payload={
            "year": year,
            "holidays": sum(1 for d in days if d.kind == OfficialDay.Kind.HOLIDAY),
            "makeup_workdays": sum(1 for d in days if d.kind == OfficialDay.Kind.MAKEUP_WORKDAY),
            "added": sorted(set(map(tuple, after)) - set(map(tuple, before))),  # type: ignore[arg-type]
            "removed": sorted(set(map(tuple, before)) - set(map(tuple, after))),  # type: ignore[arg-type]
        },
    )
    calendar_year_changed.send(sender=CalendarYear, year=year, actor=actor)
    return calendar_year


CSV_HEADER = ["date", "kind", "name", "region_code"]


def parse_calendar_csv(content: bytes, *, year: int) -> list[DayEntry]:
    """Parse an uploaded CSV (date,kind,name[,region_code]); every bad line is reported."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text. Save the CSV as UTF-8.")) from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"date", "kind"} <= set(reader.fieldnames):
        raise ValidationError(_("The first line must be the header: date,kind,name,region_code."))
    entries: list[DayEntry] = []
    errors: list[str] = []
    for line_no, row in enumerate(reader, start=2):
        raw_date = (row.get("date") or "").strip()
        try:
            day = dt.date.fromisoformat(raw_date)
        except ValueError:
            errors.append(
                _("Line %(line)s: “%(value)s” is not a date (use YYYY-MM-DD).")
                % {"line": line_no, "value": raw_date}
            )
            continue
        kind = (row.get("kind") or "").strip()
        if kind not in OfficialDay.Kind.values:
            errors.append(
                _("Line %(line)s: kind must be holiday or makeup_workday.") % {"line": line_no}
            )
            continue
        region = (row.get("region_code") or "").strip()
        if region and not (region.isdigit() and len(region) in (2, 6)):
            errors.append(
                _("Line %(line)s: region code must have 2 or 6 digits.") % {"line": line_no}
            )
            continue
        entries.append(DayEntry(day, kind, (row.get("name") or "").strip(), region))
    if errors:
        raise ValidationError(errors)
    if not entries:
        raise ValidationError(_("The file lists no days."))
    wrong_year = [e for e in entries if e.date.year != year]
    if wrong_year:
        raise ValidationError(
            _("%(date)s is not in %(year)s.")
            % {"date": wrong_year[0].date.isoformat(), "year": year}
        )
    return entries


def calendar_sync(*, actor: Any = None, years: list[int] | None = None) -> list[int]:
    """Seed official days from the `chinese-calendar` package for the years it knows.

    Only seed data: the package stops at the last schedule it ships (2026 for 1.11), and a year
    already loaded is left alone so an administrator's correction is never overwritten.
    """
    import chinese_calendar
    from chinese_calendar.constants import holidays as pkg_holidays
    from chinese_calendar.constants import workdays as pkg_workdays

    known = sorted({d.year for d in pkg_holidays} & {d.year for d in pkg_workdays})
    wanted = [y for y in (years or known) if y in known]
    already = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    loaded: list[int] = []
    for year in wanted:
        if year in already:
            continue
        days: list[DayEntry] = []
        for date, holiday in pkg_holidays.items():
            if date.year == year:
                days.append(DayEntry(date, OfficialDay.Kind.HOLIDAY, _holiday_name(holiday)))
        for date, holiday in pkg_workdays.items():
            if date.year == year and date.weekday() >= 5:
                days.append(DayEntry(date, OfficialDay.Kind.MAKEUP_WORKDAY, _holiday_name(holiday)))
        calendar_year_replace(
            year=year,
            source_notice=f"国务院办公厅{year}年部分节假日安排通知 (chinese-calendar "
            f"{getattr(chinese_calendar, '__version__', '')})",
            days=days,
            actor=actor,
        )
        loaded.append(year)
    return loaded


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _holiday_name(holiday: Any) -> str:
    english = str(getattr(holiday, "value", holiday))
    return _HOLIDAY_NAMES.get(english, english)
