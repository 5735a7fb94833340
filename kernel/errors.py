"""Domain errors whose message is rendered in the reader's language, when it is read.

The pure arithmetic (kernel/counting.py, cases/sentence.py, cases/eligibility/) raises its
refusals far from any page: inside a model's clean(), a service, an API view, a Celery task or
a management command. Translating at raise time would fix the message in whatever language
happened to be active there. So an error keeps its English msgid (gettext_lazy) and its named
parameters, and renders them only when shown: `str(exc)` in the active language, or
`exc.lazy_message` for a ValidationError or a template, which renders later still (the same
reason kernel/signing/pdf.py keeps its report messages lazy).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from django.utils.functional import Promise, lazy

__all__ = ["Message", "Translated", "TranslatedError", "lazy_interpolate"]

#: An English msgid, plain or lazily translated.
Message: TypeAlias = "str | Promise"


def _interpolate(message: Message, params: Mapping[str, object]) -> str:
    # Parameters may themselves be lazy (a sentence type's name): "%s" renders them now too.
    return str(message) % params if params else str(message)


#: `gettext_lazy(...) % params` would translate at once; this stays lazy until it is shown.
lazy_interpolate = lazy(_interpolate, str)


class Translated(Exception):
    """A refusal with a translatable message and named parameters (`%(name)s`).

    A base for errors that are not ValueErrors (a calendar not loaded, a missing glyph);
    the arithmetic's refusals use `TranslatedError`.
    """

    def __init__(self, message: Message, /, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    @property
    def lazy_message(self) -> str:
        """The message as a lazy string, rendered in the language active when it is shown."""
        return lazy_interpolate(self.message, self.params)

    def __str__(self) -> str:
        return _interpolate(self.message, self.params)


class TranslatedError(Translated, ValueError):
    """Impossible input to the pure arithmetic: a ValueError whose message is translated."""
