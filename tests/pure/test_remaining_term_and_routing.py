"""The remaining term on the day of the TEOP decision and the route back to custody (P2014
Art 24; legal-spec D-18, E-06): exactly three months remaining goes to the detention centre,
one day more to a prison; commutations ruled by the decision day count, later ones do not;
a period not counted that began after the decision does not; a life sentence has no
remaining term, so a court's decision cannot be routed; the prison administration's decision
goes back to the original institution, the public security organ's to the detention centre
of the residence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.remaining_term import remaining_term_as_of, remaining_term_explain
from cases.sentence import (
    Commutation,
    CommutationKind,
    NonCountedPeriod,
    SentenceFacts,
    SentenceType,
    Term,
)
from kernel.accounts.roles import OrganisationType
from kernel.counting import term_end
from supervision.routing import Destination, Escort, RoutingError, custody_route

pytestmark = pytest.mark.usefixtures("english")

D = dt.date
T = OrganisationType


def fixed(
    start: D, *, years: int = 1, months: int = 0, custody_days: int = 0, **extra
) -> SentenceFacts:
    return SentenceFacts(
        original_type=SentenceType.FIXED_TERM,
        original_term=Term(years=years, months=months),
        execution_start=start,
        custody_days=custody_days,
        **extra,
    )


def court_route(remaining):
    return custody_route(
        deciding_organ_type=T.COURT, three_months_or_less=remaining.three_months_or_less
    )


def test_exactly_three_months_remaining_goes_to_the_detention_centre() -> None:
    # One year from 2025-06-01 ends 2026-05-31; three months from 2026-03-01 end 2026-05-31.
    remaining = remaining_term_as_of(fixed(D(2025, 6, 1)), D(2026, 3, 1))
    assert remaining.expiry == D(2026, 5, 31)
    assert remaining.threshold_end == D(2026, 5, 31)
    assert remaining.days == 92
    assert remaining.three_months_or_less is True
    route = court_route(remaining)
    assert route.destination == Destination.DETENTION_CENTRE
    assert route.escort == Escort.RESIDENCE_PUBLIC_SECURITY
    assert route.institution_types == {T.DETENTION_CENTRE}
    assert route.article == "P2014 Art 24 ¶1"


def test_one_day_more_goes_to_a_prison() -> None:
    remaining = remaining_term_as_of(fixed(D(2025, 6, 2)), D(2026, 3, 1))
    assert remaining.expiry == D(2026, 6, 1)
    assert remaining.three_months_or_less is False
    route = court_route(remaining)
    assert route.destination == Destination.PRISON
    assert route.institution_types == {T.PRISON}


@settings(max_examples=60, deadline=None)
@given(
    on=st.dates(min_value=D(2021, 1, 1), max_value=D(2030, 12, 31)),
    extra=st.integers(min_value=-40, max_value=40),
)
def test_the_threshold_is_the_last_day_of_three_months_from_the_decision(on: D, extra: int) -> None:
    """Whatever the decision day (month ends included), the expiry on the last day of a
    three-month term beginning that day is "three months or less", the day after is not."""
    threshold = term_end(on, months=3)
    start = on - dt.timedelta(days=300)
    nominal = term_end(start, years=2)
    target = threshold + dt.timedelta(days=extra)
    facts = fixed(start, years=2, custody_days=(nominal - target).days)
    remaining = remaining_term_as_of(facts, on)
    assert remaining.expiry == target
    assert remaining.three_months_or_less is (extra <= 0)
    assert remaining.days == (target - on).days + 1


REDUCTION = Commutation(D(2026, 1, 10), CommutationKind.REDUCTION, Term(months=9))


def test_a_commutation_ruled_before_the_decision_counts() -> None:
    facts = fixed(D(2025, 1, 1), years=2, commutations=(REDUCTION,))
    remaining = remaining_term_as_of(facts, D(2026, 2, 1))
    assert remaining.commutations == 1
    assert remaining.expiry == D(2026, 3, 31)
    assert remaining.three_months_or_less is True


def test_a_commutation_ruled_on_the_decision_day_counts() -> None:
    facts = fixed(D(2025, 1, 1), years=2, commutations=(REDUCTION,))
    assert remaining_term_as_of(facts, D(2026, 1, 10)).commutations == 1


def test_a_commutation_ruled_after_the_decision_does_not_count() -> None:
    later = Commutation(D(2026, 2, 2), CommutationKind.REDUCTION, Term(months=9))
    facts = fixed(D(2025, 1, 1), years=2, commutations=(later,))
    remaining = remaining_term_as_of(facts, D(2026, 2, 1))
    assert remaining.commutations == 0
    assert remaining.expiry == D(2026, 12, 31)
    assert remaining.three_months_or_less is False
    assert court_route(remaining).destination == Destination.PRISON


def test_a_period_not_counted_begun_after_the_decision_does_not_count() -> None:
    after = NonCountedPeriod(D(2026, 3, 1), D(2026, 3, 31))
    facts = fixed(D(2025, 6, 1), non_counted=(after,))
    remaining = remaining_term_as_of(facts, D(2026, 3, 1) - dt.timedelta(days=1))
    assert remaining.non_counted_days == 0
    assert remaining.expiry == D(2026, 5, 31)


def test_a_period_not_counted_begun_before_the_decision_counts() -> None:
    before = NonCountedPeriod(D(2025, 7, 1), D(2025, 7, 10))
    remaining = remaining_term_as_of(fixed(D(2025, 6, 1), non_counted=(before,)), D(2026, 3, 1))
    assert remaining.non_counted_days == 10
    assert remaining.expiry == D(2026, 6, 10)
    assert remaining.three_months_or_less is False


def test_a_life_sentence_has_no_remaining_term_and_a_court_cannot_route_it() -> None:
    life = SentenceFacts(
        original_type=SentenceType.LIFE, original_term=None, execution_start=D(2015, 1, 1)
    )
    remaining = remaining_term_as_of(life, D(2026, 3, 1))
    assert remaining.expiry is None and remaining.days is None
    assert remaining.three_months_or_less is None
    assert remaining.basis["three_months_or_less"] is None
    with pytest.raises(RoutingError):
        court_route(remaining)
    (line,) = remaining_term_explain(remaining.basis)
    assert "no remaining term" in line


def test_a_sentence_already_expired_on_the_decision_day_has_nothing_left() -> None:
    remaining = remaining_term_as_of(fixed(D(2025, 1, 1)), D(2026, 3, 1))
    assert remaining.days == 0
    assert remaining.three_months_or_less is True


def test_the_arithmetic_is_explained_from_the_stored_basis() -> None:
    basis = remaining_term_as_of(fixed(D(2025, 6, 1)), D(2026, 3, 1)).basis
    assert basis == {
        "on": "2026-03-01",
        "expiry": "2026-05-31",
        "days": 92,
        "threshold_end": "2026-05-31",
        "commutations": 0,
        "non_counted_days": 0,
        "three_months_or_less": True,
    }
    lines = remaining_term_explain(basis)
    assert any("92 day(s)" in line for line in lines)
    assert lines[-1].startswith("2026-05-31 is not after 2026-05-31: three months or less")
    assert remaining_term_explain(None) == []


@pytest.mark.parametrize("three_months_or_less", [True, False, None])
def test_the_prison_administration_sends_the_person_back_to_the_original_institution(
    three_months_or_less,
) -> None:
    route = custody_route(
        deciding_organ_type=T.PRISON_ADMINISTRATION, three_months_or_less=three_months_or_less
    )
    assert route.destination == Destination.ORIGINAL_INSTITUTION
    assert route.escort == Escort.ORIGINAL_INSTITUTION
    assert route.institution_types == {T.PRISON}
    assert route.article == "P2014 Art 24 ¶2"


@pytest.mark.parametrize("three_months_or_less", [True, False, None])
def test_the_public_security_organ_sends_the_person_to_the_residence_detention_centre(
    three_months_or_less,
) -> None:
    route = custody_route(
        deciding_organ_type=T.MUNICIPAL_PUBLIC_SECURITY, three_months_or_less=three_months_or_less
    )
    assert route.destination == Destination.RESIDENCE_DETENTION_CENTRE
    assert route.institution_types == {T.DETENTION_CENTRE}
    assert route.article == "P2014 Art 24 ¶3"


@pytest.mark.parametrize("organ", [T.COMMUNITY_CORRECTION, T.PRISON, T.PROCURATORATE])
def test_an_organ_that_does_not_decide_imprisonment_has_no_route(organ) -> None:
    with pytest.raises(RoutingError):
        custody_route(deciding_organ_type=organ, three_months_or_less=True)
