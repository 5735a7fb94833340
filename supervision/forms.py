"""Forms of the release, hand-over and reception (input validation only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cases.models import CaseState
from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from .models import ConditionChange, ReleasePreparation, ReviewFinding

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StepForm(forms.Form):
    """The state the page was drawn in: a stale page is refused (409)."""

    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)


@bounded()
class ReleasePreparationForm(forms.ModelForm[ReleasePreparation]):
    obligations_notice_scan = forms.FileField(
        label=_("Notice of obligations signed by the prisoner (scan)"),
        required=False,
        help_text=_("PDF, JPEG or PNG. P2014 Art 15 ¶2; CCL Art 19."),
    )

    class Meta:
        model = ReleasePreparation
        fields = [
            "decision_served_on",
            "residence_address",
            "residence_region_code",
            "residence_verified_on",
            "cci_notified_on",
            "reform_record_sent_on",
            "escort_officers",
        ]
        widgets = dict.fromkeys(
            (
                "decision_served_on",
                "residence_verified_on",
                "cci_notified_on",
                "reform_record_sent_on",
            ),
            _DATE,
        )


@bounded()
class HandOverForm(forms.Form):
    handed_over_at = forms.DateTimeField(
        label=_("Handed over at"), widget=_DATETIME, input_formats=["%Y-%m-%dT%H:%M"]
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    institution_signatory = forms.CharField(label=_("Signed for the institution by"), max_length=80)
    cci_signatory = forms.CharField(
        label=_("Signed for the community-correction institution by"), max_length=80
    )
    documents = forms.CharField(
        label=_("Documents handed over"), widget=forms.Textarea(attrs={"rows": 2})
    )
    condition = forms.CharField(
        label=_("The person's condition at hand-over"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signed_record = forms.FileField(
        label=_("Hand-over record signed by both sides (scan)"),
        help_text=_("PDF, JPEG or PNG. P2014 Art 16; CCL Art 21."),
    )


class ReceptionForm(StepForm):
    file_number = forms.CharField(label=_("Correction file number"), max_length=40)
    documents_checked = forms.BooleanField(label=_("Documents checked"), required=False)
    identity_verified = forms.BooleanField(label=_("Identity verified"), required=False)
    file_opened = forms.BooleanField(label=_("Registered and file opened"), required=False)
    rules_announced = forms.BooleanField(
        label=_("Offence, term and rules announced (CCL Art 22)"), required=False
    )


@bounded()
class AnnouncementForm(forms.Form):
    announced_on = forms.DateField(label=_("Announced in the institution on"), widget=_DATE)


class PublicSecurityHandOverForm(HandOverForm):
    """T-A06 on bail or residential surveillance: the record signed by the public security
    organ executing it and the community-correction institution (P2014 Art 19; CCL Art 21)."""

    expected_state = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)
    institution_signatory = forms.CharField(
        label=_("Signed for the public security organ by"), max_length=80
    )


# Community correction after the reception (supervision.community_acts).


@bounded()
class ConditionReviewForm(StepForm):
    """DOC-25, one column so it works on a phone (P2014 Art 21)."""

    reexamined_on = forms.DateField(label=_("Re-examined on"), widget=_DATE)
    hospital = forms.ModelChoiceField(
        label=_("Designated hospital (P2014 Art 9)"), queryset=Organisation.objects.none()
    )
    doctors = forms.CharField(label=_("Doctors and titles"), max_length=200)
    findings = forms.CharField(
        label=_("Findings of the re-examination"), widget=forms.Textarea(attrs={"rows": 3})
    )
    finding = forms.ChoiceField(
        label=_("The officer's finding"), choices=ReviewFinding.choices, widget=forms.RadioSelect
    )
    condition_change = forms.ChoiceField(
        label=_("Condition since the last examination"),
        choices=ConditionChange.choices,
        widget=forms.RadioSelect,
    )
    panel_reviewed = forms.BooleanField(label=_("Reviewed by an expert panel"), required=False)

    def __init__(self, *args: Any, hospitals: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hospital"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hospitals


@bounded()
class ExpiryNoticeForm(StepForm):
    notified_on = forms.DateField(label=_("Written notice sent on"), widget=_DATE)


@bounded()
class SentenceExpiredForm(StepForm):
    expired_on = forms.DateField(label=_("The sentence expired on"), widget=_DATE)
    certificate_number = forms.CharField(
        label=_("Certificate of termination no. (court path, CCL Art 44)"),
        max_length=60,
        required=False,
    )


@bounded()
class DeathForm(StepForm):
    discovered_on = forms.DateField(label=_("Death discovered on"), widget=_DATE)
    cause = forms.CharField(label=_("Cause of death"), max_length=200)
    reported_by = forms.CharField(label=_("Reported by"), max_length=80)
