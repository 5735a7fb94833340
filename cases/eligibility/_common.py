"""Helpers shared by the rule groups: messages, the requested ground, age and sentence type on
the assessment date, the illness catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dateutil.relativedelta import relativedelta
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.illness_catalogue import by_code
from cases.sentence import SentenceType, current_type
from kernel.counting import at_least

from .profile import Diagnosis, Profile
from .results import RuleResult
from .vocabulary import Ground, Message, Outcome

_ELDERLY_AGE = 65  # P2014 Arts 7 ¶2, 33 ¶2: 六十五周岁以上


_SEPARATOR = _("; ")


def _join(items: Sequence[Message]) -> Message:
    """The items as one lazily translated list ("a; b; c")."""
    pattern = "{sep}".join(f"{{{index}}}" for index in range(len(items)))
    return format_lazy(pattern, *items, sep=_SEPARATOR)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _ground(profile: Profile, concerned: Iterable[Ground]) -> Ground | None:
    """The first requested ground (in `Ground` order) among `concerned`, if any."""
    wanted = frozenset(concerned)
    return next((g for g in Ground if g in profile.grounds and g in wanted), None)


def _result(
    rule: str,
    outcome: Outcome,
    article: str,
    message: Message,
    *,
    ground: Ground | None = None,
    until: dt.date | None = None,
) -> RuleResult:
    return RuleResult(rule, outcome, article, message, until=until, ground=ground)


def _birthday(date_of_birth: dt.date, years: int) -> dt.date:
    """The day a person reaches `years` full years (周岁); 29 February falls on 28 February."""
    birthday: dt.date = date_of_birth + relativedelta(years=years)
    return birthday


def _is_65_or_over(profile: Profile, on: dt.date) -> bool | None:
    """Aged 65 or over on `on` (E-09: the 65th birthday counts, CL Art 99); None if unknown."""
    if profile.date_of_birth is None:
        return None
    return at_least(on, _birthday(profile.date_of_birth, _ELDERLY_AGE))


def _current(profile: Profile, on: dt.date) -> SentenceType | None:
    """The sentence type after the commutations ruled on or before `on`."""
    if profile.sentence is None:
        return None
    return current_type(profile.sentence, on)


def _in_catalogue(diagnosis: Diagnosis) -> bool | None:
    """The hospital's finding; when absent, a 2014 item code counts as within the scope."""
    if diagnosis.in_catalogue is not None:
        return diagnosis.in_catalogue
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    if entry is not None and entry.version == "2014":
        return True
    return None


def _category(diagnosis: Diagnosis) -> str | None:
    if diagnosis.category is not None:
        return diagnosis.category
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    return entry.category if entry is not None and entry.version == "2014" else None
