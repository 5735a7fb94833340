"""Sentence arithmetic: expiry, time served and the serving thresholds (legal-spec E-04, EL-30).

Pure dataclasses and functions, no Django: the models build a `SentenceFacts` from their rows
and call the functions here. Impossible inputs raise `SentenceError` (a `ValueError`) with an
English message that the view layer translates.

Sources: Criminal Law (CL) Arts 42, 44, 45, 47, 50, 69, 78, 99; CPL Art 268 ¶3; SPC
Interpretation of the CPL (2021) Art 202 ¶2; Provisions on Temporary Execution Outside Prison
(2014, "P2014") Art 7 ¶1.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ParamSpec, TypeVar

from dateutil.relativedelta import relativedelta

from kernel.counting import at_least, at_most, inclusive_days, term_end

__all__ = [
    "Commutation",
    "CommutationKind",
    "NonCountedPeriod",
    "SentenceError",
    "SentenceFacts",
    "SentenceType",
    "Term",
    "current_type",
    "expiry_date",
    "non_counted_days",
    "one_third_served_date",
    "original_term_days",
    "remaining_term_days",
    "seven_years_after_commutation_date",
    "time_served_days",
    "validate",
]

_ONE_DAY = dt.timedelta(days=1)


class SentenceError(ValueError):
    """Sentence facts that cannot exist in law (or are internally contradictory)."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _within_calendar(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Dates pushed past the calendar's ends (years 1 to 9999) are impossible sentence facts.

    The edges bound every date and number (kernel/bounds.py); this turns whatever still
    overflows (OverflowError, or the counting rules' DateOutOfRange) into a SentenceError,
    which every caller already answers with 400, instead of a crash.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return function(*args, **kwargs)
        except SentenceError:
            raise
        except (OverflowError, ValueError) as exc:
            raise SentenceError(
                "The dates of this sentence fall outside the calendar the system can count "
                "(years 1 to 9999): check the dates and the number of days of custody."
            ) from exc

    return wrapper


class SentenceType(StrEnum):
    """The principal punishments involving deprivation of liberty (CL Arts 33, 42-51)."""

    DEATH_REPRIEVE = "death_reprieve"
    LIFE = "life"
    FIXED_TERM = "fixed_term"
    CRIMINAL_DETENTION = "criminal_detention"


_LABELS: dict[SentenceType, str] = {
    SentenceType.DEATH_REPRIEVE: "death with reprieve",
    SentenceType.LIFE: "life imprisonment",
    SentenceType.FIXED_TERM: "fixed-term imprisonment",
    SentenceType.CRIMINAL_DETENTION: "criminal detention",
}
#: Sentences without an end date until commuted (CL Arts 46, 48, 50).
_INDETERMINATE = frozenset({SentenceType.DEATH_REPRIEVE, SentenceType.LIFE})


@dataclass(frozen=True)
class Term:
    """A length of sentence in years, months and days (SPC Interpretation Art 202 ¶2)."""

    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        """No part of a term can be negative (a term is a length of time)."""
        if self.years < 0 or self.months < 0 or self.days < 0:
            raise SentenceError(
                f"A term cannot have a negative part (got {self.years} years, "
                f"{self.months} months, {self.days} days)."
            )

    @property
    def is_zero(self) -> bool:
        """True for a term of no length at all."""
        return self.years == 0 and self.months == 0 and self.days == 0

    @property
    def span(self) -> tuple[int, int]:
        """(whole months, days): a key for CL Art 99 comparisons, e.g. 1y 6m == 18m."""
        return (self.years * 12 + self.months, self.days)

    def end(self, start: dt.date) -> dt.date:
        """Last day of this term when its first day is `start` (SPC Interpretation Art 202 ¶2)."""
        return term_end(start, years=self.years, months=self.months, days=self.days)

    def __str__(self) -> str:
        """Compact form such as "10y 6m" or "15d"; a zero term is "0d"."""
        parts = [
            f"{amount}{unit}"
            for amount, unit in ((self.years, "y"), (self.months, "m"), (self.days, "d"))
            if amount
        ]
        return " ".join(parts) or "0d"


class CommutationKind(StrEnum):
    """What a commutation ruling (减刑裁定) does (CL Arts 50, 78, 80)."""

    TO_LIFE = "to_life"
    TO_FIXED_TERM = "to_fixed_term"
    REDUCTION = "reduction"


@dataclass(frozen=True)
class Commutation:
    """A commutation ruling: its date, its kind, and the new term or the reduction."""

    ruling_date: dt.date
    kind: CommutationKind
    term: Term


@dataclass(frozen=True)
class NonCountedPeriod:
    """Days not counted toward the sentence, both ends included (CPL Art 268 ¶3, escape)."""

    first_day: dt.date
    last_day: dt.date

    def __post_init__(self) -> None:
        """The last day cannot come before the first day."""
        if self.last_day < self.first_day:
            raise SentenceError(
                f"A period not counted toward the sentence cannot end "
                f"({self.last_day.isoformat()}) before it begins ({self.first_day.isoformat()})."
            )

    @property
    def days(self) -> int:
        """Length in days, both ends included."""
        return inclusive_days(self.first_day, self.last_day)


@dataclass(frozen=True)
class SentenceFacts:
    """Everything the arithmetic needs about one sentence; commutations in ruling order."""

    original_type: SentenceType
    original_term: Term | None
    execution_start: dt.date
    custody_days: int = 0
    commutations: tuple[Commutation, ...] = ()
    non_counted: tuple[NonCountedPeriod, ...] = ()


# Ranges of the term, as (months, days) spans compared inclusively (CL Art 99).
_DETENTION_RANGE = ((1, 0), (12, 0))  # CL Art 42 (1-6 months); combined punishment CL Art 69
_FIXED_RANGE = ((6, 0), (25 * 12, 0))  # CL Art 45 (6 months-15 years); CL Arts 50, 69


def _check_term_range(sentence_type: SentenceType, term: Term, what: str) -> None:
    """CL Art 42 (detention 1-6 months), Art 45 (fixed term 6 months-15 years), Art 69.

    Combined punishment for several crimes (CL Art 69) raises the ceiling to 1 year of
    detention and 25 years of fixed-term imprisonment; a death sentence with reprieve is
    commuted to at most 25 years (CL Art 50). Both ceilings are accepted here; whether a
    single-crime sentence exceeds its ordinary ceiling is for the judgment, not this check.
    """
    if sentence_type is SentenceType.CRIMINAL_DETENTION:
        low, high = _DETENTION_RANGE
        allowed = "from 1 month to 6 months, or up to 1 year for several crimes (CL Arts 42, 69)"
    else:
        low, high = _FIXED_RANGE
        allowed = "from 6 months to 15 years, or up to 25 years for several crimes (CL Arts 45, 69)"
    if not (at_least(term.span, low) and at_most(term.span, high)):
        raise SentenceError(f"{what} must be {allowed}; got {term}.")


def _check_original(facts: SentenceFacts) -> None:
    """CL Arts 42, 45, 69: terms of detention and imprisonment; CL Art 47: custody credit."""
    label = _LABELS[facts.original_type]
    term = facts.original_term
    if facts.original_type in _INDETERMINATE:
        if term is not None and not term.is_zero:
            raise SentenceError(
                f"A sentence of {label} has no term; leave the years and months empty (got {term})."
            )
    else:
        if term is None or term.is_zero:
            raise SentenceError(f"A sentence of {label} needs a term (years and/or months).")
        _check_term_range(facts.original_type, term, f"A sentence of {label}")
    if facts.custody_days < 0:
        raise SentenceError(
            f"Pre-trial custody credit cannot be negative (got {facts.custody_days} days)."
        )
    if term is not None and not term.is_zero and facts.original_type not in _INDETERMINATE:
        term_days = inclusive_days(facts.execution_start, term.end(facts.execution_start))
        if facts.custody_days > term_days:
            raise SentenceError(
                f"Pre-trial custody credit ({facts.custody_days} days) cannot exceed the "
                f"sentence itself ({term}, {term_days} days) (CL Art 47)."
            )


def _check_non_counted(facts: SentenceFacts) -> None:
    """CPL Art 268 ¶3: only days of the sentence being executed can be "not counted"."""
    previous: NonCountedPeriod | None = None
    for period in sorted(facts.non_counted, key=lambda p: p.first_day):
        if period.first_day < facts.execution_start:
            raise SentenceError(
                f"The period not counted from {period.first_day.isoformat()} begins before the "
                f"sentence began to be executed ({facts.execution_start.isoformat()})."
            )
        if previous is not None and period.first_day <= previous.last_day:
            raise SentenceError(
                f"The periods not counted from {previous.first_day.isoformat()} and from "
                f"{period.first_day.isoformat()} overlap; each day can be left out only once."
            )
        previous = period


def _days_within(periods: Iterable[NonCountedPeriod], first: dt.date, last: dt.date) -> int:
    """Days of `periods` that fall between `first` and `last`, both included."""
    total = 0
    for period in periods:
        overlap = (min(period.last_day, last) - max(period.first_day, first)).days + 1
        total += max(0, overlap)
    return total


def _extend(last_day: dt.date, periods: tuple[NonCountedPeriod, ...], anchor: dt.date) -> dt.date:
    """Push `last_day` later by the non-counted days from `anchor` up to the pushed day.

    CPL Art 268 ¶3: such days are not counted toward the sentence, so a span of served time
    ends that many days later. Only days on or after `anchor` (the day the term began to run)
    and on or before the resulting day count: a period that begins after the span is already
    complete cannot postpone it. Solved as a fixed point; the result never moves backwards.
    """
    current = last_day
    while True:
        pushed = last_day + dt.timedelta(days=_days_within(periods, anchor, current))
        if pushed == current:
            return current
        current = pushed


def _reduce(last_day: dt.date, reduction: Term) -> dt.date:
    """Move the last day earlier by a reduction of the term (CL Art 78; legal-spec E-04).

    Years and months are taken off by calendar arithmetic (relativedelta, end of month
    clamped) from the day on which the term is complete (the day after the last day), so that
    reducing a term of M months by N months ends where a term of M - N months would; days are
    taken off day for day.
    """
    complete = last_day + _ONE_DAY
    complete -= relativedelta(years=reduction.years, months=reduction.months)
    return complete - dt.timedelta(days=reduction.days) - _ONE_DAY


@dataclass(frozen=True)
class _Walk:
    """Result of applying the commutations in order: the type, base last day and anchor."""

    sentence_type: SentenceType
    last_day: dt.date | None
    anchor: dt.date
    to_fixed_term: Commutation | None


def _initial_walk(facts: SentenceFacts) -> _Walk:
    """The sentence as pronounced: CL Art 44/47 (start at execution, custody credited)."""
    last_day: dt.date | None = None
    term = facts.original_term
    if facts.original_type not in _INDETERMINATE and term is not None:
        last_day = term.end(facts.execution_start) - dt.timedelta(days=facts.custody_days)
    return _Walk(facts.original_type, last_day, facts.execution_start, None)


def _step(walk: _Walk, commutation: Commutation) -> _Walk:
    """Apply one commutation ruling (CL Arts 50, 78, 80) to the sentence so far."""
    if commutation.kind is CommutationKind.TO_LIFE:
        return _Walk(SentenceType.LIFE, None, walk.anchor, walk.to_fixed_term)
    if commutation.kind is CommutationKind.TO_FIXED_TERM:
        # The fixed term runs from the date of the ruling; earlier time is not credited.
        return _Walk(
            SentenceType.FIXED_TERM,
            commutation.term.end(commutation.ruling_date),
            commutation.ruling_date,
            commutation,
        )
    if walk.last_day is None:  # a reduction of an indeterminate sentence: refused by validate()
        return walk
    return _Walk(
        walk.sentence_type,
        _reduce(walk.last_day, commutation.term),
        walk.anchor,
        walk.to_fixed_term,
    )


def _check_commutation(
    facts: SentenceFacts, walk: _Walk, commutation: Commutation, previous: dt.date | None
) -> None:
    """CL Arts 50, 78, 80: which commutation can follow which sentence, and when."""
    ruled = commutation.ruling_date.isoformat()
    if commutation.ruling_date < facts.execution_start:
        raise SentenceError(
            f"The commutation ruling of {ruled} is dated before the sentence began to be "
            f"executed ({facts.execution_start.isoformat()})."
        )
    if previous is not None and commutation.ruling_date <= previous:
        raise SentenceError(
            f"Commutation rulings must be in date order, one per date: the ruling of {ruled} "
            f"is listed after the ruling of {previous.isoformat()}."
        )
    label = _LABELS[walk.sentence_type]
    kind = commutation.kind
    if kind is CommutationKind.TO_LIFE:
        if walk.sentence_type is not SentenceType.DEATH_REPRIEVE:
            raise SentenceError(
                f"Only death with reprieve can be commuted to life imprisonment; when the ruling "
                f"of {ruled} was made the sentence was {label}."
            )
        if not commutation.term.is_zero:
            raise SentenceError(
                f"A commutation to life imprisonment (ruling of {ruled}) has no term; "
                f"got {commutation.term}."
            )
        return
    if kind is CommutationKind.TO_FIXED_TERM:
        if walk.sentence_type not in _INDETERMINATE:
            raise SentenceError(
                f"Only death with reprieve or life imprisonment can be commuted to a fixed term; "
                f"when the ruling of {ruled} was made the sentence was already {label}."
            )
        _check_term_range(
            SentenceType.FIXED_TERM,
            commutation.term,
            f"The fixed term set by the ruling of {ruled}",
        )
        return
    if walk.sentence_type in _INDETERMINATE or walk.last_day is None:
        raise SentenceError(
            f"The term cannot be reduced by the ruling of {ruled} while the sentence is {label}; "
            f"it must first be commuted to a fixed term."
        )
    if commutation.term.is_zero:
        raise SentenceError(
            f"The reduction ruled on {ruled} needs an amount (years, months, days)."
        )
    running_until = _extend(walk.last_day, facts.non_counted, walk.anchor)
    if commutation.ruling_date > running_until:
        raise SentenceError(
            f"The sentence had already expired on {running_until.isoformat()}, before the "
            f"reduction ruled on {ruled}."
        )
    reduced = _extend(_reduce(walk.last_day, commutation.term), facts.non_counted, walk.anchor)
    if reduced < commutation.ruling_date - _ONE_DAY:
        raise SentenceError(
            f"The reduction ruled on {ruled} ({commutation.term}) is longer than the term that "
            f"remained on that date."
        )


def _walk(facts: SentenceFacts, on: dt.date | None = None) -> _Walk:
    """Validate, then apply the commutations ruled on or before `on` (all when None)."""
    validate(facts)
    walk = _initial_walk(facts)
    for commutation in facts.commutations:
        if on is not None and commutation.ruling_date > on:
            break
        walk = _step(walk, commutation)
    return walk


@_within_calendar
def validate(facts: SentenceFacts) -> None:
    """Raise SentenceError for sentence facts that cannot exist.

    Checks: a fixed term or criminal detention has a term and a life or death-reprieve
    sentence has none (CL Arts 43-50); criminal detention lasts 1-6 months, up to 1 year for
    several crimes (CL Arts 42, 69); fixed-term imprisonment lasts 6 months-15 years, up to
    25 years for several crimes or after commutation of a death sentence with reprieve (CL Arts
    45, 50, 69); custody credit is not negative (CL Art 47); commutations are in date order, on
    or after the start of execution, and each fits the sentence it commutes (CL Arts 50, 78,
    80): TO_LIFE only from death with reprieve, TO_FIXED_TERM only from death with reprieve or
    life, REDUCTION only of a running fixed term or criminal detention and not longer than the
    remaining term; non-counted periods (CPL Art 268 ¶3) lie within the execution of the
    sentence and do not overlap.
    """
    _check_original(facts)
    _check_non_counted(facts)
    walk = _initial_walk(facts)
    previous: dt.date | None = None
    for commutation in facts.commutations:
        _check_commutation(facts, walk, commutation, previous)
        walk = _step(walk, commutation)
        previous = commutation.ruling_date


@_within_calendar
def current_type(facts: SentenceFacts, on: dt.date | None = None) -> SentenceType:
    """The type of the sentence after the commutations ruled on or before `on` (all if None).

    CL Art 50: death with reprieve is commuted to life imprisonment or to a fixed term; CL Arts
    78, 80: life imprisonment may be commuted to a fixed term; a reduction keeps the type.
    """
    return _walk(facts, on).sentence_type


@_within_calendar
def non_counted_days(facts: SentenceFacts) -> int:
    """Total days not counted toward the sentence (CPL Art 268 ¶3), both ends included."""
    return sum(period.days for period in facts.non_counted)


@_within_calendar
def expiry_date(facts: SentenceFacts) -> dt.date | None:
    """Last day of the sentence; None while it is life imprisonment or death with reprieve.

    Method (legal-spec E-04):
    1. Fixed term or criminal detention: the term runs from the day the judgment is executed
       (CL Arts 44, 47), so its last day is term_end(execution_start, original term) (SPC
       Interpretation Art 202 ¶2), less one day per day of pre-trial custody (CL Arts 44, 47).
    2. Each REDUCTION (CL Art 78) moves the last day earlier by its amount: years and months
       by calendar arithmetic (relativedelta) from the day the term is complete, days day for
       day.
    3. A TO_FIXED_TERM commutation (CL Arts 50, 80) replaces everything before it: the new
       term runs from the date of the ruling, term_end(ruling_date, term).
    4. Finally, days not counted toward the sentence (CPL Art 268 ¶3: escape, temporary
       execution outside prison obtained by bribery) on or after the day the current term
       began to run push the last day later, one day for each.
    """
    walk = _walk(facts)
    if walk.last_day is None:
        return None
    return _extend(walk.last_day, facts.non_counted, walk.anchor)


@_within_calendar
def time_served_days(facts: SentenceFacts, on: dt.date) -> int:
    """Days served and completed at the start of `on` (CL Arts 44, 47; CPL Art 268 ¶3).

    (on - execution_start) days since execution, plus one day per day of pre-trial custody
    (CL Art 47), minus the non-counted days on or after execution_start and before `on`
    (CPL Art 268 ¶3). Never negative. Not capped at the term: after the expiry the count goes
    on; the caller compares it with what it needs (CL Art 99: inclusive).
    """
    validate(facts)
    served = (on - facts.execution_start).days + facts.custody_days
    served -= _days_within(facts.non_counted, facts.execution_start, on - _ONE_DAY)
    return max(0, served)


@_within_calendar
def remaining_term_days(facts: SentenceFacts, on: dt.date) -> int | None:
    """Days left from `on` to the expiry date, both included; 0 once expired (E-04).

    None while the sentence has no expiry (life imprisonment, death with reprieve).
    """
    last = expiry_date(facts)
    if last is None:
        return None
    if on > last:
        return 0
    return inclusive_days(on, last)


@_within_calendar
def original_term_days(facts: SentenceFacts) -> int | None:
    """Length in days of the original fixed term or detention, by calendar arithmetic.

    (term_end(execution_start, original term) - execution_start) + 1 (SPC Interpretation Art
    202 ¶2), as P2014 Art 7 ¶1 measures its fraction against the ORIGINAL term (EL-30b).
    None for an original life or death-reprieve sentence.
    """
    validate(facts)
    term = facts.original_term
    if facts.original_type in _INDETERMINATE or term is None:
        return None
    return inclusive_days(facts.execution_start, term.end(facts.execution_start))


@_within_calendar
def one_third_served_date(facts: SentenceFacts) -> dt.date | None:
    """First day on which one third of the ORIGINAL term has been served (EL-30b).

    P2014 Art 7 ¶1: a prisoner whose original fixed term is 10 years or more must have served
    one third of it ("三分之一以上", inclusive by CL Art 99). threshold = ceil(original term in
    days / 3); served time includes custody credit (CL Art 47) and excludes non-counted days
    (CPL Art 268 ¶3), so the date is execution_start - custody_days + threshold + non-counted
    days before that date. Computed for every original fixed term or detention; whether the
    10-year condition applies is for the caller. None for an original life or death-reprieve
    sentence (see `seven_years_after_commutation_date`).
    """
    days = original_term_days(facts)
    if days is None:
        return None
    threshold = -(-days // 3)
    start = facts.execution_start
    last = start - dt.timedelta(days=facts.custody_days) + dt.timedelta(days=threshold - 1)
    return _extend(last, facts.non_counted, start) + _ONE_DAY


@_within_calendar
def seven_years_after_commutation_date(facts: SentenceFacts) -> dt.date | None:
    """First day on which 7 years have been served after commutation to a fixed term (EL-30).

    P2014 Art 7 ¶1: a prisoner originally sentenced to death with reprieve or life must have
    served 7 years or more (CL Art 99: inclusive) after commutation to fixed-term
    imprisonment. Seven years run from the ruling date to the day before its 7th anniversary
    (SPC Interpretation Art 202 ¶2), so the date is the anniversary (28 February for a
    29 February ruling), later by the non-counted days (CPL Art 268 ¶3) since the ruling.
    None unless a TO_FIXED_TERM commutation exists.
    """
    commutation = _walk(facts).to_fixed_term
    if commutation is None:
        return None
    last = term_end(commutation.ruling_date, years=7)
    return _extend(last, facts.non_counted, commutation.ruling_date) + _ONE_DAY
