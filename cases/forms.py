"""Input validation only; the rules live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.bounds import (
    BIRTH_DATE,
    CUSTODY_DAYS,
    SENTENCE_START,
    TERM_DAYS,
    TERM_MONTHS,
    TERM_YEARS,
    SearchField,
    bounded,
)

from .choices import SENTENCING_COURT, choice_field_scope, sentencing_court_choices
from .models import CasePath, CaseState, Commutation, Offender, Sentence

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@bounded(date_of_birth=BIRTH_DATE)
class OffenderForm(forms.ModelForm[Offender]):
    class Meta:
        model = Offender
        fields = [
            "name",
            "id_number",
            "sex",
            "date_of_birth",
            "ethnicity",
            "prisoner_number",
            "residence_address",
            "residence_region_code",
            "habitual_residence_address",
            "habitual_residence_region_code",
        ]
        widgets = {"date_of_birth": _DATE}


@bounded(
    execution_start=SENTENCE_START,
    original_years=TERM_YEARS,
    original_months=TERM_MONTHS,
    custody_days=CUSTODY_DAYS,
)
class SentenceForm(forms.ModelForm[Sentence]):
    class Meta:
        model = Sentence
        fields = [
            "judgment_number",
            "sentencing_court",
            "offences",
            "judgment_effective_on",
            "original_type",
            "original_years",
            "original_months",
            "execution_start",
            "custody_days",
        ]
        widgets = {"judgment_effective_on": _DATE, "execution_start": _DATE}

    def __init__(self, *args: Any, institution: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The original court: a court of the institution's province (`cases.choices`).
        choice_field_scope(
            self.fields["sentencing_court"], sentencing_court_choices(institution), SENTENCING_COURT
        )


@bounded(years=TERM_YEARS, months=TERM_MONTHS, days=TERM_DAYS)
class CommutationForm(forms.ModelForm[Commutation]):
    class Meta:
        model = Commutation
        fields = ["ruling_date", "ruling_number", "kind", "years", "months", "days"]
        widgets = {"ruling_date": _DATE}
        help_texts = {
            "years": _(
                "For a reduction: the amount reduced. For a commutation to a fixed "
                "term: the new term, counted from the ruling date."
            ),
        }


class SearchForm(forms.Form):
    q = SearchField(
        label=_("Search"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("Search for at most 60 characters.")},
    )


class CaseFilterForm(SearchForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *CaseState.choices]
    )
    path = forms.ChoiceField(
        label=_("Path"), required=False, choices=[("", _("All paths")), *CasePath.choices]
    )
