"""Sentence arithmetic: expiry, time served and the serving thresholds (legal-spec E-04, EL-30).

Pure dataclasses and functions: the models build a `SentenceFacts` from their rows and call
the functions here. Impossible inputs raise `SentenceError` (a `ValueError`). Its message is an
English msgid with named parameters, kept lazy and rendered in the reader's language only when
it is shown (kernel/errors.py): a refusal raised while building a form's model, in the API or in
a task reads in Chinese or English as the page does. gettext_lazy is the only Django used here.

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
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from kernel.counting import at_least, at_most, inclusive_days, term_end
from kernel.errors import Message, TranslatedError

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


class SentenceError(TranslatedError):
    """Sentence facts that cannot exist in law (or are internally contradictory).

    `SentenceError(_("... %(name)s ..."), name=value)`: the message renders in the reader's
    language when shown; `lazy_message` keeps it lazy for a ValidationError.
    """


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
                _(
                    "The dates of this sentence fall outside the calendar the system can count "
                    "(years 1 to 9999): check the dates and the number of days of custody."
                )
            ) from exc

    return wrapper


class SentenceType(StrEnum):
    """The principal punishments involving deprivation of liberty (CL Arts 33, 42-51)."""

    DEATH_REPRIEVE = "death_reprieve"
    LIFE = "life"
    FIXED_TERM = "fixed_term"
    CRIMINAL_DETENTION = "criminal_detention"


#: The sentence types as they read inside a sentence ("a sentence of life imprisonment").
_LABELS: dict[SentenceType, Message] = {
    SentenceType.DEATH_REPRIEVE: _("death with reprieve"),
    SentenceType.LIFE: _("life imprisonment"),
    SentenceType.FIXED_TERM: _("fixed-term imprisonment"),
    SentenceType.CRIMINAL_DETENTION: _("criminal detention"),
}
#: Sentences without an end date until commuted (CL Arts 46, 48, 50).
_INDETERMINATE = frozenset({SentenceType.DEATH_REPRIEVE, SentenceType.LIFE})


@dataclass(frozen=True)
class Term:
    """A length of sentence in years, months and days (SPC-Interp Art 202 ¶2)."""

    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        """No part of a term can be negative (a term is a length of time)."""
        if self.years < 0 or self.months < 0 or self.days < 0:
            raise SentenceError(
                _(
                    "A term cannot have a negative part (got %(years)s years, %(months)s "
                    "months, %(days)s days)."
                ),
                years=self.years,
                months=self.months,
                days=self.days,
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
        """Last day of this term when its first day is `start` (SPC-Interp Art 202 ¶2)."""
        return term_end(start, years=self.years, months=self.months, days=self.days)

    def __str__(self) -> str:
        """Compact form such as "10y 6m" or "15d"; a zero term is "0d"."""
        parts = [
            f"{amount}{unit}"
            for amount, unit in ((self.years, "y"), (self.months, "m"), (self.days, "d"))
            if amount
        ]
        return " ".join(parts) or "0d"


def _term_text(term: Term) -> str:
    """The term as the reader writes it: "10y 6m" in English, "10年6个月" in Chinese."""
    units = (
        (term.years, gettext("%(count)sy")),
        (term.months, gettext("%(count)sm")),
        (term.days, gettext("%(count)sd")),
    )
    parts = [unit % {"count": amount} for amount, unit in units if amount]
    if not parts:
        return gettext("%(count)sd") % {"count": 0}
    text = parts[0]
    for part in parts[1:]:
        # English puts a space between the parts of a term; Chinese writes them together.
        text = pgettext("parts of a term", "%(head)s %(tail)s") % {"head": text, "tail": part}
    return text


#: `_term_text` rendered when the message is shown, in the reader's language.
_lazy_term_text = lazy(_term_text, str)


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
                _(
                    "A period not counted toward the sentence cannot end (%(last)s) before it "
                    "begins (%(first)s)."
                ),
                last=self.last_day.isoformat(),
                first=self.first_day.isoformat(),
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


# The refusals of `_check_term_range`, one whole sentence each so that translators see it all.
_DETENTION_OUT_OF_RANGE = _(
    "A sentence of criminal detention must be from 1 month to 6 months, or up to 1 year for "
    "several crimes (CL Arts 42, 69); got %(term)s."
)
_FIXED_OUT_OF_RANGE = _(
    "A sentence of fixed-term imprisonment must be from 6 months to 15 years, or up to 25 years "
    "for several crimes (CL Arts 45, 69); got %(term)s."
)
_COMMUTED_FIXED_OUT_OF_RANGE = _(
    "The fixed term set by the ruling of %(ruled)s must be from 6 months to 15 years, or up to "
    "25 years for several crimes (CL Arts 45, 69); got %(term)s."
)


def _check_term_range(
    sentence_type: SentenceType, term: Term, refusal: Message, **params: object
) -> None:
    """CL Art 42 (detention 1-6 months), Art 45 (fixed term 6 months-15 years), Art 69.

    Combined punishment for several crimes (CL Art 69) raises the ceiling to 1 year of
    detention and 25 years of fixed-term imprisonment; a death sentence with reprieve is
    commuted to at most 25 years (CL Art 50). Both ceilings are accepted here; whether a
    single-crime sentence exceeds its ordinary ceiling is for the judgment, not this check.
    `refusal` names the term and the range; `%(term)s` in it is filled in here.
    """
    if sentence_type is SentenceType.CRIMINAL_DETENTION:
        low, high = _DETENTION_RANGE
    else:
        low, high = _FIXED_RANGE
    if not (at_least(term.span, low) and at_most(term.span, high)):
        raise SentenceError(refusal, term=_lazy_term_text(term), **params)


def _check_original(facts: SentenceFacts) -> None:
    """CL Arts 42, 45, 69: terms of detention and imprisonment; CL Art 47: custody credit."""
    label = _LABELS[facts.original_type]
    term = facts.original_term
    if facts.original_type in _INDETERMINATE:
        if term is not None and not term.is_zero:
            raise SentenceError(
                _(
                    "A sentence of %(label)s has no term; leave the years and months empty "
                    "(got %(term)s)."
                ),
                label=label,
                term=_lazy_term_text(term),
            )
    else:
        if term is None or term.is_zero:
            raise SentenceError(
                _("A sentence of %(label)s needs a term (years and/or months)."), label=label
            )
        _check_term_range(
            facts.original_type,
            term,
            _DETENTION_OUT_OF_RANGE
            if facts.original_type is SentenceType.CRIMINAL_DETENTION
            else _FIXED_OUT_OF_RANGE,
        )
    if facts.custody_days < 0:
        raise SentenceError(
            _("Pre-trial custody credit cannot be negative (got %(days)s days)."),
            days=facts.custody_days,
        )
    if term is not None and not term.is_zero and facts.original_type not in _INDETERMINATE:
        term_days = inclusive_days(facts.execution_start, term.end(facts.execution_start))
        if facts.custody_days > term_days:
            raise SentenceError(
                _(
                    "Pre-trial custody credit (%(custody)s days) cannot exceed the sentence "
                    "itself (%(term)s, %(term_days)s days) (CL Art 47)."
                ),
                custody=facts.custody_days,
                term=_lazy_term_text(term),
                term_days=term_days,
            )


def _check_non_counted(facts: SentenceFacts) -> None:
    """CPL Art 268 ¶3: only days of the sentence being executed can be "not counted"."""
    previous: NonCountedPeriod | None = None
    for period in sorted(facts.non_counted, key=lambda p: p.first_day):
        if period.first_day < facts.execution_start:
            raise SentenceError(
                _(
                    "The period not counted from %(first)s begins before the sentence began to "
                    "be executed (%(start)s)."
                ),
                first=period.first_day.isoformat(),
                start=facts.execution_start.isoformat(),
            )
        if previous is not None and period.first_day <= previous.last_day:
            raise SentenceError(
                _(
                    "The periods not counted from %(earlier)s and from %(later)s overlap; each "
                    "day can be left out only once."
                ),
                earlier=previous.first_day.isoformat(),
                later=period.first_day.isoformat(),
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
            _(
                "The commutation ruling of %(ruled)s is dated before the sentence began to be "
                "executed (%(start)s)."
            ),
            ruled=ruled,
            start=facts.execution_start.isoformat(),
        )
    if previous is not None and commutation.ruling_date <= previous:
        raise SentenceError(
            _(
                "Commutation rulings must be in date order, one per date: the ruling of "
                "%(ruled)s is listed after the ruling of %(previous)s."
            ),
            ruled=ruled,
            previous=previous.isoformat(),
        )
    label = _LABELS[walk.sentence_type]
    kind = commutation.kind
    if kind is CommutationKind.TO_LIFE:
        if walk.sentence_type is not SentenceType.DEATH_REPRIEVE:
            raise SentenceError(
                _(
                    "Only death with reprieve can be commuted to life imprisonment; when the "
                    "ruling of %(ruled)s was made the sentence was %(label)s."
                ),
                ruled=ruled,
                label=label,
            )
        if not commutation.term.is_zero:
            raise SentenceError(
                _(
                    "A commutation to life imprisonment (ruling of %(ruled)s) has no term; got "
                    "%(term)s."
                ),
                ruled=ruled,
                term=_lazy_term_text(commutation.term),
            )
        return
    if kind is CommutationKind.TO_FIXED_TERM:
        if walk.sentence_type not in _INDETERMINATE:
            raise SentenceError(
                _(
                    "Only death with reprieve or life imprisonment can be commuted to a fixed "
                    "term; when the ruling of %(ruled)s was made the sentence was already "
                    "%(label)s."
                ),
                ruled=ruled,
                label=label,
            )
        _check_term_range(
            SentenceType.FIXED_TERM,
            commutation.term,
            _COMMUTED_FIXED_OUT_OF_RANGE,
            ruled=ruled,
        )
        return
    if walk.sentence_type in _INDETERMINATE or walk.last_day is None:
        raise SentenceError(
            _(
                "The term cannot be reduced by the ruling of %(ruled)s while the sentence is "
                "%(label)s; it must first be commuted to a fixed term."
            ),
            ruled=ruled,
            label=label,
        )
    if commutation.term.is_zero:
        raise SentenceError(
            _("The reduction ruled on %(ruled)s needs an amount (years, months, days)."),
            ruled=ruled,
        )
    running_until = _extend(walk.last_day, facts.non_counted, walk.anchor)
    if commutation.ruling_date > running_until:
        raise SentenceError(
            _(
                "The sentence had already expired on %(expired)s, before the reduction ruled "
                "on %(ruled)s."
            ),
            expired=running_until.isoformat(),
            ruled=ruled,
        )
    reduced = _extend(_reduce(walk.last_day, commutation.term), facts.non_counted, walk.anchor)
    if reduced < commutation.ruling_date - _ONE_DAY:
        raise SentenceError(
            _(
                "The reduction ruled on %(ruled)s (%(term)s) is longer than the term that "
                "remained on that date."
            ),
            ruled=ruled,
            term=_lazy_term_text(commutation.term),
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

    (term_end(execution_start, original term) - execution_start) + 1 (SPC-Interp Art
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
    (SPC-Interp Art 202 ¶2), so the date is the anniversary (28 February for a
    29 February ruling), later by the non-counted days (CPL Art 268 ¶3) since the ruling.
    None unless a TO_FIXED_TERM commutation exists.
    """
    commutation = _walk(facts).to_fixed_term
    if commutation is None:
        return None
    last = term_end(commutation.ruling_date, years=7)
    return _extend(last, facts.non_counted, commutation.ruling_date) + _ONE_DAY
