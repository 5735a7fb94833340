from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from .kinds import KINDS
from .selectors import deadline_get_for_user, sweeper_health

# Every role that answers for a statutory clock works on cases.
CASE_ROLES = frozenset(r for k in KINDS.values() for r in (k.responsible_roles | k.head_roles))


@role_required([Role.SYSTEM_ADMIN])
@require_http_methods(["GET"])
def health(request: HttpRequest) -> JsonResponse:
    """Time of the last sweep and the backlog of due rungs; 503 when the sweeper is stale."""
    state = sweeper_health()
    return JsonResponse(
        {
            "last_sweep_at": state.last_sweep_at.isoformat() if state.last_sweep_at else None,
            "backlog": state.backlog,
            "stale": state.stale,
        },
        status=503 if state.stale else 200,
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def deadline_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One clock with its rule, calendar, every skipped day and every pause."""
    deadline = deadline_get_for_user(user=request.user, pk=pk)
    spec = KINDS.get(deadline.kind)
    return render(
        request,
        "deadlines/deadline_detail.html",
        {
            "deadline": deadline,
            "title": spec.title if spec else deadline.kind,
            # A provisional clock shows the computation of its estimate, which names the
            # estimated days; the page labels it as an estimate.
            "trace": deadline.trace.get("estimate", deadline.trace)
            if deadline.is_estimate
            else deadline.trace,
        },
    )
