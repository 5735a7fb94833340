"""Forms of a new or undiscovered crime (input validation only; the acts in
`supervision.newcrime.acts` decide). The organisations offered are those of the executing
institution's province (`investigating_organs`, `custodial_organs`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from ..forms import _DATE, _DATETIME, StepForm
from .models import RESUMING_OUTCOME_CHOICES, CompulsoryMeasure, CrimeKind

_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


@bounded()
class MeasureForm(StepForm):
    crime_kind = forms.ChoiceField(label=_("Crime"), choices=CrimeKind.choices)
    suspected_offence = forms.CharField(label=_("Suspected offence"), max_length=200)
    investigating_organ = forms.ModelChoiceField(
        label=_("Investigating organ"), queryset=Organisation.objects.none(), required=False
    )
    investigating_organ_name = forms.CharField(
        label=_("Or its name, when it is not in the system"), max_length=100, required=False
    )
    measure = forms.ChoiceField(label=_("Compulsory measure"), choices=CompulsoryMeasure.choices)
    measure_taken_at = forms.DateTimeField(
        label=_("Measure taken at"), widget=_DATETIME, input_formats=_FORMATS
    )
    cci_notified_at = forms.DateTimeField(
        label=_("The notice reached the institution at"), widget=_DATETIME, input_formats=_FORMATS
    )
    notice_scan = forms.FileField(
        label=_("The investigating organ's notice (PDF, JPEG or PNG)"), required=False
    )

    def __init__(self, *args: Any, organs: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["investigating_organ"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organs


@bounded()
class JudgmentForm(StepForm):
    judgment_court = forms.CharField(label=_("Court of the judgment"), max_length=100)
    judgment_number = forms.CharField(label=_("Judgment number"), max_length=80)
    judgment_effective_on = forms.DateField(label=_("Judgment effective on"), widget=_DATE)
    new_sentence = forms.CharField(label=_("Custodial sentence imposed"), max_length=200)
    court_notified_on = forms.DateField(label=_("The court's notice received on"), widget=_DATE)
    receiving_institution = forms.ModelChoiceField(
        label=_("Prison or detention centre (only when there is no original institution)"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, institutions: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if institutions is None:
            del self.fields["receiving_institution"]
        else:
            field = self.fields["receiving_institution"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = institutions


@bounded()
class CloseForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=RESUMING_OUTCOME_CHOICES,
    )
    decided_on = forms.DateField(label=_("Judgment effective or case withdrawn on"), widget=_DATE)
    judgment_court = forms.CharField(
        label=_("Court of the judgment"), max_length=100, required=False
    )
    judgment_number = forms.CharField(label=_("Judgment number"), max_length=80, required=False)
    new_sentence = forms.CharField(
        label=_("Non-custodial penalty imposed"), max_length=200, required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
