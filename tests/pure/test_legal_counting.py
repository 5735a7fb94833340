"""Legal counting: CL Art 99, CPL Art 105, SPC Interpretation of the CPL (2021) Art 202."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from kernel.counting import (
    at_least,
    at_most,
    days_after,
    half_months_to_days,
    inclusive_days,
    month_period_end,
    term_end,
)

D = dt.date


# --- Art 202 ¶1: procedural periods in months -------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "last"),
    [
        (D(2026, 1, 15), 1, D(2026, 2, 15)),
        (D(2026, 7, 1), 1, D(2026, 8, 1)),
        (D(2026, 11, 20), 2, D(2027, 1, 20)),
    ],
)
def test_month_period_runs_to_the_same_day_of_the_next_month(
    start: dt.date, months: int, last: dt.date
) -> None:
    assert month_period_end(start, months) == last


def test_month_period_ends_on_the_last_day_when_the_same_day_does_not_exist() -> None:
    assert month_period_end(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert month_period_end(D(2026, 1, 30), 1) == D(2026, 2, 28)
    assert month_period_end(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_month_period_from_the_last_day_of_a_month_ends_on_the_last_day() -> None:
    assert month_period_end(D(2026, 2, 28), 1) == D(2026, 3, 31)
    assert month_period_end(D(2026, 3, 31), 1) == D(2026, 4, 30)
    assert month_period_end(D(2026, 4, 30), 1) == D(2026, 5, 31)


def test_month_period_of_several_months_keeps_the_end_of_month_rules() -> None:
    assert month_period_end(D(2026, 1, 31), 3) == D(2026, 4, 30)
    assert month_period_end(D(2025, 8, 29), 6) == D(2026, 2, 28)
    assert month_period_end(D(2024, 2, 29), 12) == D(2025, 2, 28)


def test_month_period_of_zero_months_ends_on_the_start() -> None:
    assert month_period_end(D(2026, 5, 9), 0) == D(2026, 5, 9)


def test_month_period_of_negative_months_is_refused() -> None:
    with pytest.raises(ValueError, match=r"cannot be negative \(got -1\)"):
        month_period_end(D(2026, 1, 1), -1)


def test_month_period_longer_than_a_hundred_years_is_refused() -> None:
    assert month_period_end(D(2000, 1, 1), 1200) == D(2100, 1, 1)
    with pytest.raises(ValueError, match="cannot exceed 1200 months"):
        month_period_end(D(2000, 1, 1), 1201)


def test_half_a_month_is_always_fifteen_days() -> None:
    assert half_months_to_days(1) == 15
    assert half_months_to_days(3) == 45
    assert half_months_to_days(0) == 0
    with pytest.raises(ValueError, match="half-months cannot be negative"):
        half_months_to_days(-1)


# --- Art 202 ¶2: sentence terms ---------------------------------------------------------


def test_year_term_ends_the_day_before_the_anniversary() -> None:
    assert term_end(D(2020, 3, 5), years=1) == D(2021, 3, 4)
    assert term_end(D(2020, 1, 1), years=12) == D(2031, 12, 31)


def test_year_term_from_29_february_ends_the_day_before_the_last_day_of_february() -> None:
    assert term_end(D(2020, 2, 29), years=1) == D(2021, 2, 27)
    assert term_end(D(2020, 2, 29), years=4) == D(2024, 2, 28)


def test_year_term_has_no_last_day_of_month_clause() -> None:
    # 28 February 2023 -> the anniversary 28 February 2024 exists, even though 2024 is leap.
    assert term_end(D(2023, 2, 28), years=1) == D(2024, 2, 27)


def test_month_term_ends_the_day_before_the_same_day_of_the_next_month() -> None:
    assert term_end(D(2026, 1, 15), months=1) == D(2026, 2, 14)
    assert term_end(D(2026, 1, 1), months=6) == D(2026, 6, 30)


def test_month_term_ends_the_day_before_the_last_day_when_the_same_day_is_missing() -> None:
    assert term_end(D(2026, 1, 31), months=1) == D(2026, 2, 27)
    assert term_end(D(2026, 1, 30), months=1) == D(2026, 2, 27)


def test_month_term_from_the_last_day_of_a_month_ends_the_day_before_the_next_last_day() -> None:
    assert term_end(D(2026, 2, 28), months=1) == D(2026, 3, 30)
    assert term_end(D(2026, 4, 30), months=1) == D(2026, 5, 30)


def test_years_and_months_together_count_as_one_month_count() -> None:
    # 1 year 1 month = 13 months from 31 Jan 2023: last day of Feb 2024 (29th), minus one.
    assert term_end(D(2023, 1, 31), years=1, months=1) == D(2024, 2, 28)
    assert term_end(D(2020, 3, 5), years=10, months=6) == term_end(D(2020, 3, 5), months=126)


def test_day_term_counts_day_for_day() -> None:
    assert term_end(D(2026, 1, 1), days=1) == D(2026, 1, 1)
    assert term_end(D(2026, 1, 1), days=10) == D(2026, 1, 10)
    assert term_end(D(2026, 1, 15), months=1, days=15) == D(2026, 3, 1)


def test_term_of_zero_length_is_refused() -> None:
    with pytest.raises(ValueError, match="A term of zero length has no last day"):
        term_end(D(2026, 1, 1))


def test_term_with_a_negative_part_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot have a negative part"):
        term_end(D(2026, 1, 1), years=1, days=-1)


@pytest.mark.usefixtures("english")
def test_term_ending_outside_the_calendar_is_refused() -> None:
    with pytest.raises(ValueError, match="ends outside the calendar"):
        term_end(D(9990, 1, 1), years=20)


# --- CL Art 99: inclusive comparisons ---------------------------------------------------


def test_ten_years_inclusive_counts_as_ten_years_or_more() -> None:
    assert at_least(10, 10)
    assert at_least(11, 10)
    assert not at_least(9, 10)


def test_six_months_inclusive_counts_as_six_months_or_less() -> None:
    assert at_most(6, 6)
    assert at_most(5, 6)
    assert not at_most(7, 6)


def test_inclusive_comparisons_work_on_fractions_and_dates() -> None:
    assert at_least(Fraction(1, 3), Fraction(1, 3))
    assert at_least(Fraction(1, 2), Fraction(1, 3))
    assert not at_least(Fraction(1, 4), Fraction(1, 3))
    assert at_least(D(2026, 3, 1), D(2026, 3, 1))
    assert at_most(D(2026, 3, 1), D(2026, 3, 1))
    assert not at_most(D(2026, 3, 2), D(2026, 3, 1))


def test_inclusive_comparisons_work_on_month_and_day_spans() -> None:
    assert at_least((120, 0), (120, 0))
    assert not at_least((119, 30), (120, 0))


# --- CPL Art 105: the start day is not counted ------------------------------------------


def test_period_within_five_days_ends_on_the_fifth_day_after() -> None:
    assert days_after(D(2026, 3, 2), 5) == D(2026, 3, 7)


def test_period_in_days_crosses_month_and_year_ends() -> None:
    assert days_after(D(2026, 12, 30), 3) == D(2027, 1, 2)
    assert days_after(D(2024, 2, 28), 1) == D(2024, 2, 29)
    assert days_after(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_inclusive_days_counts_both_ends() -> None:
    assert inclusive_days(D(2026, 3, 2), D(2026, 3, 2)) == 1
    assert inclusive_days(D(2026, 3, 1), D(2026, 3, 31)) == 31
    assert inclusive_days(D(2024, 1, 1), D(2024, 12, 31)) == 366


def test_inclusive_days_refuses_a_last_day_before_the_first() -> None:
    with pytest.raises(ValueError, match=r"last day \(2026-03-01\) is before the first day"):
        inclusive_days(D(2026, 3, 2), D(2026, 3, 1))


def test_article_references_read_in_chinese() -> None:
    from kernel.legal_refs import chinese_number, cite_zh

    assert chinese_number(105) == "一百零五"
    assert chinese_number(10) == "十"
    assert chinese_number(630) == "六百三十"
    assert cite_zh("P2014 Art 13 ¶3") == "《暂予监外执行规定》第十三条第三款"
    assert cite_zh("P2014 Arts 5-7, 33") == "《暂予监外执行规定》第五至七条、第三十三条"
    assert cite_zh("P2014 Art 8 ¶2; CCL Art 17") == (
        "《暂予监外执行规定》第八条第二款；《社区矫正法》第十七条"
    )
    assert cite_zh("P2014 Art 5 ¶1(1) and attachment").endswith("第五条第一款第（一）项及附件")
    assert cite_zh("something else") == "something else"
