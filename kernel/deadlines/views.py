from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role

from .selectors import sweeper_health


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
