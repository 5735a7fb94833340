"""Public statistics (issue 14): applications, approvals, rejections and revocations by
province, ground and month, and the working days the decisions took against the 15-working-day
limit of D-04 (P2014 Art 14).

Counted from the records, never from a person: every figure is a group count made in SQL (a
fixed number of queries, whatever the number of cases) and cached briefly.

Rules stated on the page:

* Small counts are suppressed: a cell from 1 to `TEOP_PUBLIC_MIN_CELL` − 1 shows "<N" (N =
  the setting, default 5); zero shows 0. A total is the sum of the cells shown only: a
  suppressed cell is left out of every total (marked "≥"), so no total reveals it.
* Juveniles (under 18 at the offence, legal-spec E-31) are excluded from every count.
* A case with several grounds counts once under each of its grounds.
* Applications are counted when the approving authority received the proposal; decisions
  when decided; a revocation is a decision to imprison (P2014 Art 23; CPL Art 268).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import TypeAlias

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Substr, TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from cases.models import ProposalSubmission
from kernel.deadlines.kinds import KINDS
from kernel.workcalendar.clock import CalendarNotLoaded, WorkingCalendar
from kernel.workcalendar.services import calendar_load

from ..models import ApprovalDecision, DecisionKind
from .juveniles import juvenile_cases
from .provinces import province_name

MEASURES = ("applications", "approvals", "rejections", "revocations")
MEASURE_LABELS = {
    "applications": _("Applications"),
    "approvals": _("Approvals"),
    "rejections": _("Rejections"),
    "revocations": _("Revocations (imprisonment)"),
}
GROUNDS = ("medical", "pregnancy", "self_care")
GROUND_LABELS = {
    "medical": _("Serious illness"),
    "pregnancy": _("Pregnancy or nursing"),
    "self_care": _("Cannot take care of oneself"),
}
TIME_MEASURES = ("within", "over", "median")
TIME_LABELS = {
    "within": _("Decided within the limit"),
    "over": _("Decided after the limit"),
    "median": _("Median working days"),
}

_CACHE_KEY = "public-statistics-v1"


def min_cell() -> int:
    return int(getattr(settings, "TEOP_PUBLIC_MIN_CELL", 5))


@dataclass(frozen=True)
class Cell:
    """One published figure: `value` None when suppressed."""

    value: int | None
    at_least: bool = False  # a total that leaves suppressed cells out

    def __str__(self) -> str:
        if self.value is None:
            return f"<{min_cell()}"
        return f"≥{self.value}" if self.at_least else str(self.value)


def cell(count: int) -> Cell:
    return Cell(None) if 0 < count < min_cell() else Cell(count)


def total(cells: Iterable[Cell]) -> Cell:
    cells = list(cells)
    shown = sum(c.value or 0 for c in cells)
    return Cell(shown, at_least=any(c.value is None or c.at_least for c in cells))


@dataclass
class Table:
    key: str
    title: object
    columns: tuple[str, ...]
    column_labels: dict[str, object]
    rows: list[tuple[str, object, dict[str, Cell]]] = field(default_factory=list)  # key, label
    totals: dict[str, Cell] | None = None

    def with_totals(self) -> Table:
        self.totals = {c: total(r[2][c] for r in self.rows) for c in self.columns}
        return self


@dataclass
class Statistics:
    tables: list[Table]
    limit_days: int
    min_cell: int


#: The cached counts: table → row key → measure → count (plain data, no translations).
Raw: TypeAlias = dict[str, dict[str, dict[str, int]]]


def _cells(counts: dict[str, int], columns: Iterable[str]) -> dict[str, Cell]:
    return {c: cell(counts.get(c, 0)) for c in columns}


def _working_days(calendar: WorkingCalendar, start: dt.date, end: dt.date) -> int | None:
    """Working days from `start` (not counted) to `end` (counted), as D-04 counts them."""
    days = 0
    day = start + dt.timedelta(days=1)
    try:
        while day <= end:
            days += calendar.is_working_day(day)
            day += dt.timedelta(days=1)
    except CalendarNotLoaded:
        return None
    return days


def _compute() -> Raw:
    juveniles = juvenile_cases()
    # Query 1: applications, grouped in SQL by province, month and grounds.
    applications = (
        ProposalSubmission.objects.exclude(case__in=juveniles)
        .annotate(
            province=Substr("approving_authority__region_code", 1, 2),
            month=TruncMonth("received_at"),
        )
        .values(
            "province",
            "month",
            "case__ground_medical",
            "case__ground_pregnancy",
            "case__ground_self_care",
        )
        .annotate(n=Count("id"))
    )
    # Query 2: decisions on TEOP and on imprisonment, grouped likewise.
    decisions = (
        ApprovalDecision.objects.filter(
            Q(kind=DecisionKind.TEOP) | Q(kind=DecisionKind.IMPRISONMENT, approved=True)
        )
        .exclude(case__in=juveniles)
        .annotate(
            province=Substr("authority__region_code", 1, 2),
            month=TruncMonth("decided_at"),
        )
        .values(
            "province",
            "month",
            "kind",
            "approved",
            "case__ground_medical",
            "case__ground_pregnancy",
            "case__ground_self_care",
        )
        .annotate(n=Count("id"))
    )
    by_province: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_ground: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(row: dict[str, object], measure: str) -> None:
        n = int(row["n"])  # type: ignore[call-overload]
        by_province[str(row["province"])][measure] += n
        month = row["month"]
        if isinstance(month, dt.datetime | dt.date):
            by_month[f"{month:%Y-%m}"][measure] += n
        for ground in GROUNDS:
            if row[f"case__ground_{ground}"]:
                by_ground[ground][measure] += n

    for row in applications:
        add(row, "applications")
    for row in decisions:
        if row["kind"] == DecisionKind.IMPRISONMENT:
            add(row, "revocations")
        else:
            add(row, "approvals" if row["approved"] else "rejections")

    # Query 3: the decisions' receipt and decision dates (D-04), grouped by the pair of dates.
    pairs = (
        ApprovalDecision.objects.filter(kind=DecisionKind.TEOP, case__submission__isnull=False)
        .exclude(case__in=juveniles)
        .annotate(
            province=Substr("authority__region_code", 1, 2),
            received=TruncDate("case__submission__received_at"),
            decided=TruncDate("decided_at"),
        )
        .values("province", "received", "decided")
        .annotate(n=Count("id"))
    )
    d04 = KINDS["D-04"]
    calendar = calendar_load()  # query 4 (cached snapshot, one check query)
    taken: dict[str, list[int]] = defaultdict(list)
    for row in pairs:
        days = _working_days(calendar, row["received"], row["decided"])
        if days is not None:
            taken[str(row["province"])].extend([days] * int(row["n"]))
    return {
        "province": {k: dict(v) for k, v in by_province.items()},
        "ground": {k: dict(v) for k, v in by_ground.items()},
        "month": {k: dict(v) for k, v in by_month.items()},
        "time": {
            code: {
                "within": sum(1 for v in values if v <= d04.amount),
                "over": sum(1 for v in values if v > d04.amount),
                "n": len(values),
                "median": int(median(values)),
            }
            for code, values in taken.items()
        },
    }


def _tables(raw: Raw) -> list[Table]:
    """The tables in the reader's language, with suppression applied."""
    province = Table("province", _("By province"), MEASURES, dict(MEASURE_LABELS))
    for code, counts in sorted(raw["province"].items()):
        province.rows.append((code, province_name(code), _cells(counts, MEASURES)))
    ground = Table("ground", _("By ground"), MEASURES, dict(MEASURE_LABELS))
    for key in GROUNDS:
        ground.rows.append((key, GROUND_LABELS[key], _cells(raw["ground"].get(key, {}), MEASURES)))
    month = Table("month", _("By month"), MEASURES, dict(MEASURE_LABELS))
    for key, counts in sorted(raw["month"].items()):
        month.rows.append((key, key, _cells(counts, MEASURES)))
    time = Table("time", _("Working days taken to decide"), TIME_MEASURES, dict(TIME_LABELS))
    for code, figures in sorted(raw["time"].items()):
        cells = _cells(figures, ("within", "over"))
        # A median of fewer decisions than the threshold could describe one person.
        enough = figures["n"] >= min_cell()
        cells["median"] = Cell(figures["median"]) if enough else Cell(None)
        time.rows.append((code, province_name(code), cells))
    return [province.with_totals(), ground, month.with_totals(), time]


def public_statistics() -> Statistics:
    """The statistics; the counts are cached for `TEOP_PUBLIC_STATS_CACHE_SECONDS` (default
    300), the tables built in the reader's language on each request."""
    raw: Raw | None = cache.get(_CACHE_KEY)
    if raw is None:
        raw = _compute()
        cache.set(_CACHE_KEY, raw, getattr(settings, "TEOP_PUBLIC_STATS_CACHE_SECONDS", 300))
    return Statistics(tables=_tables(raw), limit_days=KINDS["D-04"].amount, min_cell=min_cell())
