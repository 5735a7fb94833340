"""The caseload's filters (input validation only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import SupervisionGrade
from .selectors import SORTS, CaseloadFilters

_SORT_CHOICES = [(key, key) for key in SORTS] + [(f"-{key}", f"-{key}") for key in SORTS]


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or case number"), required=False, max_length=60)
    state = forms.ChoiceField(
        label=pgettext_lazy("caseload", "Supervision"),
        required=False,
        choices=[
            ("open", _("Under supervision")),
            ("ended", pgettext_lazy("caseload", "Ended")),
            ("all", pgettext_lazy("caseload", "All")),
        ],
    )
    ground = forms.ChoiceField(
        label=pgettext_lazy("caseload", "Ground"),
        required=False,
        choices=[
            ("", pgettext_lazy("caseload", "All grounds")),
            ("medical", pgettext_lazy("caseload", "Medical parole")),
            ("pregnancy", _("Pregnant or nursing")),
            ("self_care", _("Unable to take care of oneself")),
        ],
    )
    grade = forms.ChoiceField(
        label=pgettext_lazy("caseload", "Grade"),
        required=False,
        choices=[("", pgettext_lazy("caseload", "All grades")), *SupervisionGrade.choices],
    )
    overdue = forms.BooleanField(label=_("Review overdue"), required=False)
    warned = forms.BooleanField(label=_("Warned at least once"), required=False)
    sort = forms.ChoiceField(required=False, choices=_SORT_CHOICES, widget=forms.HiddenInput)

    def filters(self) -> CaseloadFilters:
        """The filters as given; anything invalid falls back to the default."""
        data = self.cleaned_data if self.is_valid() else {}
        state = data.get("state") or "open"
        return CaseloadFilters(
            state="" if state == "all" else state,
            ground=data.get("ground") or "",
            grade=data.get("grade") or "",
            overdue=bool(data.get("overdue")),
            warned=bool(data.get("warned")),
            query=(data.get("q") or "").strip(),
            sort=data.get("sort") or "review",
        )
