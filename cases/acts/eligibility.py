"""Running the eligibility rules EL-01…EL-53 on a case and storing the result (legal-spec §2;
P2014 Arts 5-7, 33), declared once. The assessor is the institution's clerk, or the court on
the court path (P2014 Art 17); it is taken before the proposal leaves the institution.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from ..models import EligibilityAssessment
from ..services.eligibility import ASSESSABLE_STATES, FACT_FIELDS, eligibility_store
from ..services.workflow import require_assessor_of
from .declaration import Act, Firing
from .registry import acts_register


class EligibilityAssessParams(serializers.Serializer[Any]):
    facts = serializers.DictField(
        help_text=(
            "The facts the assessor states for the rules; everything else comes from the case "
            "file. Keys: " + ", ".join(FACT_FIELDS) + "."
        )
    )
    on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Assess as on this day (today)."
    )


class EligibilityAssessmentResult(serializers.ModelSerializer[EligibilityAssessment]):
    class Meta:
        model = EligibilityAssessment
        fields = [
            "id",
            "assessed_on",
            "ruleset_version",
            "outcome",
            "eligible_on",
            "strict_review",
            "filing_required",
            "result",
        ]


def _assessed(firing: Firing) -> EligibilityAssessment:
    stored = eligibility_store(
        case=firing.case,
        actor=firing.actor,
        facts=dict(firing.params.get("facts") or {}),
        on=firing.params.get("on"),
    )
    firing.payload.update(
        assessment_id=stored.pk, outcome=stored.outcome, ruleset=stored.ruleset_version
    )
    return stored


ELIGIBILITY_ASSESS = Act(
    name="eligibility_assess",
    label=gettext_lazy("Assess eligibility"),
    article="P2014 Arts 5-7",
    may=require_assessor_of,
    states=ASSESSABLE_STATES,
    effects=_assessed,
    audit="case.eligibility_assessed",
    params=EligibilityAssessParams,
    result=EligibilityAssessmentResult,
    example={
        "expected_state": "screened",
        "facts": {"crimes": [], "social_danger": False, "self_injury": False},
    },
)

acts_register([ELIGIBILITY_ASSESS])
