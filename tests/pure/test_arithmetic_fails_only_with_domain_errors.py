"""The pure date arithmetic either answers or raises its domain error, never OverflowError.

Property tests over the whole calendar (years 1 to 9999) and absurd numbers: the sentence
arithmetic raises SentenceError, the counting rules ValueError (DateOutOfRange at the
calendar's ends), the working-day clock CalendarNotLoaded or DateOutOfRange (issue #9 item 6).
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import sentence as arithmetic
from kernel import counting
from kernel.workcalendar.clock import (
    CalendarNotLoaded,
    WorkingCalendar,
    add_calendar_days,
    add_months,
    add_working_days,
)

PROPERTY = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

any_date = st.dates(min_value=dt.date.min, max_value=dt.date.max)
edge_date = st.one_of(
    any_date,
    st.dates(min_value=dt.date(9990, 1, 1), max_value=dt.date.max),
    st.dates(min_value=dt.date.min, max_value=dt.date(1, 12, 31)),
)
big_int = st.one_of(st.integers(min_value=-10, max_value=400), st.integers(0, 10**10))
term = st.builds(
    arithmetic.Term,
    years=st.integers(0, 40),
    months=st.integers(0, 14),
    days=st.integers(0, 400),
)

TRIED = {"count": 0}


def _sentence_facts() -> st.SearchStrategy[arithmetic.SentenceFacts]:
    commutation = st.builds(
        arithmetic.Commutation,
        ruling_date=edge_date,
        kind=st.sampled_from(list(arithmetic.CommutationKind)),
        term=term,
    )
    period = st.tuples(edge_date, st.integers(0, 5000)).map(
        lambda p: arithmetic.NonCountedPeriod(
            p[0], min(p[0] + dt.timedelta(days=min(p[1], (dt.date.max - p[0]).days)), dt.date.max)
        )
    )
    return st.builds(
        arithmetic.SentenceFacts,
        original_type=st.sampled_from(list(arithmetic.SentenceType)),
        original_term=st.one_of(st.none(), term),
        execution_start=edge_date,
        custody_days=big_int,
        commutations=st.lists(commutation, max_size=3).map(tuple),
        non_counted=st.lists(period, max_size=2).map(tuple),
    )


SENTENCE_FUNCTIONS = [
    arithmetic.validate,
    arithmetic.current_type,
    arithmetic.expiry_date,
    arithmetic.original_term_days,
    arithmetic.one_third_served_date,
    arithmetic.seven_years_after_commutation_date,
]


@PROPERTY
@given(facts=_sentence_facts(), on=edge_date)
def test_sentence_arithmetic_answers_or_raises_sentence_error(facts, on) -> None:
    for function in SENTENCE_FUNCTIONS:
        TRIED["count"] += 1
        with contextlib.suppress(arithmetic.SentenceError):
            function(facts)
    for function in (arithmetic.time_served_days, arithmetic.remaining_term_days):
        TRIED["count"] += 1
        with contextlib.suppress(arithmetic.SentenceError):
            function(facts, on)


@PROPERTY
@given(
    start=edge_date,
    years=st.integers(-1, 2000),
    months=st.integers(-1, 30000),
    days=st.integers(-1, 10**9),
)
def test_counting_rules_answer_or_raise_value_error(start, years, months, days) -> None:
    calls = [
        lambda: counting.term_end(start, years=years, months=months, days=days),
        lambda: counting.month_period_end(start, months),
        lambda: counting.days_after(start, days),
        lambda: counting.days_after(start, -days),
        lambda: counting.shift_days(start, days),
    ]
    for call in calls:
        TRIED["count"] += 1
        try:
            result = call()
        except ValueError:
            continue
        assert isinstance(result, dt.date)


# Every day of a year counts as loaded: the clock then runs to the calendar's very end.
EVERY_YEAR = WorkingCalendar(loaded_years=frozenset(range(1, 10000)))
FEW_YEARS = WorkingCalendar(loaded_years=frozenset({2024, 2025, 2026}))


@PROPERTY
@given(
    start=edge_date,
    amount=st.integers(1, 3650),
    calendar=st.sampled_from([EVERY_YEAR, FEW_YEARS]),
    custody=st.booleans(),
)
def test_working_day_clock_answers_or_raises_a_domain_error(
    start, amount, calendar, custody
) -> None:
    calls = [
        lambda: add_working_days(calendar, start, amount),
        lambda: add_calendar_days(calendar, start, amount, in_custody=custody),
        lambda: add_months(calendar, start, min(amount, counting.MAX_MONTHS), in_custody=custody),
    ]
    for call in calls:
        TRIED["count"] += 1
        with contextlib.suppress(CalendarNotLoaded, counting.DateOutOfRange):
            call()


@pytest.mark.usefixtures("english")
def test_the_last_day_of_the_calendar_is_a_domain_error_not_an_overflow() -> None:
    last = dt.date.max
    for call in (
        lambda: add_working_days(EVERY_YEAR, last, 3650),
        lambda: add_calendar_days(EVERY_YEAR, last, 1),
        lambda: add_months(EVERY_YEAR, last, 1),
        lambda: counting.days_after(last, 1),
    ):
        with pytest.raises(counting.DateOutOfRange, match="outside the calendar"):
            call()


def test_report_how_many_inputs_the_properties_tried() -> None:
    # Printed with `pytest -s`: the figure the closing note asks for.
    print(f"\npure arithmetic: {TRIED['count']} fuzzed calls, 0 uncaught errors")
