"""The section this part adds to the community-correction page (`supervision.sections`): the
route of P2014 Art 24 with the arithmetic of the remaining term, the institution taking the
person in, absconding and arrest with the candidate period not counted, the return and its
report with the copies, and the forms of the acts the user may take. Shown from the decision
on imprisonment on (S5, S5b, S6)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..models import SupervisionState
from ..sections import Section, acts_offered, section_register
from .acts import (
    ABSCOND_RECORD,
    ARREST_RECORD,
    CUSTODY_INSTITUTION_DESIGNATE,
    CUSTODY_REPORT_RECEIPT_RECORD,
    CUSTODY_RETURN_RECORD,
)
from .forms import (
    AbscondForm,
    ArrestForm,
    DesignateForm,
    ReceiptForm,
    ReturnForm,
    copies_to_receive,
)
from .models import CustodyReturn
from .rules import (
    designated_by_law,
    escape_period,
    institutions_allowed,
    receiving_institution_of,
    routing_of,
)

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision

_SHOWN = frozenset(
    {
        SupervisionState.REVOKED_AWAITING_CUSTODY,
        SupervisionState.ABSCONDED,
        SupervisionState.RETURNED_TO_CUSTODY,
    }
)


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any] | None:
    if record.state not in _SHOWN:
        return None
    routing = routing_of(case, record)
    custody = (
        CustodyReturn.objects.filter(supervision=record)
        .select_related(
            "receiving_institution", "pursuing_organ", "escort_organ", "report", "designated_by"
        )
        .first()
    )
    institutions = (
        institutions_allowed(case, record, routing.route) if routing.route is not None else None
    )
    initial = {"expected_state": case.state}
    blank: dict[str, Any] = {
        CUSTODY_INSTITUTION_DESIGNATE.name: lambda: DesignateForm(
            initial=initial,
            institutions=institutions if institutions is not None else _none(),
        ),
        ABSCOND_RECORD.name: lambda: AbscondForm(initial=initial),
        ARREST_RECORD.name: lambda: ArrestForm(initial=initial),
        CUSTODY_RETURN_RECORD.name: lambda: ReturnForm(initial=initial),
        CUSTODY_REPORT_RECEIPT_RECORD.name: lambda: ReceiptForm(
            initial=initial, copies=copies_to_receive(record, request.user)
        ),
    }
    routes = [
        (CUSTODY_INSTITUTION_DESIGNATE, "custody_designate"),
        (ABSCOND_RECORD, "custody_abscond"),
        (ARREST_RECORD, "custody_arrest"),
        (CUSTODY_RETURN_RECORD, "custody_return"),
        (CUSTODY_REPORT_RECEIPT_RECORD, "custody_report_receipt"),
    ]
    offered = acts_offered(
        request, case, forms, [(act, url, blank[act.name]) for act, url in routes]
    )
    return {
        "record": record,
        "routing": routing,
        "by_law": designated_by_law(routing.route),
        "institutions": list(institutions) if institutions is not None else [],
        "receiving": receiving_institution_of(case, record),
        "custody": custody,
        "copies": list(custody.copies.select_related("recipient")) if custody else [],
        "escape": escape_period(custody.absconded_on, custody.arrested_at) if custody else None,
        "acts": offered,
    }


def _none() -> Any:
    from kernel.accounts.models import Organisation

    return Organisation.objects.none()


CUSTODY_SECTION = section_register(
    Section(
        key="custody",
        title=_("Return to custody"),
        template="supervision/custody/_section.html",
        order=90,
        context=_context,
    )
)
