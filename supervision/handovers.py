"""The inbox of the public security organ executing bail or residential surveillance on the
court path (P2014 Arts 18 ¶2, 19; CCL Art 21 ¶2; SPC-Interp Art 515 ¶5; issue 13): the persons
the court released to community correction whom it must hand over, with the service of the
decision on it, the 10-day clock D-14 and the hand-over once recorded. Each row opens the
release page, where its officers record the receipt and the hand-over."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from approvals.models import DecisionKind, Delivery
from cases.jurisdiction import Capacity
from cases.models import Case
from kernel.accounts.models import User
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import EXECUTING_PUBLIC_SECURITY_ROLES
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest


def hand_overs_for_user(*, user: User) -> QuerySet[Case]:
    """The cases whose hand-over falls to the user's public security organ, with the decision's
    service on it and its clock D-14, in a constant number of queries."""
    if user.organisation_id is None or not (user.role_codes & EXECUTING_PUBLIC_SECURITY_ROLES):
        nothing: QuerySet[Case] = Case.objects.none()
        return nothing
    delivery = Delivery.objects.filter(
        decision__case_id=OuterRef("pk"),
        decision__kind=DecisionKind.TEOP,
        purpose=Delivery.Purpose.INSTITUTION,
        recipient_id=user.organisation_id,
    ).order_by("sent_at")
    clock = deadlines_of(Case).filter(subject_id=OuterRef("pk"), kind="D-14").order_by("-due_at")
    cases: QuerySet[Case] = (
        Case.objects.filter(
            participants__organisation_id=user.organisation_id,
            participants__capacity=Capacity.EXECUTING_PUBLIC_SECURITY,
        )
        .select_related("offender", "hand_over", "court_proceeding__court")
        .annotate(
            sent_at=Subquery(delivery.values("sent_at")[:1]),
            received_at=Subquery(delivery.values("received_at")[:1]),
            due_date=Subquery(clock.values("due_date")[:1]),
            clock_status=Subquery(clock.values("status")[:1]),
        )
        .order_by(F("hand_over__handed_over_at").asc(nulls_first=True), "-sent_at", "-pk")
    )
    return cases


@role_required(EXECUTING_PUBLIC_SECURITY_ROLES)
@require_http_methods(["GET"])
def public_security_inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The hand-overs addressed to the user's public security organ (P2014 Art 19)."""
    page = Paginator(hand_overs_for_user(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "supervision/public_security_inbox.html", {"page": page})
