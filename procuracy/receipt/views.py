"""The procuratorate's inbox of copies (`/procuracy/inbox/`) and the two acknowledgements it and
the lane's `receipt` section post: a copy from the prison (`procuratorate_copy_acknowledge`)
and a decision delivered to the procuratorate (`delivery_receipt_record`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from approvals.acts.deliveries import DELIVERY_RECEIPT_RECORD
from approvals.models import Delivery
from cases.acts.declaration import Act
from cases.acts.runner import act_run
from cases.models import Case
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..lane import lane_render
from .acts import PROCURATORATE_COPY_ACKNOWLEDGE, PROCURATORATE_RECORD_ACKNOWLEDGE
from .copykinds import KINDS as COPY_KINDS
from .forms import (
    CopyAcknowledgeForm,
    DeliveryAcknowledgeForm,
    InboxFilterForm,
    RecordAcknowledgeForm,
)
from .selectors import (
    copies_acknowledged,
    copies_awaiting,
    deliveries_acknowledged,
    deliveries_awaiting,
    records_acknowledged,
    records_awaiting,
)

INBOX_PAGE_SIZE = 50
#: How many acknowledged copies and decisions the inbox lists below those awaiting.
RECENT = 20


def _inbox_render(request: AuthenticatedHttpRequest, status: int = 200) -> HttpResponse:
    """Pending first, then the recently acknowledged: the prison's copies, the decisions and
    the records supervision copied, each table paginated on its own, all filtered by kind."""
    org = request.user.organisation_id
    filter_form = InboxFilterForm(request.GET or None)
    only = filter_form.cleaned_data.get("kind") if filter_form.is_valid() else ""
    prison = only in ("", "prison")
    decisions = only in ("", "decision")
    supervision = only in ("", *COPY_KINDS)
    one_kind = only if only in COPY_KINDS else None
    context = {
        "filter_form": filter_form,
        "only": only,
        "show_prison": prison,
        "show_decisions": decisions,
        "show_supervision": supervision,
        "page": Paginator(copies_awaiting(org) if prison else [], INBOX_PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "deliveries": Paginator(
            deliveries_awaiting(org) if decisions else [], INBOX_PAGE_SIZE
        ).get_page(request.GET.get("dpage")),
        "records": Paginator(
            records_awaiting(org, one_kind) if supervision else [], INBOX_PAGE_SIZE
        ).get_page(request.GET.get("spage")),
        "recent_copies": list(copies_acknowledged(org)[:RECENT]) if prison else [],
        "recent_deliveries": list(deliveries_acknowledged(org)[:RECENT]) if decisions else [],
        "recent_records": records_acknowledged(org, one_kind, RECENT) if supervision else [],
        "today": timezone.localdate(),
    }
    return render(request, "procuracy/receipt/inbox.html", context, status=status)


@role_required([Role.PROCURATOR])
@require_http_methods(["GET"])
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything addressed to the user's procuratorate awaiting acknowledgement, oldest first,
    then the recently acknowledged."""
    return _inbox_render(request)


def _answer(
    request: AuthenticatedHttpRequest, case: Case, back: str, action: Any, done: str, anchor: str
) -> HttpResponse:
    if back == "inbox":
        return run_service(
            request,
            case,
            action,
            done=done,
            success_url=reverse("procuracy:receipt_inbox"),
            page=lambda status: _inbox_render(request, status),
        )
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=reverse("procuracy:lane", args=[case.pk]) + f"#{anchor}",
        page=lambda status: lane_render(request, case, status=status),
    )


def _acknowledge(
    request: AuthenticatedHttpRequest,
    pk: int,
    act: Act,
    form_class: type[forms.Form],
    params: Callable[[dict[str, Any]], dict[str, Any]],
    done: str,
) -> HttpResponse:
    """One acknowledgement posted from the inbox or the lane: the act's `may` first, then the
    form, then the act run with the params the form's data gives; back where it was posted."""
    case = case_get_for_user(user=request.user, pk=pk)
    act.may(case, request.user)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return lane_render(request, case, status=400)
    data = form.cleaned_data
    return _answer(
        request,
        case,
        data.get("back") or "lane",
        lambda: act_run(
            act, case_id=case.pk, actor=request.user, expected_state=None, **params(data)
        ),
        done,
        "section-receipt",
    )


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def copy_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A copy from the prison acknowledged (`procuratorate_copy_acknowledge`)."""
    return _acknowledge(
        request,
        pk,
        PROCURATORATE_COPY_ACKNOWLEDGE,
        CopyAcknowledgeForm,
        lambda data: {"copy_id": data["copy_id"], "received_on": data.get("received_on")},
        _("Copy acknowledged: the clocks that run from its receipt have started."),
    )


def _received_at(delivery_id: int, day: dt.date | None) -> dt.datetime | None:
    """The moment of a receipt given as a day: now for today, otherwise 09:00 that day (never
    before the sending, which the act refuses for an earlier day)."""
    if day is None or day == timezone.localdate():
        return None
    at = dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())
    sent = Delivery.objects.filter(pk=delivery_id).values_list("sent_at", flat=True).first()
    if sent is not None and timezone.localdate(sent) == day:
        return max(at, sent)
    return at


def _delivery_params(data: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {"delivery_id": data["delivery_id"]}
    received_at = _received_at(data["delivery_id"], data.get("received_on"))
    if received_at is not None:
        params["received_at"] = received_at
    return params


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def delivery_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A decision delivered to the procuratorate acknowledged (`delivery_receipt_record`)."""
    return _acknowledge(
        request,
        pk,
        DELIVERY_RECEIPT_RECORD,
        DeliveryAcknowledgeForm,
        _delivery_params,
        _("Decision acknowledged: the month to object runs from its receipt."),
    )


@role_required([Role.PROCURATOR])
@require_http_methods(["POST"])
def record_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A record supervision copied to the procuratorate, acknowledged (签收) from the inbox or
    the lane (`procuratorate_record_acknowledge`)."""
    return _acknowledge(
        request,
        pk,
        PROCURATORATE_RECORD_ACKNOWLEDGE,
        RecordAcknowledgeForm,
        lambda data: {
            "kind": data["kind"],
            "record_id": data["record_id"],
            "received_on": data.get("received_on"),
        },
        _("Copy acknowledged: its sender is no longer waiting for the procuratorate."),
    )
