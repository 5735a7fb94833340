"""Forms of the procuratorate's supervisory acts (input validation only; the acts in
`procuracy.review.acts` decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import DESIGNATED_HOSPITAL, choice_field_scope
from kernel.accounts.models import Organisation
from kernel.bounds import PLANNED_DATE, bounded
from supervision.forms import _DATE, StepForm

from .models import AssessmentKind, Finding, ReviewConclusion, ReviewPoint

_TEXT = forms.Textarea(attrs={"rows": 3})


def _yes_no(label: Any, yes: Any, no: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=lambda v: v == "yes", choices=[("yes", yes), ("no", no)]
    )


@bounded()
class AttendanceForm(StepForm):
    assessment = forms.ChoiceField(label=_("Assessment"), choices=AssessmentKind.choices)
    attended_on = forms.DateField(label=_("Attended on"), widget=_DATE)
    procurators = forms.CharField(label=_("Attending procurators"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200)
    observations = forms.CharField(label=_("Observations"), widget=_TEXT)
    irregularities = forms.CharField(label=_("Irregularities found"), widget=_TEXT, required=False)


@bounded()
class DecisionReviewForm(StepForm):
    """The seven points of SPP-Rules Art 631, each a finding and a note."""

    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=_DATE)
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=ReviewConclusion.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for point in ReviewPoint:
            self.fields[f"{point.value}_finding"] = forms.ChoiceField(
                label=point.label, choices=Finding.choices, initial=Finding.CONFORMS
            )
            self.fields[f"{point.value}_note"] = forms.CharField(
                label=_("Note"), max_length=2000, required=False
            )

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expected_state": data["expected_state"],
            "reviewed_on": data["reviewed_on"],
            "conclusion": data["conclusion"],
            "findings": {
                p.value: {"finding": data[f"{p.value}_finding"], "note": data[f"{p.value}_note"]}
                for p in ReviewPoint
            },
        }


class ObjectionReportForm(StepForm):
    reasons = forms.CharField(label=_("Reasons and the review's findings"), widget=_TEXT)


class ObjectionReportDecideForm(StepForm):
    report = forms.ModelChoiceField(label=_("Report"), queryset=None)
    raise_objection = _yes_no(
        _("Decision"), _("Raise the objection"), _("Do not raise the objection")
    )
    reasons = forms.CharField(label=_("Grounds or reasons"), widget=_TEXT)

    def __init__(self, *args: Any, reports: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = reports

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["report_id"] = data.pop("report").pk
        return data


class ReexaminationSuperviseForm(StepForm):
    objection = forms.ModelChoiceField(label=_("Re-examined objection"), queryset=None)
    lawful = _yes_no(_("Finding"), _("The result is lawful"), _("The result is unlawful"))
    reasons = forms.CharField(label=_("Reasons"), widget=_TEXT)

    def __init__(self, *args: Any, objections: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["objection"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = objections

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["objection_id"] = data.pop("objection").pk
        return data


@bounded()
class FilesConsultationForm(StepForm):
    consulted_on = forms.DateField(label=_("Consulted on"), widget=_DATE)
    consulted = forms.CharField(label=_("Materials and files consulted"), widget=_TEXT)
    findings = forms.CharField(label=_("Findings"), widget=_TEXT)


@bounded(due_on=PLANNED_DATE)
class ReassessmentRequireForm(StepForm):
    assessment = forms.ChoiceField(label=_("Re-assessment"), choices=AssessmentKind.choices)
    hospital = forms.ModelChoiceField(
        label=_("Designated hospital"),
        queryset=None,
        required=False,
        help_text=_("Its liaison sees the request and records the result (P2014 Art 9)."),
    )
    performed_by = forms.CharField(
        label=_("Hospital or organ"),
        max_length=200,
        required=False,
        help_text=_("When it is not a designated hospital of the list."),
    )
    reasons = forms.CharField(label=_("Reasons"), widget=_TEXT)
    due_on = forms.DateField(label=_("Result due on"), widget=_DATE)

    def __init__(
        self, *args: Any, hospitals: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field_scope(
            self.fields["hospital"],
            hospitals if hospitals is not None else Organisation.objects.none(),
            DESIGNATED_HOSPITAL,
        )


class ReassessmentResultForm(StepForm):
    reassessment = forms.ModelChoiceField(label=_("Re-assessment"), queryset=None)
    result_file = forms.FileField(label=_("Result (PDF, JPEG or PNG)"))
    conditions_met = _yes_no(
        _("Conclusion"), _("The conditions are still met"), _("The conditions are no longer met")
    )
    result_summary = forms.CharField(label=_("Result"), widget=_TEXT)

    def __init__(self, *args: Any, reassessments: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reassessment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = reassessments

    def params(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["reassessment_id"] = data.pop("reassessment").pk
        return data
