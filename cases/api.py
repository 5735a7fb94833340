"""Read API over the same selectors as the web views (never a second copy of the rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.accounts.models import Organisation
from kernel.accounts.permissions import has_any_role
from kernel.api import refusal_responses
from kernel.bounds import search_text
from kernel.deadlines.serializers import NextDeadlineSerializer, next_deadline_payload
from kernel.http import signed_in_user
from kernel.idempotency.services import IDEMPOTENCY_KEY_PARAMETER, idempotent

from .acts.proposal import case_advance
from .jurisdiction import CASE_ROLES
from .models import Case, CaseParticipant, CaseState, Offender, Sentence
from .selectors import (
    case_get_for_user,
    case_list_for_user,
    offender_get_for_user,
    offender_list_for_user,
)


class SentenceSerializer(serializers.ModelSerializer[Sentence]):
    class Meta:
        model = Sentence
        fields = [
            "id",
            "judgment_number",
            "offences",
            "original_type",
            "original_years",
            "original_months",
            "execution_start",
            "custody_days",
            "current_type",
            "expiry_date",
            "is_current",
        ]


class OffenderSerializer(serializers.ModelSerializer[Offender]):
    id_number = serializers.CharField(source="masked_id_number")
    custodian: serializers.StringRelatedField[Organisation] = serializers.StringRelatedField()
    current_sentence = serializers.SerializerMethodField()

    class Meta:
        model = Offender
        fields = [
            "id",
            "name",
            "id_number",
            "sex",
            "date_of_birth",
            "prisoner_number",
            "custodian",
            "current_sentence",
        ]

    def get_current_sentence(self, offender: Offender) -> dict[str, Any] | None:
        current = getattr(offender, "current_sentences", None)
        if current is None:
            current = [s for s in getattr(offender, "all_sentences", []) if s.is_current]
        return SentenceSerializer(current[0]).data if current else None


class ParticipantSerializer(serializers.ModelSerializer[CaseParticipant]):
    organisation: serializers.StringRelatedField[Organisation] = serializers.StringRelatedField()

    class Meta:
        model = CaseParticipant
        fields = ["organisation", "capacity"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    offender: serializers.StringRelatedField[Offender] = serializers.StringRelatedField()
    next_deadline = serializers.SerializerMethodField()

    @extend_schema_field(NextDeadlineSerializer(allow_null=True))
    def get_next_deadline(self, case: Case) -> dict[str, Any] | None:
        """The nearest open clock; an estimate says so (`estimated`, `estimate_reason`)."""
        return next_deadline_payload(case)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "offender",
            "path",
            "state",
            "ground_medical",
            "ground_pregnancy",
            "ground_self_care",
            "strict_review",
            "filing_required",
            "urgent",
            "publicity_waived",
            "opened_on",
            "next_deadline",
        ]


class CaseDetailSerializer(CaseSerializer):
    participants = ParticipantSerializer(many=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "participants"]


class StepRequest(serializers.Serializer[Any]):
    expected_state = serializers.ChoiceField(
        choices=CaseState.choices,
        help_text="The state the client saw; a different current state is a 409 conflict.",
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CaseViewSet(viewsets.ReadOnlyModelViewSet[Case]):
    """Cases in the user's jurisdiction; others do not exist (404). Search with `?q=`."""

    permission_classes = [has_any_role(CASE_ROLES)]
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):  # drawing the OpenAPI schema: no user
            return Case.objects.none()
        query = search_text(self.request.query_params.get("q"), max_length=60)
        return case_list_for_user(user=signed_in_user(self.request), query=query)

    def get_object(self) -> Case:
        return case_get_for_user(user=signed_in_user(self.request), pk=_pk(self.kwargs["pk"]))

    def get_serializer_class(self) -> type[serializers.Serializer[Any]]:
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    @extend_schema(
        request=StepRequest,
        responses=refusal_responses(CaseSerializer),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        summary="Take one step of the case's legal procedure",
        description=(
            "Steps of legal-spec §3.1-3.2 (screen, start_assessment, record_assessment, "
            "prepare, ready_for_deliberation, deliberate, decline, start_publicity, "
            "receive_objection, dismiss_objection, uphold_objection, submit, "
            "submit_emergency, not_propose); the same acts as `/api/v1/cases/{id}/acts/<step>/`. "
            "400 when the law does not allow it yet, with every unmet requirement and its "
            "article; 403 when you may not take it; 409 when the case changed since "
            "`expected_state`."
        ),
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    @idempotent
    def step(self, request: Request, pk: str, step: str) -> Response:
        case = self.get_object()
        body = StepRequest(data=request.data)
        body.is_valid(raise_exception=True)
        # Who may take the step, and what it requires, is the act's declaration
        # (cases.acts.proposal); its refusals are mapped by kernel.api.exception_handler.
        case = case_advance(
            case_id=case.pk,
            actor=signed_in_user(request),
            step=step,
            expected_state=body.validated_data["expected_state"],
            reason=body.validated_data["reason"],
        )
        return Response(CaseSerializer(case).data)


class OffenderViewSet(viewsets.ReadOnlyModelViewSet[Offender]):
    """Offenders in the user's jurisdiction. Search with `?q=` (name, ID number, prisoner no.)."""

    permission_classes = [has_any_role(CASE_ROLES)]
    serializer_class = OffenderSerializer

    def get_queryset(self) -> QuerySet[Offender]:
        if getattr(self, "swagger_fake_view", False):  # drawing the OpenAPI schema: no user
            return Offender.objects.none()
        query = search_text(self.request.query_params.get("q"), max_length=60)
        return offender_list_for_user(user=signed_in_user(self.request), query=query)

    def get_object(self) -> Offender:
        return offender_get_for_user(user=signed_in_user(self.request), pk=_pk(self.kwargs["pk"]))


def _pk(raw: str) -> int:
    from django.http import Http404

    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
