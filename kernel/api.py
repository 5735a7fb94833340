"""API error mapping in one place: legal refusals and bad input become clear 4xx answers.

Legal refusals, stale requests, a clerk's input error and an act the user may not take are
mapped by `kernel.refusals.refusal_of`, the same mapping the pages use; `REFUSAL_RESPONSES`
describes those answers in the OpenAPI schema of every act."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kernel.bounds import OUT_OF_RANGE_MESSAGE
from kernel.counting import DateOutOfRange
from kernel.refusals import StaleState, TransitionRefused, refusal_of
from kernel.workcalendar.clock import CalendarNotLoaded


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, CalendarNotLoaded):
        return Response(
            {"detail": str(exc), "code": "calendar_not_loaded", "year": exc.year},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if isinstance(exc, DateOutOfRange):
        return Response(
            {"detail": str(OUT_OF_RANGE_MESSAGE), "code": "date_out_of_range"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(
        exc,
        DjangoValidationError
        | TransitionRefused
        | StaleState
        | DjangoPermissionDenied
        | ObjectDoesNotExist,
    ):
        # The same refusal a page shows (kernel/refusals.py), as JSON; a PermissionDenied keeps
        # its message naming who may act.
        refusal = refusal_of(exc)
        assert refusal is not None
        return Response(refusal.as_json(), status=refusal.status)
    return drf_exception_handler(exc, context)


class RequirementSerializer(serializers.Serializer[Any]):
    article = serializers.CharField(help_text="The article that requires it, e.g. P2014 Art 13.")
    message = serializers.CharField()


class RefusalSerializer(serializers.Serializer[Any]):
    """The body of every refusal (kernel.refusals.Refusal.as_json)."""

    detail = serializers.CharField()
    code = serializers.CharField(
        help_text="refused, conflict, invalid, permission_denied, not_found, "
        "idempotency_key_reused, idempotency_in_progress, invalid_idempotency_key."
    )
    requirements = RequirementSerializer(
        many=True, required=False, help_text="Every unmet requirement (400 refused)."
    )
    current_state = serializers.CharField(
        required=False, help_text="The case's state now (409 conflict)."
    )


def refusal_responses(ok: Any, *, conflict: bool = True) -> dict[int, Any]:
    """The OpenAPI responses of an act: `ok` on 200 and the refusals with their shape."""
    responses: dict[int, Any] = {
        200: ok,
        400: OpenApiResponse(
            RefusalSerializer,
            description="The law does not allow the act yet (every unmet requirement with its "
            "article), or the input is wrong (field errors).",
        ),
        403: OpenApiResponse(
            RefusalSerializer, description="You may see this but not take this act."
        ),
        404: OpenApiResponse(RefusalSerializer, description="Not in your jurisdiction."),
        422: OpenApiResponse(
            RefusalSerializer,
            description="The Idempotency-Key was used for another request.",
        ),
    }
    if conflict:
        responses[409] = OpenApiResponse(
            RefusalSerializer,
            description="The case changed since `expected_state`, or a request with this "
            "Idempotency-Key is being processed.",
        )
    return responses
