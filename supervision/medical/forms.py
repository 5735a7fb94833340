"""Forms of the re-examinations (input validation only; one column, for a phone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.bounds import PLANNED_DATE, bounded

from ..forms import StepForm
from .models import HospitalCapability, PostponementRequester, ReexaminationPostponement

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@bounded(requested_date=PLANNED_DATE)
class PostponementRequestForm(StepForm):
    requested_by = forms.ChoiceField(label=_("Requested by"), choices=PostponementRequester.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    requested_date = forms.DateField(label=_("Re-examination postponed to (asked)"), widget=_DATE)


@bounded(approved_date=PLANNED_DATE)
class PostponementDecideForm(StepForm):
    postponement = forms.ModelChoiceField(
        label=_("Request"), queryset=ReexaminationPostponement.objects.none()
    )
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    approved_date = forms.DateField(
        label=_("Re-examination postponed to"),
        required=False,
        widget=_DATE,
        help_text=_("Approval: leave empty for the date asked."),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, pending: QuerySet[ReexaminationPostponement], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["postponement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = pending


@bounded()
class BirthForm(StepForm):
    child_born_on = forms.DateField(label=_("Child born on"), widget=_DATE)
    notes = forms.CharField(label=_("Notes"), max_length=200, required=False)


@bounded(on=PLANNED_DATE)
class HospitalFilterForm(forms.Form):
    province = forms.CharField(label=_("Province code"), max_length=2, required=False)
    capability = forms.ChoiceField(
        label=_("May certify"),
        choices=[("", "—"), *HospitalCapability.choices],
        required=False,
    )
    on = forms.DateField(label=_("Listed on"), required=False, widget=_DATE)
