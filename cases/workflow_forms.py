"""Forms of the case file, one per step record (input validation only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kernel.bounds import BIRTH_DATE, MEMBER_COUNT, PLANNED_DATE, bounded

from .choices import record_form_scope
from .models import (
    Case,
    CaseState,
    Deliberation,
    EligibilityAssessment,
    EvidenceKind,
    Guarantor,
    IllnessCatalogueItem,
    InvestigationEntrustment,
    MedicalCertificate,
    Objection,
    ProcuratorateCopy,
    Publicity,
    RecusalDeclaration,
    ResidenceVerification,
    SelfCareIdentification,
    WrittenApplication,
)
from .plausibility import application_after_opening

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

DAILY_ACTIVITIES = [
    ("eating", _("Eating")),
    ("turning_over", _("Turning over")),
    ("toileting", _("Urination and defecation")),
    ("dressing_washing", _("Dressing and washing")),
    ("moving", _("Moving independently")),
]


def _dates(model: type, *names: str) -> dict[str, forms.Widget]:
    return dict.fromkeys(names, _DATE)


class CaseRecordForm(forms.ModelForm[Any]):
    """A record of one case's file: its organisation fields offer only what the law allows
    in that case's jurisdiction (`cases.choices`); without a case they offer nothing."""

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_form_scope(self, case)
        if case is not None and self.instance.pk is None:
            # The record's plausibility compares it with its case (the application precedes
            # the opening); the act sets the same case again when it saves.
            self.instance.case = case


@bounded()
class WrittenApplicationForm(CaseRecordForm):
    class Meta:
        model = WrittenApplication
        fields = list(WrittenApplication.ENTERED_FIELDS)
        widgets = _dates(WrittenApplication, "applied_on")


@bounded()
class ProcuratorateCopyForm(CaseRecordForm):
    class Meta:
        model = ProcuratorateCopy
        fields = list(ProcuratorateCopy.ENTERED_FIELDS)
        widgets = _dates(ProcuratorateCopy, "sent_on")


@bounded()
class MedicalCertificateForm(CaseRecordForm):
    class Meta:
        model = MedicalCertificate
        fields = list(MedicalCertificate.ENTERED_FIELDS)
        widgets = _dates(MedicalCertificate, "issued_on")

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        catalogue_item = self.fields["catalogue_item"]
        assert isinstance(catalogue_item, forms.ModelChoiceField)
        catalogue_item.queryset = IllnessCatalogueItem.objects.filter(is_active=True)


@bounded(medical_members=MEMBER_COUNT)
class SelfCareIdentificationForm(CaseRecordForm):
    activities_needing_help = forms.MultipleChoiceField(
        label=_("Activities needing help"),
        choices=DAILY_ACTIVITIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SelfCareIdentification
        fields = list(SelfCareIdentification.ENTERED_FIELDS)
        widgets = {
            **_dates(SelfCareIdentification, "identified_on", "observation_start"),
            "members": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"members": _("One name per line; each member declares no conflict.")}


@bounded()
class RecusalDeclarationForm(CaseRecordForm):
    class Meta:
        model = RecusalDeclaration
        fields = list(RecusalDeclaration.ENTERED_FIELDS)
        widgets = _dates(RecusalDeclaration, "declared_on")


@bounded()
class GuarantorForm(CaseRecordForm):
    class Meta:
        model = Guarantor
        fields = list(Guarantor.ENTERED_FIELDS)
        widgets = _dates(Guarantor, "examined_on", "letter_filed_on")

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        # The model compares the guarantor's residence with the prisoner's (Art 11(4)) when
        # it validates: the new record is the case's before it is saved.
        if case is not None and self.instance.pk is None:
            self.instance.case = case

    def clean_id_number(self) -> str:
        from .identity import InvalidIdentityNumber, parse_identity_number
        from .models import identity_error_message

        try:
            return parse_identity_number(self.cleaned_data["id_number"]).value
        except InvalidIdentityNumber as exc:
            raise forms.ValidationError(identity_error_message(exc)) from None


@bounded()
class ResidenceVerificationForm(CaseRecordForm):
    class Meta:
        model = ResidenceVerification
        fields = list(ResidenceVerification.ENTERED_FIELDS)
        widgets = _dates(ResidenceVerification, "verified_on")


@bounded()
class InvestigationEntrustmentForm(CaseRecordForm):
    class Meta:
        model = InvestigationEntrustment
        fields = list(InvestigationEntrustment.ENTERED_FIELDS)
        widgets = _dates(InvestigationEntrustment, "entrusted_on", "opinion_received_on")


@bounded(members_present=MEMBER_COUNT)
class DeliberationForm(CaseRecordForm):
    class Meta:
        model = Deliberation
        fields = list(Deliberation.ENTERED_FIELDS)
        widgets = _dates(Deliberation, "held_on")


@bounded(starts_on=PLANNED_DATE, ends_on=PLANNED_DATE)
class PublicityForm(CaseRecordForm):
    class Meta:
        model = Publicity
        fields = list(Publicity.ENTERED_FIELDS)
        widgets = _dates(Publicity, "starts_on", "ends_on")


@bounded()
class ObjectionForm(CaseRecordForm):
    class Meta:
        model = Objection
        fields = list(Objection.ENTERED_FIELDS)
        widgets = _dates(Objection, "received_on")


@bounded()
class ObjectionExaminationForm(forms.ModelForm[Objection]):
    established = forms.TypedChoiceField(
        label=_("Finding"),
        coerce=lambda v: v == "yes",
        choices=[("no", _("Not established")), ("yes", _("Established"))],
    )

    class Meta:
        model = Objection
        fields = ["examined_on", "established", "finding"]
        widgets = _dates(Objection, "examined_on")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("examined_on"):
            self.add_error("examined_on", _("Give the date of the examination."))
        if not (data.get("finding") or "").strip():
            self.add_error("finding", _("Give the reasons for the finding (Art 13 ¶2)."))
        return data


class EvidenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=EvidenceKind.choices)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class StepForm(forms.Form):
    expected_state = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PageStateForm(forms.Form):
    """The state of the case the page showed, sent back with a form that carries no other
    (the eligibility facts): a case that moved on since is refused as a stale page (409)."""

    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)


class RecordCorrectionForm(forms.Form):
    """Why a record entered in error is corrected or withdrawn; the page's state, so a stale
    page is refused (409)."""

    expected_state = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the correction or withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@bounded()
class ProcuratorialOpinionForm(forms.Form):
    issued_on = forms.DateField(label=_("Issued on"), widget=_DATE)
    conforms = forms.TypedChoiceField(
        label=_("Conclusion"),
        coerce=lambda v: v == "yes",
        choices=[
            ("yes", _("The proposal meets the conditions and procedure")),
            ("no", _("The proposal does not meet the conditions or procedure")),
        ],
    )
    content = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 5}))
    chief_approved = forms.BooleanField(label=_("Approved by the Chief Procurator"), required=False)


#: Record forms by URL name; each is saved by the record act of its model (`cases.acts.records`).
RECORD_FORMS: dict[str, type[CaseRecordForm]] = {
    "application": WrittenApplicationForm,
    "procuratorate-copy": ProcuratorateCopyForm,
    "certificate": MedicalCertificateForm,
    "identification": SelfCareIdentificationForm,
    "recusal": RecusalDeclarationForm,
    "guarantor": GuarantorForm,
    "residence": ResidenceVerificationForm,
    "investigation": InvestigationEntrustmentForm,
    "deliberation": DeliberationForm,
    "publicity": PublicityForm,
    "objection": ObjectionForm,
}


@bounded()
class CaseOpenForm(forms.Form):
    """T-B01: grounds, and the written application when there is one (Art 8 ¶1)."""

    ground_medical = forms.BooleanField(label=_("Serious illness (medical parole)"), required=False)
    ground_pregnancy = forms.BooleanField(
        label=_("Pregnant or nursing her own baby"), required=False
    )
    ground_self_care = forms.BooleanField(label=_("Unable to take care of oneself"), required=False)
    opened_on = forms.DateField(label=_("Opened on"), widget=_DATE)
    has_application = forms.BooleanField(
        label=_("Opened on a written application"),
        required=False,
        help_text=_("Leave unticked when the institution opens the case on its own initiative."),
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=60, required=False)
    relationship = forms.ChoiceField(
        label=_("Relationship"),
        required=False,
        choices=[
            ("", "—"),
            ("offender", _("The prisoner")),
            ("relative", _("A relative")),
            ("guardian", _("The guardian")),
        ],
    )
    applied_on = forms.DateField(label=_("Applied on"), required=False, widget=_DATE)
    summary = forms.CharField(
        label=_("Facts and reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("has_application"):
            for field in ("applicant_name", "relationship", "applied_on"):
                if not data.get(field):
                    self.add_error(field, _("Required for a written application (Art 8 ¶1)."))
            applied, opened = data.get("applied_on"), data.get("opened_on")
            if applied and opened:
                problem = application_after_opening(applied, opened)
                if problem:
                    self.add_error("applied_on", problem)
        if not any(data.get(g) for g in ("ground_medical", "ground_pregnancy", "ground_self_care")):
            self.add_error(None, _("Choose at least one ground of CPL Art 265 / P2014 Art 5."))
        return data

    def grounds(self) -> dict[str, bool]:
        return {
            g: bool(self.cleaned_data.get(g))
            for g in ("ground_medical", "ground_pregnancy", "ground_self_care")
        }

    def application(self) -> dict[str, object] | None:
        if not self.cleaned_data.get("has_application"):
            return None
        return {
            k: self.cleaned_data[k]
            for k in ("applicant_name", "relationship", "applied_on", "summary")
        }


_TRISTATE = [("", _("Not established yet")), ("no", _("No")), ("yes", _("Yes"))]


def _tristate(label: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=_TRISTATE,
        required=False,
        empty_value=None,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
    )


@bounded(infant_date_of_birth=BIRTH_DATE)
class EligibilityFactsForm(forms.Form):
    """What the clerk states for the rules engine; the rest comes from the case file."""

    crimes = forms.MultipleChoiceField(
        label=_("Offence characteristics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("duty_crime", _("Duty crime")),
            ("financial_order_or_fraud", _("Financial-order crime or financial fraud")),
            ("underworld_org", _("Organisation of underworld nature")),
            (
                "org_crime_leader_or_key_member",
                _("Organiser, leader or key member of organised crime"),
            ),
            ("recidivist", _("Recidivist (Criminal Law Arts 65, 66)")),
            ("intentional_homicide", _("Intentional homicide")),
            ("rape", _("Rape")),
            ("robbery", _("Robbery")),
            ("kidnapping", _("Kidnapping")),
            ("arson", _("Arson")),
            ("explosion", _("Explosion")),
            ("release_of_dangerous_substances", _("Release of dangerous substances")),
            ("organised_violent_crime", _("Organised violent crime")),
        ],
    )
    social_danger = _tristate(_("May pose a danger to society"))
    self_injury = _tristate(_("Self-injury or self-mutilation"))
    refuses_treatment = _tristate(_("Does not cooperate with treatment"))
    revoked_for_violation = forms.BooleanField(
        label=_("An earlier TEOP was revoked for violating laws or regulations"), required=False
    )
    new_crime_during_teop = forms.BooleanField(
        label=_("Sentenced for a new crime during an earlier TEOP"), required=False
    )
    juvenile_at_offence = _tristate(_("Under 18 when the offence was committed"))
    disabled = _tristate(_("Disabled"))
    cardio_metabolic = forms.BooleanField(
        label=_("The illness is hypertension, diabetes or heart disease"), required=False
    )
    violent_mental_illness = _tristate(
        _("Mental illness with serious violent behaviour or tendency")
    )
    nursing = forms.BooleanField(
        label=_("Nursing her own baby (rather than pregnant)"), required=False
    )
    infant_date_of_birth = forms.DateField(
        label=_("Baby's date of birth"), required=False, widget=_DATE
    )
    infant_is_own = _tristate(_("The baby is her own"))

    @classmethod
    def with_facts_of(cls, assessment: EligibilityAssessment | None) -> EligibilityFactsForm:
        """The form filled with the facts stated at the case's last assessment (issue 14:
        re-opening the assessment keeps them), as the form's own values: a yes/no/unknown
        fact was stored as True/False/None and is shown as "yes"/"no"/"not established yet"."""
        facts = dict(assessment.inputs.get("facts", {})) if assessment else {}
        initial: dict[str, object] = {}
        for name, field in cls.base_fields.items():
            if name not in facts:
                continue
            value = facts[name]
            if isinstance(field, forms.TypedChoiceField):
                value = {True: "yes", False: "no"}.get(value, "")
            initial[name] = value
        return cls(prefix="facts", initial=initial)
