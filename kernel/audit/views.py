from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.accounts.selectors import administered_organisation_ids
from kernel.bounds import search_text

from .models import AuditEvent


@role_required([Role.SYSTEM_ADMIN])
@require_http_methods(["GET"])
def event_list(request: HttpRequest) -> HttpResponse:
    """The log of what the administrator's organisations did, newest first; the whole log for
    an administrator at national level (kernel/accounts/selectors.py)."""
    events = AuditEvent.objects.order_by("-id")
    administered = administered_organisation_ids(request.user)
    if administered is not None:
        events = events.filter(organisation_id__in=administered)
    action = search_text(request.GET.get("action"), max_length=80)
    if action:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"page": page, "action": action})
