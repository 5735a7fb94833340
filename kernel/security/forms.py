"""Input validation for lifting a sign-in lockout."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LockoutLiftForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("username", _("User name")), ("ip_address", _("Address"))],
        widget=forms.HiddenInput,
    )
    value = forms.CharField(max_length=255, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        min_length=4,
        max_length=500,
        help_text=_("Say how you checked that the person asking is the account holder."),
    )
