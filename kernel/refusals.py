"""The refusals every legal act can end in, and the one mapping from a refusal to what the user
is shown: the same status, code and messages on a page and in the API.

- `TransitionRefused` (400): the law does not allow the act yet; every unmet `Requirement`
  names its article (non-negotiable 3).
- `StaleState` (409): someone else changed the case since the user's page or request was made.
- `ValidationError` (400): the input itself is wrong; the message is the clerk's.
- `PermissionDenied` (403): the case is the user's to see but not this act.
- `Http404` (404): the case is outside the user's jurisdiction (selectors never find it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Requirement:
    """One thing the law requires before an act, with the article that requires it."""

    article: str
    message: str | Promise

    def __str__(self) -> str:
        from kernel.templatetags.legal import cite

        return f"{self.message}（{cite(self.article)}）"


class TransitionRefused(Exception):
    """The law does not allow the act yet; each requirement names its article."""

    def __init__(self, requirements: list[Requirement]) -> None:
        self.requirements = requirements
        super().__init__("; ".join(str(r) for r in requirements))


class StaleState(Exception):
    """The subject changed since the user loaded it: the act is not taken on a stale page."""

    def __init__(self, message: str, current_state: str) -> None:
        self.current_state = current_state
        super().__init__(message)


@dataclass(frozen=True)
class Refusal:
    """What a refused act answers, on a page or in the API."""

    status: int
    code: str
    messages: list[str]
    requirements: list[Requirement] = field(default_factory=list)
    current_state: str | None = None

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "detail": self.messages[0] if len(self.messages) == 1 else self.messages,
            "code": self.code,
        }
        if self.requirements:
            body["detail"] = str(_("The law does not allow this act yet."))
            body["requirements"] = [
                {"article": r.article, "message": str(r.message)} for r in self.requirements
            ]
        if self.current_state is not None:
            body["current_state"] = self.current_state
        return body


def refusal_of(exc: BaseException) -> Refusal | None:
    """The refusal an exception stands for, or None for an exception that is a bug."""
    if isinstance(exc, TransitionRefused):
        return Refusal(400, "refused", [str(r) for r in exc.requirements], exc.requirements)
    if isinstance(exc, StaleState):
        return Refusal(409, "conflict", [str(exc)], current_state=exc.current_state)
    if isinstance(exc, ValidationError):
        return Refusal(400, "invalid", [str(m) for m in exc.messages])
    if isinstance(exc, PermissionDenied):
        message = str(exc) or str(_("You may not do this."))
        return Refusal(403, "permission_denied", [message])
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        # A record the case does not hold (an id the form never offered): not found.
        return Refusal(404, "not_found", [str(_("Not found."))])
    return None
