"""Forms of this part's acts (input validation only; one column, they work on a phone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import PLANNED_DATE, bounded

from ..forms import StepForm
from .models import (
    CustodyMeasure,
    MovementKind,
    ProposedBy,
    ReportChannel,
    Reporter,
    ReportKind,
    TermEnd,
)

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_TEXT = forms.Textarea(attrs={"rows": 3})
_MOBILE = [RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number."))]


class _ChoosingForm(StepForm):
    """A form that names one of this person's records (`choices`: (id, label) pairs)."""

    chosen_field = ""

    def __init__(self, *args: Any, choices: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields[self.chosen_field]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices or []


@bounded()
class GuarantorContactForm(StepForm):
    phone = forms.CharField(label=_("Guarantor's mobile phone"), max_length=11, validators=_MOBILE)


@bounded()
class GuarantorReportForm(StepForm):
    kind = forms.ChoiceField(label=_("What happened"), choices=ReportKind.choices)
    happened_at = forms.DateTimeField(label=_("Happened at"), widget=_DATETIME)
    reported_at = forms.DateTimeField(label=_("Reported at"), widget=_DATETIME)
    reporter = forms.ChoiceField(
        label=_("Reported by"), choices=Reporter.choices, widget=forms.RadioSelect
    )
    reporter_name = forms.CharField(label=_("Reporter's name"), max_length=60)
    channel = forms.ChoiceField(label=_("Channel"), choices=ReportChannel.choices)
    details = forms.CharField(label=_("Details"), widget=_TEXT)


@bounded()
class TermEndForm(StepForm):
    reason = forms.ChoiceField(
        label=_("Why the term ends"), choices=TermEnd.choices, widget=forms.RadioSelect
    )
    ended_on = forms.DateField(label=_("Ended on"), widget=_DATE)
    details = forms.CharField(label=_("Facts and how they were established"), widget=_TEXT)


@bounded()
class GuarantorProposeForm(StepForm):
    name = forms.CharField(label=_("Name"), max_length=60)
    id_number = forms.CharField(label=_("Resident identity number"), max_length=18)
    relationship = forms.CharField(label=_("Relationship to the person"), max_length=40)
    proposed_by = forms.ChoiceField(label=_("Proposed by"), choices=ProposedBy.choices)
    full_capacity_and_willing = forms.BooleanField(
        label=_("(1) Full civil capacity and willing to assume the duties"), required=False
    )
    freedom_not_restricted = forms.BooleanField(
        label=_("(2) Personal freedom not restricted"), required=False
    )
    fixed_residence_and_income = forms.BooleanField(
        label=_("(3) Fixed residence and income"), required=False
    )
    lives_with_or_nearby = forms.BooleanField(
        label=_("(4) Lives with the person or in the same city or county"), required=False
    )
    examined_on = forms.DateField(label=_("Examined on"), widget=_DATE)


@bounded()
class GuarantorAcceptForm(_ChoosingForm):
    chosen_field = "term"
    term = forms.TypedChoiceField(label=_("Proposed guarantor"), coerce=int)
    letter_filed_on = forms.DateField(label=_("Letter of guarantee filed on"), widget=_DATE)
    phone = forms.CharField(label=_("Guarantor's mobile phone"), max_length=11, validators=_MOBILE)


@bounded(leave_from=PLANNED_DATE, leave_until=PLANNED_DATE)
class MovementRequestForm(StepForm):
    kind = forms.ChoiceField(label=_("Request"), choices=MovementKind.choices)
    requested_on = forms.DateField(label=_("Requested on"), widget=_DATE)
    reason = forms.CharField(label=_("Reason"), widget=_TEXT)
    destination = forms.CharField(label=_("Destination (leave)"), max_length=200, required=False)
    leave_from = forms.DateField(label=_("Leave from"), widget=_DATE, required=False)
    leave_until = forms.DateField(label=_("Leave until"), widget=_DATE, required=False)
    new_residence = forms.CharField(
        label=_("New residence (move, change of place)"), max_length=200, required=False
    )
    new_cci = forms.ModelChoiceField(
        label=_("Community-correction institution of the new place"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, institutions: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["new_cci"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = institutions


@bounded()
class MovementDecideForm(_ChoosingForm):
    chosen_field = "request"
    request = forms.TypedChoiceField(label=_("Request"), coerce=int)
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Reasons"), widget=_TEXT)


@bounded()
class LeaveReturnForm(_ChoosingForm):
    chosen_field = "request"
    request = forms.TypedChoiceField(label=_("Leave"), coerce=int)
    returned_on = forms.DateField(label=_("Returned on"), widget=_DATE)


@bounded()
class TransferReceiveForm(_ChoosingForm):
    chosen_field = "request"
    request = forms.TypedChoiceField(label=_("Change of the execution place"), coerce=int)


@bounded()
class LostContactForm(StepForm):
    discovered_at = forms.DateTimeField(label=_("Loss of contact discovered at"), widget=_DATETIME)
    last_contact_at = forms.DateTimeField(label=_("Last contact at"), widget=_DATETIME)
    last_known = forms.CharField(label=_("What is known (last place, last contact)"), widget=_TEXT)
    measures = forms.CharField(label=_("Search measures taken"), widget=_TEXT)
    public_security_informed_at = forms.DateTimeField(
        label=_("Public security informed at"), widget=_DATETIME, required=False
    )


@bounded()
class FoundForm(_ChoosingForm):
    chosen_field = "lost_contact"
    lost_contact = forms.TypedChoiceField(label=_("Loss of contact"), coerce=int)
    found_at = forms.DateTimeField(label=_("Found or returned at"), widget=_DATETIME)
    outcome = forms.CharField(label=_("Where and how; what follows"), widget=_TEXT)


@bounded()
class EscapeGroundForm(_ChoosingForm):
    chosen_field = "lost_contact"
    lost_contact = forms.TypedChoiceField(label=_("Loss of contact"), coerce=int)
    reason = forms.CharField(label=_("Why this is an escape from supervision"), widget=_TEXT)


@bounded()
class CustodyNoticeForm(StepForm):
    organ = forms.CharField(label=_("Notifying organ"), max_length=100)
    measure = forms.ChoiceField(label=_("Measure"), choices=CustodyMeasure.choices)
    measure_details = forms.CharField(
        label=_("The measure in detail"), max_length=200, required=False
    )
    taken_on = forms.DateField(label=_("Measure taken on"), widget=_DATE)
    notified_on = forms.DateField(label=_("The CCI was notified on"), widget=_DATE)
