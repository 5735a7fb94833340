"""Sane bounds on every date and number a user can type, in one place (issue #9, item 6).

Forms and API serializers attach these validators, so an impossible value (a sentence that
began in year 1 or 9999, a million days of custody, a record dated next year) is refused at
the edge with a message a clerk understands, before any arithmetic can overflow. The pure
functions (`kernel/counting.py`, `cases/sentence.py`, the working-day clock) also refuse
out-of-range dates with a domain error, which `kernel.api.exception_handler` and
`DomainErrorMiddleware` turn into 400 answers: bounds here are the first line, not the only one.

Also here: `search_text`, the one helper that cleans every search box (no NUL byte ever
reaches PostgreSQL), and `SearchField`, the form field built on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kernel.counting import DateOutOfRange
from kernel.regions import region_code_problem

__all__ = [
    "BIRTH_DATE",
    "CHINA",
    "CUSTODY_DAYS",
    "EARLIEST_DATE",
    "MEMBER_COUNT",
    "PAST_EVENT",
    "PERIOD_DAYS",
    "PERIOD_MONTHS",
    "PLANNED_DATE",
    "SENTENCE_START",
    "TERM_DAYS",
    "TERM_MONTHS",
    "TERM_YEARS",
    "DateBound",
    "DomainErrorMiddleware",
    "NumberBound",
    "SearchField",
    "bounded",
    "china_today",
    "region_code_exists",
    "search_text",
]

#: 1 October 1949: no judgment, record or period this system handles can be older.
EARLIEST_DATE = dt.date(1949, 10, 1)
#: The longest fixed term (25 years: CL Arts 45, 50, 69) in days, leap days included.
MAX_TERM_DAYS = 25 * 365 + 7


@dataclass(frozen=True, eq=False)
class DateBound:
    """A date no earlier than `earliest` and no later than today plus `future_days`.

    Used as a validator (form fields and DRF fields alike): calling it with a date (or a
    datetime, whose date counts) raises django's ValidationError with a clerk's message.
    """

    earliest: dt.date
    future_days: int
    too_early: Any
    too_late: Any

    def latest(self, today: dt.date | None = None) -> dt.date:
        return (today or china_today()) + dt.timedelta(days=self.future_days)

    def __call__(self, value: dt.date | None) -> None:
        if value is None:
            return
        day = value.date() if isinstance(value, dt.datetime) else value
        if day < self.earliest:
            raise ValidationError(
                self.too_early, code="date_too_early", params={"date": _show(self.earliest)}
            )
        latest = self.latest()
        if day > latest:
            raise ValidationError(
                self.too_late, code="date_too_late", params={"date": _show(latest)}
            )


@dataclass(frozen=True, eq=False)
class NumberBound:
    """A whole number from `minimum` to `maximum`, both included (CL Art 99 reading)."""

    minimum: int
    maximum: int
    message: Any

    def __call__(self, value: int | None) -> None:
        if value is None:
            return
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(
                self.message,
                code="out_of_range",
                params={"min": self.minimum, "max": self.maximum},
            )


def _show(day: dt.date) -> str:
    return str(formats.date_format(day, "DATE_FORMAT"))


#: The law's clock: every "today" of a case is a day in China, wherever the server or the
#: clerk's browser sits (issue 14: no record dated in the future).
CHINA = ZoneInfo("Asia/Shanghai")


def china_today() -> dt.date:
    """Today in Asia/Shanghai: the last day a record of something done may carry."""
    return timezone.localdate(timezone=CHINA)


#: Something that has already happened: an opening, a certificate, an opinion, a receipt, a
#: delivery, an examination, a hearing. It cannot be dated after today in China (issue 14):
#: the day is the law's own, so no margin for time zones is needed.
PAST_EVENT = DateBound(
    earliest=EARLIEST_DATE,
    future_days=0,
    too_early=_("This date cannot be earlier than %(date)s."),
    too_late=_(
        "This records something that has already happened, so its date cannot be later "
        "than %(date)s."
    ),
)
#: A planned date (a publicity period, a date to compute a deadline from): up to ten years on.
PLANNED_DATE = DateBound(
    earliest=EARLIEST_DATE,
    future_days=3653,
    too_early=_("This date cannot be earlier than %(date)s."),
    too_late=_("This date is too far in the future: enter a date no later than %(date)s."),
)
#: The first day of execution of a sentence (CL Arts 41, 44, 47): not before 1 October 1949
#: and not more than a month ahead.
SENTENCE_START = DateBound(
    earliest=EARLIEST_DATE,
    future_days=31,
    too_early=_("The execution of a sentence cannot have started before %(date)s."),
    too_late=_("The execution of the sentence cannot start later than %(date)s: check the year."),
)
#: A date of birth: a living person, not born in the future.
BIRTH_DATE = DateBound(
    earliest=dt.date(1900, 1, 1),
    future_days=0,
    too_early=_("Enter a date of birth on or after %(date)s."),
    too_late=_("A date of birth cannot be in the future (after %(date)s)."),
)

TERM_YEARS = NumberBound(
    0, 25, _("The years of a term go from %(min)s to %(max)s (CL Arts 45, 50, 69).")
)
TERM_MONTHS = NumberBound(
    0, 11, _("The months of a term go from %(min)s to %(max)s; write 12 months as 1 year.")
)
TERM_DAYS = NumberBound(0, 366, _("The days of a term go from %(min)s to %(max)s."))
CUSTODY_DAYS = NumberBound(
    0,
    MAX_TERM_DAYS,
    _(
        "Pre-trial custody credit goes from %(min)s to %(max)s days: it cannot exceed the "
        "longest fixed term, 25 years (CL Arts 45, 47, 69)."
    ),
)
MEMBER_COUNT = NumberBound(
    0, 99, _("Enter the number of members present, from %(min)s to %(max)s.")
)
PERIOD_DAYS = NumberBound(1, 3650, _("A period of days goes from %(min)s to %(max)s days."))
PERIOD_MONTHS = NumberBound(1, 120, _("A period of months goes from %(min)s to %(max)s months."))

Bound = DateBound | NumberBound
_F = TypeVar("_F", bound=type[forms.BaseForm])
_TEMPORAL = (forms.DateField, forms.DateTimeField)


def bounded(**bounds: Bound) -> Callable[[_F], _F]:
    """Class decorator: attach a bound to every date and number field of a form.

    Fields named in `bounds` get that bound. Any other date or date-time field is a record of
    something that happened (PAST_EVENT). A number field with no bound of its own (no
    min_value and max_value) must be named, or the import fails: no unbounded number reaches
    the arithmetic.
    """

    def decorate(form_class: _F) -> _F:
        fields = form_class.base_fields  # type: ignore[attr-defined]
        unknown = set(bounds) - set(fields)
        if unknown:
            raise TypeError(f"{form_class.__name__} has no field {sorted(unknown)}")
        for name, field in fields.items():
            bound = bounds.get(name)
            if bound is None and isinstance(field, _TEMPORAL):
                bound = PAST_EVENT
            if bound is None and isinstance(field, forms.IntegerField | forms.DecimalField):
                if field.min_value is None or field.max_value is None:
                    raise TypeError(f"{form_class.__name__}.{name} is a number without bounds")
                continue
            if bound is None:
                continue
            field.validators = [*field.validators, bound]
            if isinstance(bound, NumberBound):
                field.widget.attrs.update(min=bound.minimum, max=bound.maximum)
            elif isinstance(field, forms.DateField):
                field.widget.attrs.setdefault("min", bound.earliest.isoformat())
        return form_class

    return decorate


def bound_of(field: object) -> Bound | None:
    """The bound attached to a form or serializer field, if any (for the tests' walk)."""
    for validator in getattr(field, "validators", []):
        if isinstance(validator, DateBound | NumberBound):
            return validator
    return None


# NUL and the other C0/C1 control characters, and lone surrogates: none belongs in a search
# and PostgreSQL refuses NUL outright (a 500 before this helper existed).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def search_text(raw: object, *, max_length: int | None = None) -> str:
    """The text of a search box, page or API: control characters become spaces, runs of
    spaces collapse, and the result is cut to `max_length` when given."""
    text = " ".join(_UNPRINTABLE.sub(" ", str(raw or "")).split())
    return text[:max_length] if max_length is not None else text


class SearchField(forms.CharField):
    """A search box: cleaned by `search_text` before any validator sees it."""

    def to_python(self, value: Any) -> str:
        return search_text(super().to_python(value))


class DomainErrorMiddleware:
    """Last line: a date beyond what can be counted answers 400 with a message, never 500.

    The edges bound their inputs; this catches an out-of-range date that reaches the pure
    arithmetic some other way (stored data, a path not yet bounded).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DateOutOfRange):
            return None
        from django.shortcuts import render

        return render(
            request, "errors/bad_input.html", {"message": str(OUT_OF_RANGE_MESSAGE)}, status=400
        )


OUT_OF_RANGE_MESSAGE = _(
    "A date in this request lies outside the range the system can count: check the years you "
    "entered and try again."
)


# Administrative division codes (GB/T 2260): the structure `kernel.regions` checks, with the
# message a clerk reads.

_REGION_MESSAGES = {
    "format": _("An administrative division code has six digits, e.g. 330106."),
    "province": _(
        "%(code)s is not an administrative division code: its first two digits name no "
        "province (GB/T 2260)."
    ),
    "county_without_prefecture": _(
        "%(code)s is not an administrative division code: a county (last two digits) sits "
        "under a prefecture (middle two digits), which cannot be 00 (GB/T 2260)."
    ),
}


def region_code_exists(value: str | None) -> None:
    """Validator: `value` has the structure of a real GB/T 2260 code (empty is left to
    `required`)."""
    if not value:
        return
    problem = region_code_problem(value)
    if problem is not None:
        raise ValidationError(
            _REGION_MESSAGES[problem], code=f"region_{problem}", params={"code": value}
        )
