"""Views of the deciding organ's acts on the question of imprisonment: each POST takes one
declared act through `community_act` and answers on the community page; every decision of the
case opens as a PDF from the page (audited, scoped to the case)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from approvals.models import ApprovalDecision
from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case, community_document
from .acts import IMPRISONMENT_DECIDE, REVOCATION_RECEIPT_RECORD
from .forms import DecideForm, ReceiptForm

_DECIDING_ORGAN_STAFF = APPROVING_ROLES | COURT_ROLES


@role_required(_DECIDING_ORGAN_STAFF)
@require_http_methods(["POST"])
def receipt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=REVOCATION_RECEIPT_RECORD.name,
        act=REVOCATION_RECEIPT_RECORD,
        form_class=ReceiptForm,
        done=_("Receipt recorded: decide within 30 days."),
    )


@role_required(_DECIDING_ORGAN_STAFF)
@require_http_methods(["POST"])
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=IMPRISONMENT_DECIDE.name,
        act=IMPRISONMENT_DECIDE,
        form_class=DecideForm,
        done=lambda decision: (
            _("Decision %(number)s issued, signed and sent.") % {"number": decision.number}
        ),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, decision_id: int) -> FileResponse:
    """A decision of this case (any kind), signed copy if signed, in the browser; every view is
    audited."""
    case, _record = community_case(request, pk)
    decision = (
        ApprovalDecision.objects.filter(case=case, pk=decision_id)
        .select_related("document", "document__signature")
        .first()
    )
    if decision is None:
        raise Http404
    return community_document(
        request,
        case,
        decision.document,
        filename=f"decision-{decision.pk}.pdf",
        payload={"decision_id": decision.pk},
    )
