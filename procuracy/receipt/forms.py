"""The acknowledgement forms of the inbox and the lane: which copy or delivery, and the day it
was received (default today)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .copykinds import KIND_CHOICES

#: Where the procurator acknowledged from, and is sent back to.
BACK_CHOICES = [("lane", "lane"), ("inbox", "inbox")]


class CopyAcknowledgeForm(forms.Form):
    copy_id = forms.IntegerField(widget=forms.HiddenInput)
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )
    back = forms.ChoiceField(choices=BACK_CHOICES, required=False, widget=forms.HiddenInput)


class DeliveryAcknowledgeForm(forms.Form):
    delivery_id = forms.IntegerField(widget=forms.HiddenInput)
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )
    back = forms.ChoiceField(choices=BACK_CHOICES, required=False, widget=forms.HiddenInput)

    def clean_received_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("received_on")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                _("A copy cannot be acknowledged as received in the future.")
            )
        return day


class RecordAcknowledgeForm(forms.Form):
    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)
    record_id = forms.IntegerField(widget=forms.HiddenInput)
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )
    back = forms.ChoiceField(choices=BACK_CHOICES, required=False, widget=forms.HiddenInput)


#: The inbox's filter by kind: the prison's copies, the decisions, and each kind supervision
#: copies.
INBOX_KIND_CHOICES = [
    ("", _("Every kind")),
    ("prison", _("Copies from the prison")),
    ("decision", _("Decisions")),
    *KIND_CHOICES,
]


class InboxFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of copy"),
        choices=INBOX_KIND_CHOICES,
        required=False,
        widget=forms.Select(attrs={"id": "receipt-kind-filter"}),
    )
