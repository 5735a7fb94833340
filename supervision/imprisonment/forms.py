"""Forms of the deciding organ's acts on the question of imprisonment (input validation only;
the acts in `supervision.imprisonment.acts` decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.bounds import bounded

from ..forms import _DATE, _DATETIME, StepForm


@bounded()
class ReceiptForm(StepForm):
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=_DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )


@bounded()
class DecideForm(StepForm):
    imprison = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Decide imprisonment")), ("no", _("Reject the proposal"))],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    non_counted_first_day = forms.DateField(
        label=_("Period not counted: first day (court only)"), widget=_DATE, required=False
    )
    non_counted_last_day = forms.DateField(
        label=_("Period not counted: last day"), widget=_DATE, required=False
    )
    non_counted_basis = forms.CharField(
        label=_("Basis of the period not counted"), max_length=200, required=False
    )
    otp_code = forms.RegexField(
        label=_("One-time password"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_(
            "The decision is signed digitally for your organ: confirm with the six-digit "
            "code of your authenticator app."
        ),
        error_messages={"invalid": _("Enter the six digits of your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
