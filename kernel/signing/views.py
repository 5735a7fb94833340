from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import OtpConfirmForm
from .otp import otpauth_uri, second_factor_confirm, second_factor_enrol
from .selectors import second_factor_get_for_user


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up and confirm the authenticator app used to sign documents."""
    user = request.user
    form = OtpConfirmForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("enrol", "reset"):
            second_factor_enrol(user, reset=action == "reset")
            return redirect("signing:second_factor")
        if action == "confirm":
            form = OtpConfirmForm(request.POST)
            if form.is_valid() and second_factor_confirm(user=user, code=form.cleaned_data["code"]):
                messages.success(request, _("Your one-time password app is confirmed."))
                return redirect("signing:second_factor")
            if form.is_valid():
                form.add_error("code", _("The one-time password is wrong or has expired."))
    factor = second_factor_get_for_user(user)
    context = {
        "factor": factor,
        "form": form,
        "otpauth_uri": otpauth_uri(user) if factor and not factor.is_confirmed else "",
    }
    return render(request, "signing/second_factor.html", context)
