"""The entrusted institution's screens for the investigation and evaluation a prison asks
(P2014 Art 8 ¶2, 13 ¶2; CCL Art 18; issue 13): its inbox of requests with their clock D-27,
and one request's page where it records the investigation and its finding
(`investigation_report_record`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kernel.accounts.models import User
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import INVESTIGATING_ROLES
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest

from .acts.investigation import INVESTIGATION_REPORT_RECORD, is_entrusted
from .acts.runner import act_run
from .jurisdiction import Capacity
from .models import Case, CaseParticipant, InvestigationEntrustment, InvestigationFinding
from .web import run_service

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InquiryReportForm(forms.Form):
    investigated_from = forms.DateField(label=gettext_lazy("investigated from"), widget=_DATE)
    investigated_to = forms.DateField(label=gettext_lazy("investigated until"), widget=_DATE)
    interviewed = forms.CharField(
        label=gettext_lazy("persons interviewed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    finding = forms.ChoiceField(label=gettext_lazy("finding"), choices=InvestigationFinding.choices)
    reasons = forms.CharField(
        label=gettext_lazy("reasons"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "The person's social danger and the impact on the community of residence."
        ),
    )
    signed_opinion = forms.FileField(
        label=gettext_lazy("signed investigation and evaluation opinion"),
        help_text=gettext_lazy("PDF, JPEG or PNG, signed and sealed."),
    )


def inquiry_list_for_user(*, user: User) -> QuerySet[InvestigationEntrustment]:
    """The entrustments in force addressed to the user's institution, with their clock's due
    date and the entrusting institution, in a constant number of queries."""
    if user.organisation_id is None or not (user.role_codes & INVESTIGATING_ROLES):
        return InvestigationEntrustment.objects.none()
    clock = (
        deadlines_of(Case)
        .filter(subject_id=OuterRef("case_id"), kind="D-27", status__in=OPEN_STATUSES)
        .order_by("due_at")
    )
    prison = CaseParticipant.objects.filter(
        case_id=OuterRef("case_id"), capacity=Capacity.INSTITUTION
    ).values("organisation__name")[:1]
    return (
        InvestigationEntrustment.objects.in_force()
        .filter(entrusted_to_id=user.organisation_id)
        .select_related("case__offender")
        .annotate(
            due_date=Subquery(clock.values("due_date")[:1]),
            entrusted_by=Subquery(prison),
        )
        .order_by(F("opinion_received_on").asc(nulls_first=True), "entrusted_on", "id")
    )


@role_required(INVESTIGATING_ROLES)
@require_http_methods(["GET"])
def inquiry_inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The investigation requests addressed to the user's institution (P2014 Art 8 ¶2)."""
    page = Paginator(inquiry_list_for_user(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "cases/inquiry_inbox.html", {"page": page})


def _inquiry_for(user: User, pk: int) -> InvestigationEntrustment:
    record = inquiry_list_for_user(user=user).filter(case_id=pk).first()
    if record is None or not is_entrusted(record, user):
        raise Http404
    return record


@role_required(INVESTIGATING_ROLES)
@require_http_methods(["GET", "POST"])
def inquiry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One request: what the prison asks, and the form the institution answers with."""
    record = _inquiry_for(request.user, pk)
    case = record.case
    form = InquiryReportForm(
        request.POST or None,
        request.FILES or None,
        initial={"investigated_to": timezone.localdate()},
    )

    def page(status: int) -> HttpResponse:
        context: dict[str, Any] = {
            "record": _inquiry_for(request.user, pk),
            "case": case,
            "form": form,
            "act": INVESTIGATION_REPORT_RECORD,
        }
        return render(request, "cases/inquiry.html", context, status=status)

    if request.method == "GET":
        return page(200)
    if not form.is_valid():
        return page(400)
    return run_service(
        request,
        case,
        lambda: act_run(
            INVESTIGATION_REPORT_RECORD,
            case_id=case.pk,
            actor=request.user,
            expected_state=request.POST.get("expected_state") or case.state,
            **form.cleaned_data,
        ),
        done=_("The investigation and evaluation opinion is recorded; the prison is told."),
        success_url=reverse("cases:inquiry", args=[case.pk]),
        page=page,
    )
