"""Forms of rectification opinions, suggestions and replies (input validation only; the acts in
`procuracy.rectification.acts` decide, and their refusals name the article). The choice lists
are scoped to the case, and a reply's to what is addressed to the user's organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.bounds import bounded
from supervision.forms import _DATE, StepForm

from .acts import rectification_targets
from .models import (
    OpinionForm,
    ProcuratorialSuggestion,
    RectificationMatter,
    RectificationOpinion,
    RectificationStatus,
    Seriousness,
    SuggestionStatus,
)

_TEXT = forms.Textarea(attrs={"rows": 3})


class _OpinionChoice(forms.ModelChoiceField[RectificationOpinion]):
    def label_from_instance(self, obj: Any) -> str:
        number = f" {obj.number}" if obj.number else ""
        what = f"{obj.issued_on:%Y-%m-%d} {obj.get_form_display()}{number} → {obj.target}"
        return f"{what}: {obj.illegality[:60]}"


class _SuggestionChoice(forms.ModelChoiceField[ProcuratorialSuggestion]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.issued_on:%Y-%m-%d} → {obj.target}: {obj.suggestion[:60]}"


def _targets(field: Any, case: Case) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = rectification_targets(case)


@bounded()
class OralForm(StepForm):
    target = forms.ModelChoiceField(label=_("Addressed to"), queryset=Organisation.objects.none())
    seriousness = forms.ChoiceField(
        label=_("Seriousness"), choices=Seriousness.choices, initial=Seriousness.MINOR
    )
    issued_on = forms.DateField(label=_("Raised orally on"), widget=_DATE)
    matter = forms.TypedChoiceField(
        label=_("Matter"),
        choices=RectificationMatter.choices,
        initial=RectificationMatter.OTHER,
        required=False,
        empty_value=RectificationMatter.OTHER.value,
    )
    illegality = forms.CharField(label=_("Illegality found"), widget=_TEXT, max_length=4000)
    required_correction = forms.CharField(
        label=_("Correction required"), widget=_TEXT, max_length=4000
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _targets(self.fields["target"], case)


@bounded()
class CorrectionForm(StepForm):
    opinion = _OpinionChoice(label=_("Oral opinion"), queryset=RectificationOpinion.objects.none())
    corrected_on = forms.DateField(label=_("Corrected on"), widget=_DATE)
    correction_note = forms.CharField(
        label=_("How it was corrected"), widget=_TEXT, max_length=4000, required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opinion"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RectificationOpinion.objects.filter(
            case=case, form=OpinionForm.ORAL, status=RectificationStatus.OPEN
        ).select_related("target")


class WrittenForm(StepForm):
    oral = _OpinionChoice(
        label=_("Oral opinion not corrected within 7 days"),
        queryset=RectificationOpinion.objects.none(),
        required=False,
    )
    target = forms.ModelChoiceField(
        label=_("Addressed to (a serious illegality raised at once)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    seriousness = forms.ChoiceField(
        label=_("Seriousness"), choices=Seriousness.choices, initial=Seriousness.SERIOUS
    )
    matter = forms.TypedChoiceField(
        label=_("Matter"),
        choices=RectificationMatter.choices,
        initial=RectificationMatter.OTHER,
        required=False,
        empty_value=RectificationMatter.OTHER.value,
    )
    illegality = forms.CharField(label=_("Illegality found"), widget=_TEXT, max_length=4000)
    required_correction = forms.CharField(
        label=_("Correction required"), widget=_TEXT, max_length=4000
    )
    chief_approved = forms.BooleanField(
        label=_("Approved by the Chief Procurator (SPP-Rules Art 552)"), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["oral"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RectificationOpinion.objects.filter(
            case=case, form=OpinionForm.ORAL, status=RectificationStatus.OPEN
        ).select_related("target")
        _targets(self.fields["target"], case)


@bounded()
class _ReplyForm(StepForm):
    replied_on = forms.DateField(label=_("Replied on"), widget=_DATE)
    adopted = forms.TypedChoiceField(
        label=_("Adopted"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
        widget=forms.RadioSelect,
    )
    reply_content = forms.CharField(
        label=_("Content of the reply"), widget=_TEXT, max_length=4000, required=False
    )
    non_adoption_reasons = forms.CharField(
        label=_("Reasons for not adopting it (CCL Art 62)"),
        widget=_TEXT,
        max_length=4000,
        required=False,
    )
    reply_scan = forms.FileField(
        label=_("Scan of the written reply (PDF, JPEG or PNG)"), required=False
    )


class ReplyForm(_ReplyForm):
    field_order = ["opinion"]
    opinion = _OpinionChoice(
        label=_("Rectification opinion"), queryset=RectificationOpinion.objects.none()
    )

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opinion"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = RectificationOpinion.objects.filter(
            case=case,
            form=OpinionForm.WRITTEN,
            status=RectificationStatus.ISSUED,
            target_id=user.organisation_id,
        ).select_related("target")


class SuggestionForm(StepForm):
    target = forms.ModelChoiceField(label=_("Addressed to"), queryset=Organisation.objects.none())
    risk = forms.CharField(label=_("Systemic risk found"), widget=_TEXT, max_length=4000)
    suggestion = forms.CharField(label=_("Suggestion"), widget=_TEXT, max_length=4000)
    chief_approved = forms.BooleanField(
        label=_("Approved by the Chief Procurator (SPP-Rules Art 552)"), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _targets(self.fields["target"], case)


class SuggestionReplyForm(_ReplyForm):
    field_order = ["suggestion"]
    suggestion = _SuggestionChoice(
        label=_("Procuratorial suggestion"), queryset=ProcuratorialSuggestion.objects.none()
    )

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["suggestion"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ProcuratorialSuggestion.objects.filter(
            case=case, status=SuggestionStatus.ISSUED, target_id=user.organisation_id
        ).select_related("target")
