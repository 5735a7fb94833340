"""The signer's own authenticator page, and the system administrator's reset of a lost one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role

from .forms import OtpConfirmForm, SecondFactorResetForm
from .otp import otpauth_uri, second_factor_confirm, second_factor_enrol
from .otp_reset import second_factor_admin_reset
from .selectors import (
    second_factor_get_for_user,
    second_factor_resets_for,
    second_factor_resettable_user_get,
    second_factor_resettable_users,
)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up and confirm the authenticator app used to sign documents. A confirmed one is
    replaced only with a code from it; a lost one is reset by a system administrator."""
    user = request.user
    form = OtpConfirmForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "enrol":
                second_factor_enrol(user)
                return redirect("signing:second_factor")
            if action == "reset":
                factor = second_factor_get_for_user(user)
                code = None
                if factor is not None and factor.is_confirmed:
                    form = OtpConfirmForm(request.POST)
                    if not form.is_valid():
                        return _second_factor_page(request, form, 400)
                    code = form.cleaned_data["code"]
                second_factor_enrol(user, reset=True, current_code=code)
                messages.success(request, _("A new key was made: add it to your app and confirm."))
                return redirect("signing:second_factor")
            if action == "confirm":
                form = OtpConfirmForm(request.POST)
                if form.is_valid():
                    second_factor_confirm(user=user, code=form.cleaned_data["code"])
                    messages.success(request, _("Your one-time password app is confirmed."))
                    return redirect("signing:second_factor")
                status = 400
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            status = 400
    return _second_factor_page(request, form, status)


def _second_factor_page(request: HttpRequest, form: OtpConfirmForm, status: int) -> HttpResponse:
    user = request.user
    factor = second_factor_get_for_user(user)
    context = {
        "factor": factor,
        "form": form,
        "otpauth_uri": otpauth_uri(user) if factor and not factor.is_confirmed else "",
        "locked": factor is not None and factor.is_locked(),
    }
    return render(request, "signing/second_factor.html", context, status=status)


_ADMIN = [Role.SYSTEM_ADMIN]


@role_required(_ADMIN)
@require_http_methods(["GET"])
def second_factor_user_list(request: HttpRequest) -> HttpResponse:
    """The users whose signing factor this administrator may reset."""
    users = second_factor_resettable_users(admin=request.user)
    return render(
        request,
        "signing/second_factor_user_list.html",
        {"users": users, "now": timezone.now()},
    )


@role_required(_ADMIN)
@require_http_methods(["GET", "POST"])
def second_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """Reset one user's signing factor after the device was lost, with a written reason."""
    target = second_factor_resettable_user_get(admin=request.user, pk=user_id)
    form = SecondFactorResetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                second_factor_admin_reset(
                    user_id=target.pk, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _(
                        "The signing factor of %(user)s was reset; they were told in the "
                        "notification centre, by e-mail and by SMS, and must set it up again."
                    )
                    % {"user": target.display_name},
                )
                return redirect("signing:second_factor_users")
    return render(
        request,
        "signing/second_factor_reset.html",
        {
            "target": target,
            "factor": second_factor_get_for_user(target),
            "form": form,
            "resets": second_factor_resets_for(user=target),
        },
        status=status,
    )
