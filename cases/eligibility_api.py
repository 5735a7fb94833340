"""POST /api/v1/eligibility/assess: the rules engine over HTTP, without creating a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.accounts.permissions import has_any_role
from kernel.bounds import (
    BIRTH_DATE,
    CUSTODY_DAYS,
    PAST_EVENT,
    PLANNED_DATE,
    SENTENCE_START,
    TERM_DAYS,
    TERM_MONTHS,
    TERM_YEARS,
)

from . import eligibility as engine
from . import sentence as arithmetic
from .jurisdiction import CASE_ROLES
from .services.eligibility import catalogue_facts


class _Term(serializers.Serializer[Any]):
    years = serializers.IntegerField(default=0, validators=[TERM_YEARS])
    months = serializers.IntegerField(default=0, validators=[TERM_MONTHS])
    days = serializers.IntegerField(default=0, validators=[TERM_DAYS])


class _Commutation(serializers.Serializer[Any]):
    ruling_date = serializers.DateField(validators=[PAST_EVENT])
    kind = serializers.ChoiceField(choices=[k.value for k in arithmetic.CommutationKind])
    term = _Term(required=False)


class _Period(serializers.Serializer[Any]):
    first_day = serializers.DateField(validators=[PAST_EVENT])
    last_day = serializers.DateField(validators=[PLANNED_DATE])


class SentenceIn(serializers.Serializer[Any]):
    original_type = serializers.ChoiceField(choices=[t.value for t in arithmetic.SentenceType])
    original_term = _Term(required=False, allow_null=True)
    execution_start = serializers.DateField(validators=[SENTENCE_START])
    custody_days = serializers.IntegerField(default=0, validators=[CUSTODY_DAYS])
    commutations = _Commutation(many=True, required=False, default=list)
    non_counted = _Period(many=True, required=False, default=list)


class DiagnosisIn(serializers.Serializer[Any]):
    catalogue_item = serializers.CharField(required=False, allow_null=True, max_length=20)
    short_term_life_danger = serializers.BooleanField(required=False, allow_null=True, default=None)
    cardio_metabolic = serializers.BooleanField(required=False, default=False)
    violent_mental_illness = serializers.BooleanField(required=False, allow_null=True, default=None)
    formalities_met = serializers.BooleanField(required=False, allow_null=True, default=None)


class PregnancyIn(serializers.Serializer[Any]):
    examination_confirmed = serializers.BooleanField(required=False, allow_null=True, default=None)
    infant_date_of_birth = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[BIRTH_DATE]
    )
    infant_is_own = serializers.BooleanField(required=False, allow_null=True, default=None)
    nursing = serializers.BooleanField(required=False, allow_null=True, default=None)


class SelfCareIn(serializers.Serializer[Any]):
    activities_needing_help = serializers.ListField(
        child=serializers.ChoiceField(choices=[a.value for a in engine.DailyActivity]),
        default=list,
    )
    cause_ok = serializers.BooleanField(required=False, allow_null=True, default=None)
    observation_start = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[PAST_EVENT]
    )
    opinion_formalities_met = serializers.BooleanField(
        required=False, allow_null=True, default=None
    )


class RiskIn(serializers.Serializer[Any]):
    social_danger = serializers.BooleanField(required=False, allow_null=True, default=None)
    self_injury = serializers.BooleanField(required=False, allow_null=True, default=None)
    refuses_treatment = serializers.BooleanField(required=False, allow_null=True, default=None)


class HistoryIn(serializers.Serializer[Any]):
    revoked_for_violation = serializers.BooleanField(default=False)
    new_crime_during_teop = serializers.BooleanField(default=False)


class ProfileIn(serializers.Serializer[Any]):
    on = serializers.DateField(
        required=False, help_text="Assess as of this date (today).", validators=[PLANNED_DATE]
    )
    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=[g.value for g in engine.Ground]),
        min_length=1,
        error_messages={"min_length": "Name at least one ground."},
    )
    sex = serializers.ChoiceField(choices=["M", "F"])
    date_of_birth = serializers.DateField(validators=[BIRTH_DATE])
    sentence = SentenceIn()
    juvenile_at_offence = serializers.BooleanField(required=False, allow_null=True, default=None)
    disabled = serializers.BooleanField(required=False, allow_null=True, default=None)
    diagnosis = DiagnosisIn(required=False, allow_null=True, default=None)
    pregnancy = PregnancyIn(required=False, allow_null=True, default=None)
    self_care = SelfCareIn(required=False, allow_null=True, default=None)
    risk = RiskIn(required=False, default=dict)
    crimes = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in engine.CrimeTag]),
        default=list,
    )
    history = HistoryIn(required=False, default=dict)


def _term(data: dict[str, int] | None) -> arithmetic.Term | None:
    if not data:
        return None
    return arithmetic.Term(
        years=data.get("years", 0), months=data.get("months", 0), days=data.get("days", 0)
    )


def profile_from_payload(data: dict[str, Any]) -> engine.Profile:
    s = data["sentence"]
    sentence = arithmetic.SentenceFacts(
        original_type=arithmetic.SentenceType(s["original_type"]),
        original_term=_term(s.get("original_term")),
        execution_start=s["execution_start"],
        custody_days=s.get("custody_days", 0),
        commutations=tuple(
            arithmetic.Commutation(
                ruling_date=c["ruling_date"],
                kind=arithmetic.CommutationKind(c["kind"]),
                term=_term(c.get("term")) or arithmetic.Term(),
            )
            for c in s.get("commutations", [])
        ),
        non_counted=tuple(
            arithmetic.NonCountedPeriod(first_day=p["first_day"], last_day=p["last_day"])
            for p in s.get("non_counted", [])
        ),
    )
    diagnosis = None
    if data.get("diagnosis"):
        d = data["diagnosis"]
        in_catalogue, category = catalogue_facts(d.get("catalogue_item"))
        diagnosis = engine.Diagnosis(
            catalogue_item=d.get("catalogue_item"),
            in_catalogue=in_catalogue,
            category=category,
            short_term_life_danger=d.get("short_term_life_danger"),
            cardio_metabolic=d.get("cardio_metabolic", False),
            violent_mental_illness=d.get("violent_mental_illness"),
            formalities_met=d.get("formalities_met"),
        )
    pregnancy = engine.Pregnancy(**data["pregnancy"]) if data.get("pregnancy") else None
    self_care = None
    if data.get("self_care"):
        sc = data["self_care"]
        self_care = engine.SelfCare(
            activities_needing_help=frozenset(
                engine.DailyActivity(a) for a in sc["activities_needing_help"]
            ),
            cause_ok=sc.get("cause_ok"),
            observation_start=sc.get("observation_start"),
            opinion_formalities_met=sc.get("opinion_formalities_met"),
        )
    risk = data.get("risk") or {}
    history = data.get("history") or {}
    return engine.Profile(
        grounds=frozenset(engine.Ground(g) for g in data["grounds"]),
        sex=data["sex"],
        date_of_birth=data["date_of_birth"],
        sentence=sentence,
        juvenile_at_offence=data.get("juvenile_at_offence"),
        disabled=data.get("disabled"),
        diagnosis=diagnosis,
        pregnancy=pregnancy,
        self_care=self_care,
        risk=engine.Risk(
            risk.get("social_danger"), risk.get("self_injury"), risk.get("refuses_treatment")
        ),
        crimes=frozenset(engine.CrimeTag(c) for c in data.get("crimes", [])),
        history=engine.History(
            history.get("revoked_for_violation", False), history.get("new_crime_during_teop", False)
        ),
    )


class EligibilityAssessView(APIView):
    permission_classes = [has_any_role(CASE_ROLES)]

    @extend_schema(
        request=ProfileIn,
        responses={
            200: inline_serializer(
                "EligibilityResult",
                {
                    "on": serializers.DateField(),
                    "outcome": serializers.ChoiceField(choices=[o.value for o in engine.Outcome]),
                    "strict_review": serializers.BooleanField(),
                    "filing_required": serializers.BooleanField(),
                    "eligible_on": serializers.DateField(allow_null=True),
                    "results": inline_serializer(
                        "RuleResult",
                        {
                            "rule": serializers.CharField(),
                            "outcome": serializers.CharField(),
                            "article": serializers.CharField(),
                            "message": serializers.CharField(),
                            "until": serializers.DateField(allow_null=True),
                            "ground": serializers.CharField(allow_null=True),
                        },
                        many=True,
                    ),
                    "ruleset_version": serializers.CharField(),
                    "grounds_met": serializers.ListField(child=serializers.CharField()),
                },
            ),
            400: inline_serializer(
                "EligibilityError",
                {"detail": serializers.JSONField(), "code": serializers.CharField()},
            ),
        },
        summary="Assess a profile against the eligibility rules (no case is created)",
        description=(
            "Runs every rule EL-01..EL-53 of legal-spec §2 and returns the combined outcome "
            "(most restrictive wins), the flags, the date of eligibility for time-served "
            "thresholds and every rule with its outcome and article. Impossible profiles (a man "
            "on the pregnancy ground, a fixed term without a term) are 400 with the reason."
        ),
    )
    def post(self, request: Request) -> Response:
        body = ProfileIn(data=request.data)
        if not body.is_valid():
            return Response({"detail": body.errors, "code": "invalid"}, status=400)
        data = body.validated_data
        on: dt.date = data.get("on") or timezone.localdate()
        try:
            profile = profile_from_payload(data)
            result = engine.assess(profile, on=on)
        except (
            engine.ImpossibleProfile,
            arithmetic.SentenceError,
            ValueError,
            ValidationError,
        ) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            return Response({"detail": message, "code": "impossible_profile"}, status=400)
        return Response({"on": on.isoformat(), **result.as_dict()})
