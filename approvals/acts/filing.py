"""The case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2; legal-spec EL-22),
declared once: `filing_record`. The decision waits for it (`approvals.rules`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.choices import FILING_RECIPIENT, choice_require, filing_recipient_choices
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation
from kernel.bounds import PAST_EVENT

from ..models import FilingForReview
from ..services._common import _authority_of

#: The authority files the proposal it received before deciding on it (`approvals.rules`).
FILING_STATES = frozenset({CaseState.PROPOSED})


def _filing_clean(case: Case, params: Params) -> None:
    if not case.filing_required:
        raise ValidationError(_("This case does not need filing for review."))
    if hasattr(case, "filing"):
        raise ValidationError(_("The filing for review is already recorded."))
    choice_require(filing_recipient_choices(case), params.get("filed_with"), FILING_RECIPIENT)


def _filed(firing: Firing) -> FilingForReview:
    params = firing.params
    filing = FilingForReview.objects.create(
        case=firing.case,
        filed_with=params["filed_with"],
        filed_on=params["filed_on"],
        reference=params.get("reference", ""),
        filed_by=firing.actor,
    )
    firing.payload.update(filed_with=filing.filed_with_id, reference=filing.reference)
    return filing


class FilingParams(serializers.Serializer[Any]):
    filed_with = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        help_text="The organ filed with (the procuratorate or authority one level up).",
    )
    filed_on = serializers.DateField(validators=[PAST_EVENT], help_text="The day of filing.")
    reference = serializers.CharField(
        max_length=80, required=False, allow_blank=True, default="", help_text="Its reference."
    )


class FilingResult(serializers.ModelSerializer[FilingForReview]):
    class Meta:
        model = FilingForReview
        fields = ["id", "case", "filed_with", "filed_on", "reference"]


FILING_RECORD = Act(
    name="filing_record",
    label=gettext_lazy("Record the filing for review"),
    article="P2014 Art 2 ¶2",
    may=_authority_of,
    states=FILING_STATES,
    clean=_filing_clean,
    effects=_filed,
    audit="case.filed_for_review",
    params=FilingParams,
    result=FilingResult,
    example={"filed_with": 7, "filed_on": "2026-03-18", "reference": "浙检备〔2026〕12号"},
)

acts_register([FILING_RECORD])
