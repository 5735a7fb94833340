"""Forms of the correction team, plan and verification log (input validation only; the acts
decide). One column each, so they work on a phone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Sex
from kernel.bounds import bounded

from ..forms import StepForm
from ..models import SupervisionGrade
from .models import TeamMember, TeamRole, VerificationMethod

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


@bounded()
class TeamMemberAddForm(StepForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        required=False,
        help_text=_("For the guarantor, leave blank to take the current guarantor's name."),
    )
    role = forms.ChoiceField(label=_("Role in the team"), choices=TeamRole.choices)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    joined_on = forms.DateField(label=_("Joined on"), widget=_DATE)


@bounded()
class TeamMemberRemoveForm(StepForm):
    member = forms.ModelChoiceField(label=_("Member"), queryset=TeamMember.objects.none())
    left_on = forms.DateField(label=_("Left on"), widget=_DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members


@bounded()
class PlanForm(StepForm):
    situation = forms.CharField(
        label=_("The person's situation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "CCL Art 24: sex, age, psychology, health, causes and type of the offence, repentance."
        ),
    )
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 3}))
    grade = forms.ChoiceField(
        label=_("Supervision grade"), choices=SupervisionGrade.choices, widget=forms.RadioSelect
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=_DATE)


class PlanAdjustForm(PlanForm):
    """The plan's fields (bounded on `PlanForm`) and the reason."""

    reason = forms.CharField(
        label=_("Reason for the adjustment"), widget=forms.Textarea(attrs={"rows": 2})
    )


@bounded()
class VerificationForm(StepForm):
    method = forms.ChoiceField(
        label=_("Method"), choices=VerificationMethod.choices, widget=forms.RadioSelect
    )
    verified_at = forms.DateTimeField(
        label=_("Verified at"), widget=_DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    findings = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG."),
    )
