"""Forms of the period not counted (input validation only; the acts in
`supervision.recalculation.acts` decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from ..forms import _DATE, _DATETIME, StepForm
from .models import RecalculationGround


@bounded()
class NoticeForm(StepForm):
    """The deciding organ's notice (P2014 Art 26 ¶1), prefilled from the proposal for
    imprisonment when it claimed a period."""

    ground = forms.ChoiceField(label=_("Ground"), choices=RecalculationGround.choices)
    first_day = forms.DateField(label=_("Not counted from"), widget=_DATE)
    last_day = forms.DateField(label=_("Not counted until"), widget=_DATE)
    explanation = forms.CharField(
        label=_("Explanation of the period"), widget=forms.Textarea(attrs={"rows": 3})
    )
    proof = forms.FileField(
        label=_("Proof of the period (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("Without a file, the proof attached to the proposal for imprisonment."),
    )


class ProposeForm(StepForm):
    """The institution's proposal (DOC-31): only the intermediate courts of its place."""

    court = forms.ModelChoiceField(
        label=_("Intermediate people's court"), queryset=Organisation.objects.none()
    )
    opinion = forms.CharField(
        label=_("Proposal: facts, period and reasons"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, courts: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["court"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = courts


@bounded()
class ReceiptForm(StepForm):
    received_at = forms.DateTimeField(
        label=_("Received at"), widget=_DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )


@bounded()
class RuleForm(StepForm):
    not_counted = forms.TypedChoiceField(
        label=_("Ruling"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("A period is not counted")), ("no", _("The whole time counts"))],
        widget=forms.RadioSelect,
    )
    first_day = forms.DateField(label=_("Not counted from"), widget=_DATE, required=False)
    last_day = forms.DateField(label=_("Not counted until"), widget=_DATE, required=False)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    otp_code = forms.RegexField(
        label=_("One-time password"),
        regex=r"^\s*\d{6}\s*$",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
