"""Forms of the proposal for imprisonment, its examination and the procuratorate's suggestion
(input validation only; the acts in `supervision.revocation.acts` decide). A ground without a
choice is not refused here: the act's refusal names the article."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Evidence
from kernel.accounts.models import Organisation
from kernel.bounds import bounded

from ..forms import _DATE, StepForm
from ..models import RevocationGround, RevocationGroundKind, Supervision
from .acts import evidence_field, execution_place_organ_choices, grounds_open
from .rules import grounds_offered


def source_label(ground: RevocationGround) -> str:
    """A raised ground as the officer reads it: the ground, the record it comes from, why."""
    source = ground.source
    model = ground.source_type.model_class()
    what = str(model._meta.verbose_name) if model is not None else ground.source_type.model
    return f"{ground.get_ground_display()} — {what}: {source} — {ground.reason}"


class _RaisedGroundsField(forms.ModelMultipleChoiceField[RevocationGround]):
    def label_from_instance(self, obj: Any) -> str:
        return source_label(obj)


@bounded()
class GroundsForm(StepForm):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds (list R: CPL Art 268 ¶1; SPC-Interp Art 516)"),
        choices=RevocationGroundKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    raised_grounds = _RaisedGroundsField(
        label=_("Grounds raised by supervision acts (their records are the evidence)"),
        queryset=RevocationGround.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons and facts"), widget=forms.Textarea(attrs={"rows": 4})
    )
    existing_evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence already in the case file"),
        queryset=Evidence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = Supervision.objects.get(case=case)
        offered = grounds_open(record)
        raised = self.fields["raised_grounds"]
        assert isinstance(raised, forms.ModelMultipleChoiceField)
        raised.queryset = offered
        evidence = self.fields["existing_evidence"]
        assert isinstance(evidence, forms.ModelMultipleChoiceField)
        evidence.queryset = Evidence.objects.filter(case=case).order_by("uploaded_at", "pk")
        if not self.is_bound:
            ground_list = list(offered)
            self.initial.setdefault("raised_grounds", [g.pk for g in ground_list])
            self.initial.setdefault("grounds", grounds_offered(g.ground for g in ground_list))
        for code, label in RevocationGroundKind.choices:
            self.fields[evidence_field(code)] = forms.FileField(
                label=_("Evidence of: %(ground)s (PDF, JPEG or PNG)") % {"ground": label},
                required=False,
            )


@bounded()
class ProposeForm(GroundsForm):
    monitoring_requested = forms.BooleanField(
        label=_("Electronic monitoring while the proposal is examined (CCL Art 29 ¶1(5))"),
        required=False,
    )
    execution_place_organ = forms.ModelChoiceField(
        label=_("Send to the organ of the execution place instead (CCL Art 49 ¶1)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    non_counted_claimed = forms.BooleanField(
        label=_("A period is not to be counted toward the sentence (P2014 Art 26 ¶1)"),
        required=False,
    )
    non_counted_first_day = forms.DateField(
        label=_("Not counted from"), widget=_DATE, required=False
    )
    non_counted_last_day = forms.DateField(
        label=_("Not counted until"), widget=_DATE, required=False
    )
    non_counted_explanation = forms.CharField(
        label=_("Explanation of the period"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    non_counted_proof = forms.FileField(
        label=_("Proof of the period (PDF, JPEG or PNG)"), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        organ = self.fields["execution_place_organ"]
        assert isinstance(organ, forms.ModelChoiceField)
        organ.queryset = execution_place_organ_choices(case)


class SuggestForm(GroundsForm):
    pass


class ExamineForm(StepForm):
    approve = forms.TypedChoiceField(
        label=_("Examination"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approved: send it")), ("no", _("Not approved"))],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Opinion of the examination"), widget=forms.Textarea(attrs={"rows": 3})
    )
