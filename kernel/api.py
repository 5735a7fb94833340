"""API error mapping in one place: legal refusals and bad input become clear 4xx answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
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
    if isinstance(exc, DjangoValidationError | TransitionRefused | StaleState):
        # The same refusal a page shows (kernel/refusals.py), as JSON.
        refusal = refusal_of(exc)
        assert refusal is not None
        return Response(refusal.as_json(), status=refusal.status)
    return drf_exception_handler(exc, context)
