"""The signals computed over the cases a user sees: one query per signal, whatever the size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from cases.models import Case
from cases.selectors import case_list_for_user
from kernel.accounts.models import User

from .signals import SIGNALS, STAGES, Signal, signals_of


def cases_in_scope(user: User) -> QuerySet[Case]:
    """The cases of the user's jurisdiction: those the case list shows the user."""
    return Case.objects.filter(pk__in=case_list_for_user(user=user).values("pk"))


def flagged_cases(signal: Signal, user: User, today: dt.date) -> QuerySet[Case]:
    """The cases behind `signal` in the user's jurisdiction, newest first."""
    flagged = signal.flag(cases_in_scope(user), today).values("pk")
    return (
        Case.objects.filter(pk__in=flagged)
        .select_related("offender", "sentence")
        .order_by("-opened_on", "-pk")
    )


@dataclass
class SignalCount:
    signal: Signal
    count: int = 0
    #: {"2026-03": n, …}: the flagged cases by the month the case was opened.
    months: dict[str, int] = field(default_factory=dict)


def dashboard_counts(user: User, today: dt.date) -> list[tuple[str, str, list[SignalCount]]]:
    """Per stage (code, title), each signal with its count and its months: one query a
    signal."""
    scope = cases_in_scope(user)
    counts: dict[str, SignalCount] = {}
    for code, signal in SIGNALS.items():
        rows = (
            Case.objects.filter(pk__in=signal.flag(scope, today).values("pk"))
            .annotate(month=TruncMonth("opened_on"))
            .order_by()
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        entry = SignalCount(signal)
        for row in rows:
            entry.months[row["month"].strftime("%Y-%m")] = row["n"]
            entry.count += row["n"]
        counts[code] = entry
    return [
        (stage, str(title), [counts[s.code] for s in signals_of(stage)]) for stage, title in STAGES
    ]


def trend_series(stages: list[tuple[str, str, list[SignalCount]]]) -> dict[str, object]:
    """The chart's data: the months in order and, per stage, the flagged cases a month."""
    months = sorted({m for _, _, entries in stages for e in entries for m in e.months})
    return {
        "months": months,
        "series": [
            {
                "name": title,
                "data": [sum(e.months.get(m, 0) for e in entries) for m in months],
            }
            for _, title, entries in stages
        ],
    }
