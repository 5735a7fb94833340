"""Views of the period not counted: each POST takes one declared act through `community_act`
and answers on the community page; the proposal (DOC-31) and the ruling open from the page."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import (
    APPROVING_ROLES,
    COURT_DECIDING_ROLES,
    COURT_ROLES,
    CUSTODY_ROLES,
)
from kernel.documents.models import GeneratedDocument
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case, community_document
from .acts import NOTICE, PROPOSE, RECEIPT, RULE, intermediate_courts, pending_proposal
from .forms import NoticeForm, ProposeForm, ReceiptForm, RuleForm
from .models import RecalculationProposal


def _court_id(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "court": data["court"].pk}


def _unsigned_if_blank(data: dict[str, Any]) -> dict[str, Any]:
    code = str(data.pop("otp_code", "") or "").strip()
    return {**data, "otp_code": code} if code else data


@role_required(APPROVING_ROLES | COURT_DECIDING_ROLES)
@require_http_methods(["POST"])
def notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=NOTICE.name,
        act=NOTICE,
        form_class=NoticeForm,
        done=str(gettext_lazy("The institution is notified to propose.")),
    )


@role_required(CUSTODY_ROLES)
@require_http_methods(["POST"])
def propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, _record = community_case(request, pk)
    pending = pending_proposal(case)
    return community_act(
        request,
        pk,
        key=PROPOSE.name,
        act=PROPOSE,
        form_class=ProposeForm,
        form_kwargs={"courts": intermediate_courts(pending.institution if pending else None)},
        params=_court_id,
        done=str(gettext_lazy("The proposal is sent to the intermediate court.")),
    )


@role_required(COURT_ROLES)
@require_http_methods(["POST"])
def receipt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=RECEIPT.name,
        act=RECEIPT,
        form_class=ReceiptForm,
        done=str(gettext_lazy("Receipt recorded: rule within one month.")),
    )


@role_required(COURT_DECIDING_ROLES)
@require_http_methods(["POST"])
def rule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=RULE.name,
        act=RULE,
        form_class=RuleForm,
        params=_unsigned_if_blank,
        done=str(gettext_lazy("Ruling issued and served.")),
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> FileResponse:
    """A proposal (DOC-31) or ruling of this person, in the browser; every view is audited."""
    case, record = community_case(request, pk)
    ids: set[int | None] = set()
    for proposal in RecalculationProposal.objects.filter(supervision=record).select_related(
        "ruling"
    ):
        ids.add(proposal.proposal_document_id)
        ids.add(proposal.ruling.document_id if proposal.ruling else None)
    found = GeneratedDocument.objects.filter(pk=document_id, pk__in=ids - {None}).first()
    if found is None:
        raise Http404
    return community_document(request, case, found)
