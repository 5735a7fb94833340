"""Views of the return to custody: each POST takes one declared act through `community_act`
and answers on the community page; the report (DOC-30) opens from the page."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES
from kernel.accounts.models import Organisation
from kernel.accounts.permissions import role_required
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case, community_document
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
from .rules import institutions_allowed, routing_of


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def designate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, record = community_case(request, pk)
    route = routing_of(case, record).route
    institutions = (
        institutions_allowed(case, record, route)
        if route is not None
        else Organisation.objects.none()
    )
    return community_act(
        request,
        pk,
        key=CUSTODY_INSTITUTION_DESIGNATE.name,
        act=CUSTODY_INSTITUTION_DESIGNATE,
        form_class=DesignateForm,
        form_kwargs={"institutions": institutions},
        done=_("Receiving institution designated; its clerks are told."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def return_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=CUSTODY_RETURN_RECORD.name,
        act=CUSTODY_RETURN_RECORD,
        form_class=ReturnForm,
        done=_("Return to custody recorded; the report is sent and community correction ends."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def abscond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=ABSCOND_RECORD.name,
        act=ABSCOND_RECORD,
        form_class=AbscondForm,
        done=_("Absconding recorded; the public security organ of the residence pursues."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def arrest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=ARREST_RECORD.name,
        act=ARREST_RECORD,
        form_class=ArrestForm,
        done=_("Arrest recorded; the institution takes the person in."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def report_receipt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _case, record = community_case(request, pk)
    return community_act(
        request,
        pk,
        key=CUSTODY_REPORT_RECEIPT_RECORD.name,
        act=CUSTODY_REPORT_RECEIPT_RECORD,
        form_class=ReceiptForm,
        form_kwargs={"copies": copies_to_receive(record, request.user)},
        params=lambda data: {**data, "copy_id": data["copy_id"].pk},
        done=_("Receipt of the report recorded."),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def report(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The report on the return to custody (DOC-30) of this person; every view is audited."""
    case, record = community_case(request, pk)
    custody = CustodyReturn.objects.filter(supervision=record).select_related("report").first()
    if custody is None or custody.report is None:
        raise Http404
    found = custody.report
    return community_document(request, case, found)
