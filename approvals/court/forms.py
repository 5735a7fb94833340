"""Input validation for the court path's screens (P2014 Arts 17-19)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from ..forms import DecisionForm
from ..models import CourtProceeding

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@bounded()
class CourtCaseOpenForm(forms.Form):
    """T-A01: the application, or the detention centre's notice, before service (Art 17)."""

    origin = forms.ChoiceField(
        label=_("How the case started"), choices=CourtProceeding.Origin.choices
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=60, required=False)
    applied_on = forms.DateField(label=_("Applied or notified on"), widget=_DATE)
    custody = forms.ChoiceField(
        label=_("Where the defendant is"), choices=CourtProceeding.Custody.choices
    )
    executing_organ: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Detention centre or public security organ"),
        queryset=None,  # type: ignore[arg-type]
        help_text=_(
            "The detention centre holding the defendant, or the public security organ executing "
            "bail or residential surveillance: it receives the decision (P2014 Art 18)."
        ),
    )
    judgment_effective_on = forms.DateField(
        label=_("Judgment effective on"),
        widget=_DATE,
        required=False,
        help_text=_("Leave empty to use the date recorded with the sentence."),
    )
    ground_medical = forms.BooleanField(label=_("Serious illness (medical parole)"), required=False)
    ground_pregnancy = forms.BooleanField(label=_("Pregnant or nursing"), required=False)
    ground_self_care = forms.BooleanField(label=_("Unable to take care of oneself"), required=False)

    def __init__(self, *args: Any, court: Organisation | None = None, **kwargs: Any) -> None:
        from cases.choices import EXECUTING_ORGAN, choice_field_scope

        from .selectors import court_executing_organs

        super().__init__(*args, **kwargs)
        choice_field_scope(
            self.fields["executing_organ"], court_executing_organs(court), EXECUTING_ORGAN
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(data.get(g) for g in ("ground_medical", "ground_pregnancy", "ground_self_care")):
            raise forms.ValidationError(
                _("Choose at least one ground of CPL Art 265 / P2014 Art 5.")
            )
        return data


class CourtAdvanceForm(forms.Form):
    expected_state = forms.CharField(widget=forms.HiddenInput)
    step = forms.ChoiceField(
        label=_("Step"),
        choices=[
            ("screen", _("Screen the case")),
            ("start_assessment", _("Organise the diagnosis, examination or identification")),
            ("record_assessment", _("Record the assessment")),
        ],
    )


class ConsultationForm(forms.Form):
    """T-A04: the procuratorate's opinion is sought before deciding (Art 18 ¶4)."""

    expected_state = forms.CharField(widget=forms.HiddenInput)
    request = forms.CharField(
        label=_("Request to the procuratorate"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Opinion of the procuratorate"), widget=forms.Textarea(attrs={"rows": 4})
    )


@bounded()
class CourtDecisionForm(forms.Form):
    """T-A05 / T-A05x: the collegial panel's decision (Art 18)."""

    expected_state = forms.CharField(widget=forms.HiddenInput)
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[
            ("yes", _("Execute the sentence temporarily outside prison")),
            ("no", _("Do not execute the sentence outside prison")),
        ],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    panel_held_on = forms.DateField(label=_("Collegial panel held on"), widget=_DATE)
    judges = forms.IntegerField(label=_("Judges on the panel"), min_value=1, max_value=15)
    otp_code = DecisionForm.base_fields["otp_code"]


@bounded()
class ExecutionDocumentsServedForm(forms.Form):
    served_on = forms.DateField(label=_("Execution documents served on"), widget=_DATE)


@bounded()
class CourtInvestigationForm(forms.Form):
    """T-A03 / DOC-07a: the court entrusts an investigation and evaluation (CCL Art 18)."""

    expected_state = forms.CharField(widget=forms.HiddenInput)
    entrusted_to: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Entrusted institution"),
        queryset=None,  # type: ignore[arg-type]
        help_text=_(
            "The community-correction institution or county judicial administration of the "
            "defendant's residence (CCL Art 18)."
        ),
    )
    entrusted_on = forms.DateField(label=_("Entrusted on"), widget=_DATE)
    request = forms.CharField(
        label=_("Matters entrusted"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_(
            "The defendant's social danger and the impact on the community of residence, for "
            "reference in the decision on temporary execution outside prison."
        ),
    )

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        from cases.choices import choice_field_scope

        from .investigation import court_investigation_choices
        from .rules import COURT_INVESTIGATION

        super().__init__(*args, **kwargs)
        choices = (
            court_investigation_choices(case) if case is not None else Organisation.objects.none()
        )
        choice_field_scope(self.fields["entrusted_to"], choices, COURT_INVESTIGATION)


@bounded()
class CourtInvestigationReportForm(forms.Form):
    """DOC-07b: the investigation and evaluation opinion (CCL Art 18)."""

    opinion = forms.CharField(
        label=_("Investigation and evaluation opinion"), widget=forms.Textarea(attrs={"rows": 5})
    )
    opinion_on = forms.DateField(label=_("Opinion given on"), widget=_DATE)
