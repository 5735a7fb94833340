from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import bounded

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@bounded()
class DecisionForm(forms.Form):
    expected_state = forms.CharField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[
            ("yes", _("Approve temporary execution outside prison")),
            ("no", _("Do not approve")),
        ],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    committee_held_on = forms.DateField(label=_("Review committee held on"), widget=_DATE)
    committee_members_present = forms.IntegerField(
        label=_("Members present"),
        min_value=1,
        max_value=99,
        error_messages={"min_value": _("At least one member must be present.")},
    )
    otp_code = forms.RegexField(  # the same field signs the court's decision (court_forms)
        label=_("One-time password"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_(
            "The decision is signed digitally for your authority: confirm with the six-digit "
            "code of your authenticator app."
        ),
        error_messages={"invalid": _("Enter the six digits of your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class OpinionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the procuratorate"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionForm(forms.Form):
    grounds = forms.CharField(
        label=_("Grounds of the objection"), widget=forms.Textarea(attrs={"rows": 5})
    )


class ObjectionReviewForm(forms.Form):
    maintain = forms.TypedChoiceField(
        label=_("Result of the re-examination"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Maintain the decision")), ("no", _("Revoke the decision"))],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    otp_code = forms.RegexField(
        label=_("One-time password"),
        regex=r"^\s*\d{6}\s*$",
        required=False,
        help_text=_(
            "Signs the result, or the decision on imprisonment when the person is under "
            "community correction (P2014 Arts 23, 30)."
        ),
        error_messages={"invalid": _("Enter the six digits of your authenticator app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_otp_code(self) -> str | None:
        return self.cleaned_data.get("otp_code") or None


@bounded()
class FilingForm(forms.Form):
    filed_with: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Filed with"),
        queryset=None,  # type: ignore[arg-type]  # scoped to the case in __init__
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=_DATE)
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        from cases.choices import FILING_RECIPIENT, choice_field_scope, filing_recipient_choices

        super().__init__(*args, **kwargs)
        choices = (
            filing_recipient_choices(case) if case is not None else Organisation.objects.none()
        )
        choice_field_scope(self.fields["filed_with"], choices, FILING_RECIPIENT)


class FileholderForm(forms.Form):
    """The residence province designates the institution holding the file (P2014 Art 20)."""

    fileholder: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Institution holding the file"),
        queryset=None,  # type: ignore[arg-type]  # scoped to the case in __init__
    )

    def __init__(self, *args: Any, case: Any = None, authority: Any = None, **kwargs: Any) -> None:
        from cases.choices import FILEHOLDER, choice_field_scope, fileholder_choices

        super().__init__(*args, **kwargs)
        choices = (
            fileholder_choices(case, authority) if case is not None else Organisation.objects.none()
        )
        choice_field_scope(self.fields["fileholder"], choices, FILEHOLDER)
