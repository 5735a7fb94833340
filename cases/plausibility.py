"""Plausibility of what a clerk enters in the case file (issue 14, "forms a clerk can trust").

One place for the web form and the API: `CaseRecord.clean()` asks `record_problems`, and both
roads run it. The web form's model validation calls it on the page (so the error stands beside
its field and in the page's error summary); the record act's effects call `full_clean()` on the
record the API body built, so an API client gets the same message as a 400, and nothing is
written. The form's date fields also carry `kernel.bounds.PAST_EVENT` (the same rule at the
edge, with the date picker's limit).

The rules, each with what it rests on:

- a record of something done (an application, a certificate, an identification, a declaration,
  a verification, an entrustment, an opinion received, a deliberation, an objection received
  or examined) is not dated after today in China (`kernel.bounds.china_today`);
- what is received is not received before it was sent, what is examined not before it was
  received, an investigation not before it was entrusted and does not end before it began;
- the written application precedes the opening of the case it opens (P2014 Art 8 ¶1: the
  institution examines a written application, so the case cannot be opened before it);
- the publicity lasts at least `PUBLICITY_MINIMUM_DAYS` (legal-spec E-17 / D-28);
- the review committee deliberates with its quorum (MOJ 2016 Art 3), the same refusal
  `cases.rules` gives at the "deliberate" step;
- a verified residence carries a real administrative division code (GB/T 2260).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kernel.bounds import china_today, region_code_exists
from kernel.refusals import Requirement

from .rules import PUBLICITY_MINIMUM_DAYS, deliberation_quorum_unmet, publicity_too_short

Problems = dict[str, list[str]]

#: The dates of each kind of record that record something already done (none may lie after
#: today). The publicity's dates are planned, and the guarantor's are its own module's.
PAST_DATES: dict[str, tuple[str, ...]] = {
    "WrittenApplication": ("applied_on",),
    "ProcuratorateCopy": ("sent_on", "received_on"),
    "MedicalCertificate": ("issued_on",),
    "SelfCareIdentification": ("identified_on", "observation_start"),
    "RecusalDeclaration": ("declared_on",),
    "ResidenceVerification": ("verified_on",),
    "InvestigationEntrustment": (
        "entrusted_on",
        "opinion_received_on",
        "investigated_from",
        "investigated_to",
    ),
    "Deliberation": ("held_on",),
    "Objection": ("received_on", "examined_on"),
}


@dataclass(frozen=True)
class Order:
    """Two dates of one record that happen in this order (the later may be the same day)."""

    earlier: str
    later: str
    message: Promise


ORDERS: dict[str, tuple[Order, ...]] = {
    "ProcuratorateCopy": (
        Order("sent_on", "received_on", _("A copy cannot be received before it was sent.")),
    ),
    "InvestigationEntrustment": (
        Order(
            "entrusted_on",
            "opinion_received_on",
            _(
                "The investigation opinion cannot be received before the investigation was "
                "entrusted."
            ),
        ),
        Order(
            "entrusted_on",
            "investigated_from",
            _("The investigation cannot begin before it was entrusted."),
        ),
        Order(
            "investigated_from",
            "investigated_to",
            _("The investigation cannot end before it starts."),
        ),
    ),
    "Objection": (
        Order(
            "received_on",
            "examined_on",
            _("An objection cannot be examined before it was received."),
        ),
    ),
    "Publicity": (Order("starts_on", "ends_on", _("The publicity cannot end before it starts.")),),
}

#: The message of `kernel.bounds.PAST_EVENT`, which the form's date fields carry: one wording.
FUTURE = _(
    "This records something that has already happened, so its date cannot be later than %(date)s."
)


def _show(day: dt.date) -> str:
    return str(formats.date_format(day, "DATE_FORMAT"))


def application_after_opening(applied: dt.date, opened: dt.date) -> str | None:
    """The refusal when the written application is dated after the case it opens (the case
    file's record and the opening form both ask)."""
    if applied <= opened:
        return None
    requirement = Requirement(
        "P2014 Art 8 ¶1",
        _(
            "The written application cannot be dated after the case was opened on "
            "%(opened)s: the case is opened on it."
        )
        % {"opened": _show(opened)},
    )
    return str(requirement)


def _application_precedes_opening(record: Any) -> Problems:
    applied: dt.date | None = record.applied_on
    if applied is None or record.case_id is None:
        return {}
    problem = application_after_opening(applied, record.case.opened_on)
    return {"applied_on": [problem]} if problem else {}


def _publicity_lasts(record: Any) -> Problems:
    starts, ends = record.starts_on, record.ends_on
    if starts is None or ends is None or ends < starts:
        return {}
    requirement = publicity_too_short(starts, ends)
    return {"ends_on": [str(requirement)]} if requirement else {}


def _quorum(record: Any) -> Problems:
    requirement = deliberation_quorum_unmet(record.members_present)
    return {"members_present": [str(requirement)]} if requirement else {}


def _region(record: Any) -> Problems:
    try:
        region_code_exists(record.region_code)
    except ValidationError as exc:
        return {"region_code": [str(m) for m in exc.messages]}
    return {}


#: The rules of one kind of record beyond dates (each returns its problems by field).
CHECKS: dict[str, tuple[Callable[[Any], Problems], ...]] = {
    "WrittenApplication": (_application_precedes_opening,),
    "Publicity": (_publicity_lasts,),
    "Deliberation": (_quorum,),
    "ResidenceVerification": (_region,),
}


def record_problems(
    record: Any, *, today: dt.date | None = None, not_shown: Collection[str] = ()
) -> Problems:
    """What is implausible in `record`, by field; a field the form did not show (`not_shown`,
    e.g. the investigated dates the institution reports itself) is reported for the record."""
    name = type(record).__name__
    today = today or china_today()
    problems: Problems = {}

    def add(field: str, message: str) -> None:
        key = NON_FIELD_ERRORS if field in not_shown else field
        problems.setdefault(key, []).append(message)

    for field in PAST_DATES.get(name, ()):
        day = getattr(record, field, None)
        if day is not None and day > today:
            add(field, str(FUTURE % {"date": _show(today)}))
    for order in ORDERS.get(name, ()):
        earlier, later = getattr(record, order.earlier, None), getattr(record, order.later, None)
        if earlier is not None and later is not None and later < earlier:
            add(order.later, str(order.message))
    for check in CHECKS.get(name, ()):
        for field, messages in check(record).items():
            for message in messages:
                add(field, message)
    return problems


__all__ = [
    "PAST_DATES",
    "PUBLICITY_MINIMUM_DAYS",
    "application_after_opening",
    "record_problems",
]
