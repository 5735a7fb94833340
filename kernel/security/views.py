"""The system administrator's list of locked-out sign-ins, and lifting one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role

from .forms import LockoutLiftForm
from .services import lockout_lift, lockout_list


@role_required([Role.SYSTEM_ADMIN])
@require_http_methods(["GET", "POST"])
def lockout_admin(request: HttpRequest) -> HttpResponse:
    form = LockoutLiftForm()
    status = 200
    if request.method == "POST":
        form = LockoutLiftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            lockout_lift(
                actor=request.user, kind=data["kind"], value=data["value"], reason=data["reason"]
            )
            messages.success(request, _("%(value)s may sign in again.") % {"value": data["value"]})
            return redirect("security:lockouts")
        status = 400
    return render(
        request,
        "security/lockouts.html",
        {"lockouts": lockout_list(admin=request.user), "form": form},
        status=status,
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, object] | None = None,
) -> HttpResponse:
    """What a locked-out sign-in sees (django-axes AXES_LOCKOUT_CALLABLE): 429 with how long."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
