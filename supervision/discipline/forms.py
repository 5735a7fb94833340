"""Forms of rewards and sanctions and of electronic monitoring (input validation only; the
acts in `supervision.discipline.acts` decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.bounds import PLANNED_DATE, bounded

from ..forms import _DATE, StepForm
from .models import DisciplineMeasure, MonitoringGround


@bounded()
class MeasureForm(StepForm):
    """Praise, reprimand, warning or penalty request (CCL Art 28); one column, phone-sized."""

    decided_on = forms.DateField(label=_("Date"), widget=_DATE)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 3}))
    rule_breached = forms.CharField(
        label=_("Law or supervision rule breached"), max_length=300, required=False
    )
    reexamination_not_submitted = forms.BooleanField(
        label=_("For not submitting the re-examination results (SPC-Interp Art 516(5))"),
        required=False,
    )
    evidence_scan = forms.FileField(label=_("Evidence (PDF, JPEG or PNG)"), required=False)


class PraiseForm(MeasureForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["rule_breached"]
        del self.fields["reexamination_not_submitted"]


@bounded()
class CorrectionForm(StepForm):
    measure = forms.ModelChoiceField(label=_("Sanction"), queryset=DisciplineMeasure.objects.none())
    corrected = forms.TypedChoiceField(
        label=_("Finding"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Corrected")), ("no", _("Not corrected"))],
        widget=forms.RadioSelect,
    )
    found_on = forms.DateField(label=_("Assessed on"), widget=_DATE)
    note = forms.CharField(
        label=_("What the officer found"), widget=forms.Textarea(attrs={"rows": 2})
    )
    penalty_decision = forms.CharField(
        label=_("Public-security penalty decision (for a penalty request)"),
        max_length=80,
        required=False,
    )

    def __init__(self, *args: Any, measures: QuerySet[DisciplineMeasure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = measures


@bounded(starts_on=PLANNED_DATE, ends_on=PLANNED_DATE)
class MonitoringApproveForm(StepForm):
    ground = forms.ChoiceField(label=_("Ground (CCL Art 29 ¶1)"), choices=MonitoringGround.choices)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 3}))
    approved_by = forms.CharField(
        label=_("Approved by (head of the county judicial administration)"), max_length=60
    )
    approved_on = forms.DateField(label=_("Approved on"), widget=_DATE)
    approval_scan = forms.FileField(label=_("Signed approval (PDF, JPEG or PNG)"))
    starts_on = forms.DateField(label=_("Starts on"), widget=_DATE)
    ends_on = forms.DateField(label=_("Ends on (at most three months)"), widget=_DATE)


@bounded(ends_on=PLANNED_DATE)
class MonitoringExtendForm(StepForm):
    facts = forms.CharField(
        label=_("Assessment: why it is still necessary"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    approved_by = forms.CharField(
        label=_("Approved by (head of the county judicial administration)"), max_length=60
    )
    approved_on = forms.DateField(label=_("Approved on"), widget=_DATE)
    approval_scan = forms.FileField(label=_("Signed approval (PDF, JPEG or PNG)"))
    ends_on = forms.DateField(label=_("New end (at most three months more)"), widget=_DATE)


@bounded()
class MonitoringEndForm(StepForm):
    ended_on = forms.DateField(label=_("Removed on"), widget=_DATE)
    reason = forms.CharField(
        label=_("Why it is no longer needed"), widget=forms.Textarea(attrs={"rows": 2})
    )
