"""Sentence arithmetic: CL Arts 42-50, 69, 78; CPL Art 268; SPC Interp. Art 202; P2014 Art 7."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cases.sentence import (
    Commutation,
    CommutationKind,
    NonCountedPeriod,
    SentenceError,
    SentenceFacts,
    SentenceType,
    Term,
    current_type,
    expiry_date,
    non_counted_days,
    one_third_served_date,
    original_term_days,
    remaining_term_days,
    seven_years_after_commutation_date,
    time_served_days,
    validate,
)

# The refusals are asserted in their English msgids; tests/cases shows them in Chinese.
pytestmark = pytest.mark.usefixtures("english")

D = dt.date
ST = SentenceType
K = CommutationKind
START = D(2020, 1, 1)
ESCAPE = NonCountedPeriod(D(2022, 3, 1), D(2022, 3, 10))  # 10 days, both ends included


def fixed(
    years: int = 12,
    months: int = 0,
    *,
    start: dt.date = START,
    custody: int = 0,
    commutations: tuple[Commutation, ...] = (),
    non_counted: tuple[NonCountedPeriod, ...] = (),
    sentence_type: SentenceType = ST.FIXED_TERM,
) -> SentenceFacts:
    return SentenceFacts(
        original_type=sentence_type,
        original_term=Term(years=years, months=months),
        execution_start=start,
        custody_days=custody,
        commutations=commutations,
        non_counted=non_counted,
    )


def indeterminate(
    sentence_type: SentenceType = ST.DEATH_REPRIEVE,
    *commutations: Commutation,
    custody: int = 0,
    non_counted: tuple[NonCountedPeriod, ...] = (),
) -> SentenceFacts:
    return SentenceFacts(
        original_type=sentence_type,
        original_term=None,
        execution_start=START,
        custody_days=custody,
        commutations=commutations,
        non_counted=non_counted,
    )


def reduction(on: dt.date, years: int = 0, months: int = 0, days: int = 0) -> Commutation:
    return Commutation(on, K.REDUCTION, Term(years, months, days))


def to_life(on: dt.date) -> Commutation:
    return Commutation(on, K.TO_LIFE, Term())


def to_fixed(on: dt.date, years: int = 22) -> Commutation:
    return Commutation(on, K.TO_FIXED_TERM, Term(years=years))


def refused(facts: SentenceFacts, message: str) -> None:
    with pytest.raises(SentenceError, match=re.escape(message)):
        validate(facts)


# --- Term and NonCountedPeriod ----------------------------------------------------------


def test_term_prints_compactly() -> None:
    assert str(Term(years=10, months=6)) == "10y 6m"
    assert str(Term(years=1, months=2, days=3)) == "1y 2m 3d"
    assert str(Term(days=15)) == "15d"
    assert str(Term()) == "0d"


def test_term_compares_by_months_and_days() -> None:
    assert Term(years=1, months=6).span == Term(months=18).span == (18, 0)
    assert Term().is_zero
    assert not Term(days=1).is_zero
    assert Term(years=1).end(D(2020, 3, 5)) == D(2021, 3, 4)


def test_term_with_a_negative_part_is_refused() -> None:
    with pytest.raises(SentenceError, match=r"negative part \(got 0 years, -1 months, 0 days\)"):
        Term(months=-1)


def test_non_counted_period_counts_both_ends_and_refuses_reversed_days() -> None:
    assert ESCAPE.days == 10
    assert NonCountedPeriod(D(2022, 3, 1), D(2022, 3, 1)).days == 1
    with pytest.raises(SentenceError, match=r"cannot end \(2022-02-28\) before it begins"):
        NonCountedPeriod(D(2022, 3, 1), D(2022, 2, 28))


# --- validate: impossible inputs --------------------------------------------------------


def test_fixed_term_without_a_term_is_refused() -> None:
    message = "A sentence of fixed-term imprisonment needs a term (years and/or months)."
    refused(SentenceFacts(ST.FIXED_TERM, None, START), message)
    refused(fixed(0, 0), message)


def test_criminal_detention_without_a_term_is_refused() -> None:
    refused(
        SentenceFacts(ST.CRIMINAL_DETENTION, None, START),
        "A sentence of criminal detention needs a term",
    )


def test_life_sentence_with_a_term_is_refused_but_an_empty_term_is_accepted() -> None:
    refused(
        SentenceFacts(ST.LIFE, Term(years=10), START),
        "A sentence of life imprisonment has no term; leave the years and months empty (got 10y).",
    )
    refused(
        SentenceFacts(ST.DEATH_REPRIEVE, Term(months=1), START),
        "A sentence of death with reprieve has no term",
    )
    validate(SentenceFacts(ST.LIFE, Term(), START))


def test_negative_custody_credit_is_refused() -> None:
    refused(fixed(custody=-1), "Pre-trial custody credit cannot be negative (got -1 days).")


def test_criminal_detention_runs_from_one_month_to_one_year_inclusive() -> None:
    for months in (1, 6, 12):
        validate(fixed(0, months, sentence_type=ST.CRIMINAL_DETENTION))
    message = (
        "A sentence of criminal detention must be from 1 month to 6 months, or up to 1 year "
        "for several crimes (CL Arts 42, 69); got {}."
    )
    refused(fixed(1, 1, sentence_type=ST.CRIMINAL_DETENTION), message.format("1y 1m"))
    refused(SentenceFacts(ST.CRIMINAL_DETENTION, Term(days=20), START), message.format("20d"))


def test_fixed_term_runs_from_six_months_to_twenty_five_years_inclusive() -> None:
    for years, months in ((0, 6), (15, 0), (25, 0)):
        validate(fixed(years, months))
    message = (
        "A sentence of fixed-term imprisonment must be from 6 months to 15 years, or up to "
        "25 years for several crimes (CL Arts 45, 69); got {}."
    )
    refused(fixed(0, 5), message.format("5m"))
    refused(fixed(25, 1), message.format("25y 1m"))
    refused(SentenceFacts(ST.FIXED_TERM, Term(years=25, days=1), START), message.format("25y 1d"))


def test_reduction_of_a_life_sentence_is_refused() -> None:
    refused(
        indeterminate(ST.LIFE, reduction(D(2023, 1, 1), years=2)),
        "The term cannot be reduced by the ruling of 2023-01-01 while the sentence is life "
        "imprisonment; it must first be commuted to a fixed term.",
    )


def test_commutation_of_a_fixed_term_to_life_is_refused() -> None:
    refused(
        fixed(commutations=(to_life(D(2023, 1, 1)),)),
        "Only death with reprieve can be commuted to life imprisonment; when the ruling of "
        "2023-01-01 was made the sentence was fixed-term imprisonment.",
    )
    refused(
        indeterminate(ST.LIFE, to_life(D(2023, 1, 1))),
        "the sentence was life imprisonment.",
    )


def test_commutation_of_a_fixed_term_to_a_fixed_term_is_refused() -> None:
    refused(
        indeterminate(ST.LIFE, to_fixed(D(2023, 1, 1)), to_fixed(D(2024, 1, 1))),
        "Only death with reprieve or life imprisonment can be commuted to a fixed term; when "
        "the ruling of 2024-01-01 was made the sentence was already fixed-term imprisonment.",
    )


def test_commutation_to_life_carries_no_term() -> None:
    refused(
        indeterminate(ST.DEATH_REPRIEVE, Commutation(D(2022, 1, 1), K.TO_LIFE, Term(years=20))),
        "A commutation to life imprisonment (ruling of 2022-01-01) has no term; got 20y.",
    )


def test_commutation_to_more_than_twenty_five_years_is_refused() -> None:
    refused(
        indeterminate(ST.DEATH_REPRIEVE, to_fixed(D(2022, 1, 1), years=26)),
        "The fixed term set by the ruling of 2022-01-01 must be from 6 months to 15 years, "
        "or up to 25 years for several crimes (CL Arts 45, 69); got 26y.",
    )


def test_reduction_without_an_amount_is_refused() -> None:
    refused(
        fixed(commutations=(reduction(D(2023, 1, 1)),)),
        "The reduction ruled on 2023-01-01 needs an amount (years, months, days).",
    )


def test_commutations_out_of_date_order_are_refused() -> None:
    message = (
        "Commutation rulings must be in date order, one per date: the ruling of 2023-01-01 is "
        "listed after the ruling of 2024-01-01."
    )
    refused(fixed(commutations=(reduction(D(2024, 1, 1), 1), reduction(D(2023, 1, 1), 1))), message)
    refused(
        fixed(commutations=(reduction(D(2023, 1, 1), 1), reduction(D(2023, 1, 1), 1))),
        "the ruling of 2023-01-01 is listed after the ruling of 2023-01-01.",
    )


def test_commutation_before_execution_start_is_refused() -> None:
    refused(
        fixed(commutations=(reduction(D(2019, 12, 31), 1),)),
        "The commutation ruling of 2019-12-31 is dated before the sentence began to be "
        "executed (2020-01-01).",
    )


def test_reduction_longer_than_the_remaining_term_is_refused() -> None:
    # One year from 2020-01-01 ends 2020-12-31; on 2020-10-01 three months remain.
    refused(
        fixed(1, commutations=(reduction(D(2020, 10, 1), months=6),)),
        "The reduction ruled on 2020-10-01 (6m) is longer than the term that remained on "
        "that date.",
    )
    exact = fixed(1, commutations=(reduction(D(2020, 10, 1), months=3),))
    assert expiry_date(exact) == D(2020, 9, 30)


def test_reduction_after_the_sentence_expired_is_refused() -> None:
    refused(
        fixed(1, commutations=(reduction(D(2021, 1, 5), days=1),)),
        "The sentence had already expired on 2020-12-31, before the reduction ruled on 2021-01-05.",
    )


def test_non_counted_period_before_execution_start_is_refused() -> None:
    refused(
        fixed(non_counted=(NonCountedPeriod(D(2019, 12, 1), D(2020, 1, 5)),)),
        "The period not counted from 2019-12-01 begins before the sentence began to be "
        "executed (2020-01-01).",
    )


def test_overlapping_non_counted_periods_are_refused() -> None:
    refused(
        fixed(non_counted=(ESCAPE, NonCountedPeriod(D(2022, 3, 10), D(2022, 4, 1)))),
        "The periods not counted from 2022-03-01 and from 2022-03-10 overlap",
    )


def test_every_calculation_refuses_impossible_facts() -> None:
    facts = fixed(custody=-1)
    for calculation in (expiry_date, current_type, original_term_days, one_third_served_date):
        with pytest.raises(SentenceError):
            calculation(facts)
    with pytest.raises(SentenceError):
        time_served_days(facts, START)


# --- Expiry (legal-spec E-04) -----------------------------------------------------------


def test_fixed_term_expires_on_the_day_before_the_anniversary() -> None:
    assert expiry_date(fixed(12)) == D(2031, 12, 31)
    assert expiry_date(fixed(10, 6, start=D(2020, 3, 5))) == D(2030, 9, 4)


def test_custody_is_credited_day_for_day() -> None:
    assert expiry_date(fixed(12, custody=100)) == D(2031, 9, 22)


def test_criminal_detention_expiry_uses_the_month_end_rule_and_custody() -> None:
    facts = fixed(0, 5, start=D(2026, 1, 31), custody=20, sentence_type=ST.CRIMINAL_DETENTION)
    assert expiry_date(facts) == D(2026, 6, 9)


def test_reduction_moves_the_expiry_earlier_by_its_amount() -> None:
    assert expiry_date(fixed(commutations=(reduction(D(2025, 6, 1), years=1),))) == D(2030, 12, 31)
    assert expiry_date(fixed(commutations=(reduction(D(2025, 6, 1), days=10),))) == D(2031, 12, 21)


def test_month_reduction_ends_where_the_shorter_term_would() -> None:
    facts = fixed(10, start=D(2020, 3, 1), commutations=(reduction(D(2025, 1, 1), months=1),))
    assert expiry_date(facts) == D(2030, 1, 31)
    assert expiry_date(fixed(9, 11, start=D(2020, 3, 1))) == D(2030, 1, 31)


def test_successive_reductions_accumulate() -> None:
    facts = fixed(
        commutations=(reduction(D(2024, 1, 1), years=1), reduction(D(2026, 1, 1), months=6))
    )
    assert expiry_date(facts) == D(2030, 6, 30)


def test_non_counted_days_push_the_expiry_later_both_ends_included() -> None:
    facts = fixed(non_counted=(ESCAPE,))
    assert non_counted_days(facts) == 10
    assert expiry_date(facts) == D(2032, 1, 10)


def test_life_and_death_with_reprieve_have_no_expiry() -> None:
    assert expiry_date(indeterminate(ST.LIFE)) is None
    assert expiry_date(indeterminate(ST.DEATH_REPRIEVE)) is None
    assert expiry_date(indeterminate(ST.DEATH_REPRIEVE, to_life(D(2022, 1, 10)))) is None


def test_commuted_fixed_term_runs_from_the_ruling_date_without_earlier_credit() -> None:
    facts = indeterminate(
        ST.DEATH_REPRIEVE,
        to_life(D(2022, 1, 10)),
        to_fixed(D(2025, 1, 10), years=22),
        custody=200,
        non_counted=(NonCountedPeriod(D(2021, 1, 1), D(2021, 1, 31)),),
    )
    assert expiry_date(facts) == D(2047, 1, 9)


def test_reduction_after_commutation_to_a_fixed_term_shortens_the_new_term() -> None:
    facts = indeterminate(
        ST.LIFE, to_fixed(D(2025, 1, 10), years=22), reduction(D(2028, 1, 10), years=1)
    )
    assert expiry_date(facts) == D(2046, 1, 9)


def test_current_type_follows_the_commutations_up_to_a_date() -> None:
    facts = indeterminate(ST.DEATH_REPRIEVE, to_life(D(2022, 1, 10)), to_fixed(D(2025, 1, 10)))
    assert current_type(facts, D(2022, 1, 9)) is ST.DEATH_REPRIEVE
    assert current_type(facts, D(2022, 1, 10)) is ST.LIFE
    assert current_type(facts, D(2025, 1, 10)) is ST.FIXED_TERM
    assert current_type(facts) is ST.FIXED_TERM
    assert current_type(fixed(commutations=(reduction(D(2024, 1, 1), 1),))) is ST.FIXED_TERM


# --- Time served and remaining ----------------------------------------------------------


def test_time_served_counts_completed_days_plus_custody() -> None:
    assert time_served_days(fixed(custody=100), START) == 100
    assert time_served_days(fixed(custody=100), D(2021, 1, 1)) == 366 + 100


def test_time_served_leaves_out_non_counted_days_before_the_date() -> None:
    facts = fixed(non_counted=(ESCAPE,))
    assert time_served_days(facts, D(2022, 3, 5)) == 794 - 4
    assert time_served_days(facts, D(2023, 1, 1)) == 1096 - 10


def test_time_served_is_never_negative() -> None:
    assert time_served_days(fixed(), D(2019, 1, 1)) == 0


def test_serving_the_whole_term_ends_exactly_at_expiry() -> None:
    facts = fixed(custody=100, non_counted=(ESCAPE,))
    expiry = expiry_date(facts)
    assert expiry is not None
    assert time_served_days(facts, expiry + dt.timedelta(days=1)) == original_term_days(facts)


def test_remaining_term_counts_the_expiry_day_and_is_zero_after() -> None:
    facts = fixed()
    assert remaining_term_days(facts, D(2031, 12, 1)) == 31
    assert remaining_term_days(facts, D(2031, 12, 31)) == 1
    assert remaining_term_days(facts, D(2032, 1, 1)) == 0
    assert remaining_term_days(indeterminate(ST.LIFE), D(2030, 1, 1)) is None


def test_original_term_days_are_counted_on_the_calendar() -> None:
    assert original_term_days(fixed(12)) == 4383
    assert original_term_days(fixed(0, 6, start=D(2026, 1, 1))) == 181
    assert original_term_days(indeterminate(ST.LIFE)) is None


# --- P2014 Art 7 ¶1 thresholds (EL-30, EL-30b) ------------------------------------------


def test_one_third_of_twelve_years_from_2020_01_01_is_reached_on_2024_01_01() -> None:
    facts = fixed(12)
    assert one_third_served_date(facts) == D(2024, 1, 1)
    assert time_served_days(facts, D(2024, 1, 1)) == 1461


def test_one_third_threshold_rounds_up_and_is_reached_inclusively() -> None:
    facts = fixed(10)  # 3653 days; one third is 1217.67, so 1218 days
    reached = one_third_served_date(facts)
    assert reached == D(2023, 5, 3)
    assert time_served_days(facts, reached) == 1218
    assert time_served_days(facts, reached - dt.timedelta(days=1)) == 1217


def test_one_third_date_is_earlier_by_the_custody_credit() -> None:
    assert one_third_served_date(fixed(12, custody=100)) == D(2023, 9, 23)


def test_one_third_date_is_later_by_the_non_counted_days() -> None:
    assert one_third_served_date(fixed(12, non_counted=(ESCAPE,))) == D(2024, 1, 11)


def test_one_third_date_counts_an_escape_straddling_it_in_full() -> None:
    straddling = NonCountedPeriod(D(2023, 12, 25), D(2024, 1, 20))  # 27 days
    facts = fixed(12, non_counted=(straddling,))
    reached = one_third_served_date(facts)
    assert reached == D(2024, 1, 28)
    assert time_served_days(facts, reached) == 1461


def test_one_third_date_is_not_postponed_by_a_later_escape() -> None:
    later = NonCountedPeriod(D(2025, 1, 1), D(2025, 1, 31))
    assert one_third_served_date(fixed(12, non_counted=(later,))) == D(2024, 1, 1)


def test_one_third_uses_the_original_term_despite_reductions() -> None:
    facts = fixed(12, commutations=(reduction(D(2022, 1, 1), years=2),))
    assert one_third_served_date(facts) == D(2024, 1, 1)


def test_one_third_does_not_apply_to_original_life_or_death_reprieve() -> None:
    assert one_third_served_date(indeterminate(ST.LIFE, to_fixed(D(2022, 1, 1)))) is None
    assert one_third_served_date(indeterminate(ST.DEATH_REPRIEVE)) is None


def test_seven_years_after_commutation_is_reached_on_the_anniversary() -> None:
    facts = indeterminate(ST.DEATH_REPRIEVE, to_fixed(D(2022, 3, 5), years=25))
    assert seven_years_after_commutation_date(facts) == D(2029, 3, 5)


def test_seven_years_from_29_february_are_reached_on_28_february() -> None:
    facts = indeterminate(ST.LIFE, to_fixed(D(2024, 2, 29)))
    assert seven_years_after_commutation_date(facts) == D(2031, 2, 28)


def test_seven_years_are_later_by_non_counted_days_after_the_commutation_only() -> None:
    before = NonCountedPeriod(D(2021, 1, 1), D(2021, 1, 31))
    after = NonCountedPeriod(D(2025, 1, 1), D(2025, 1, 10))
    facts = indeterminate(
        ST.DEATH_REPRIEVE,
        to_life(D(2021, 6, 1)),
        to_fixed(D(2022, 3, 5)),
        non_counted=(before, after),
    )
    assert seven_years_after_commutation_date(facts) == D(2029, 3, 15)


def test_seven_years_need_a_commutation_to_a_fixed_term() -> None:
    assert seven_years_after_commutation_date(fixed()) is None
    assert seven_years_after_commutation_date(indeterminate(ST.LIFE)) is None
    assert (
        seven_years_after_commutation_date(indeterminate(ST.DEATH_REPRIEVE, to_life(D(2022, 1, 1))))
        is None
    )
