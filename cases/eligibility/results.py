"""What the rules find: one `RuleResult` per rule, the combined `Assessment`, and
`ImpossibleProfile` for a profile that cannot exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kernel.errors import TranslatedError

from .settings import RuleSettings
from .vocabulary import Ground, Message, Outcome


def messages_in_every_language(message: Message) -> dict[str, str]:
    from django.conf import settings
    from django.utils import translation

    rendered = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            rendered[code] = str(message)
    return rendered


class ImpossibleProfile(TranslatedError):
    """A profile that cannot exist in law or in fact; the message says why, rendered in the
    reader's language when shown (kernel/errors.py)."""


@dataclass(frozen=True)
class RuleResult:
    """What one rule found. `until`: the date a time-served threshold is met."""

    rule: str
    outcome: Outcome
    article: str
    message: Message
    until: dt.date | None = None
    ground: Ground | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: dates as ISO strings, the message rendered as str."""
        return {
            "rule": self.rule,
            "outcome": str(self.outcome),
            "article": self.article,
            "message": str(self.message),
            # The reason in every language of the interface, so a stored assessment is read in
            # the reader's language, not the one it was made in (issue 14).
            "messages": messages_in_every_language(self.message),
            "until": self.until.isoformat() if self.until else None,
            "ground": str(self.ground) if self.ground else None,
        }


@dataclass(frozen=True)
class Assessment:
    """The combined result of all rules, with the rule-set version and settings used."""

    outcome: Outcome
    strict_review: bool
    filing_required: bool
    eligible_on: dt.date | None
    results: tuple[RuleResult, ...]
    ruleset_version: str
    settings: RuleSettings
    grounds_met: frozenset[Ground] = field(default_factory=frozenset)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: dates as ISO strings, messages rendered as str."""
        return {
            "outcome": str(self.outcome),
            "strict_review": self.strict_review,
            "filing_required": self.filing_required,
            "eligible_on": self.eligible_on.isoformat() if self.eligible_on else None,
            "results": [result.as_dict() for result in self.results],
            "ruleset_version": self.ruleset_version,
            "settings": self.settings.as_dict(),
            "grounds_met": sorted(str(ground) for ground in self.grounds_met),
        }
