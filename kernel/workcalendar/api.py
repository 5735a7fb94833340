"""GET /api/v1/calendar/add-working-days: the statutory clock over HTTP."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.bounds import PLANNED_DATE

from .clock import CalendarNotLoaded, Due, add_working_days, estimate
from .services import calendar_load


class AddWorkingDaysQuery(serializers.Serializer[Any]):
    start = serializers.DateField(
        validators=[PLANNED_DATE],
        error_messages={
            "invalid": "Enter the start date as YYYY-MM-DD.",
            "required": "The start date is required (start=YYYY-MM-DD).",
        },
    )
    days = serializers.IntegerField(
        min_value=1,
        max_value=3650,
        error_messages={
            "invalid": "days must be a whole number.",
            "required": "The number of working days is required (days=N).",
            "min_value": "days must be at least 1.",
            "max_value": "days can be at most 3650.",
        },
    )
    region = serializers.RegexField(
        r"^(\d{2}|\d{6})$",
        required=False,
        default="",
        error_messages={"invalid": "region must be a 2- or 6-digit region code."},
    )


def due_payload(due: Due) -> dict[str, Any]:
    trace = due.trace
    return {
        "due": due.due.isoformat(),
        "unit": trace.unit.value,
        "rule": trace.rule,
        "calendar": trace.calendar,
        "trace": {
            "counted": [d.isoformat() for d in trace.counted],
            "skipped": [
                {"date": s.date.isoformat(), "reason": s.reason.value, "name": s.name}
                for s in trace.skipped
            ],
            "rolled_over_from": trace.rolled_over_from.isoformat()
            if trace.rolled_over_from
            else None,
            "notes": list(trace.notes),
        },
    }


class AddWorkingDaysView(APIView):
    @extend_schema(
        summary="Add working days on the official calendar",
        description=(
            "The last day of a period of N working days after `start` (start day not counted, "
            "CPL Art 105; make-up workdays count, public holidays do not). 422 when the period "
            "reaches a year whose official schedule is not loaded."
        ),
        parameters=[
            OpenApiParameter("start", str, description="YYYY-MM-DD", required=True),
            OpenApiParameter("days", int, required=True),
            OpenApiParameter(
                "region",
                str,
                required=False,
                description="2- or 6-digit region code for regional days",
            ),
        ],
        responses={
            200: inline_serializer(
                "AddWorkingDaysResult",
                {
                    "start": serializers.DateField(),
                    "days": serializers.IntegerField(),
                    "due": serializers.DateField(),
                    "unit": serializers.CharField(),
                    "rule": serializers.CharField(),
                    "calendar": serializers.CharField(),
                    "trace": serializers.DictField(),
                },
            ),
            400: inline_serializer("BadRequest", {"detail": serializers.DictField()}),
            422: inline_serializer(
                "CalendarNotLoaded",
                {
                    "detail": serializers.CharField(),
                    "code": serializers.CharField(),
                    "year": serializers.IntegerField(),
                    "estimate": serializers.DictField(
                        help_text="The weekend-only estimate (not official): due, trace, "
                        "estimated=true, estimate_reason."
                    ),
                },
            ),
        },
    )
    def get(self, request: Request) -> Response:
        query = AddWorkingDaysQuery(data=request.query_params)
        if not query.is_valid():
            return Response({"detail": query.errors, "code": "invalid"}, status=400)
        data = query.validated_data
        calendar = calendar_load(region_code=data["region"])
        try:
            due = add_working_days(calendar, data["start"], data["days"])
        except CalendarNotLoaded as exc:
            # Still refused: this endpoint answers official dates only. The weekend-only
            # estimate comes along, marked as one, for planning (legal-spec E-01).
            guess = estimate(calendar, lambda c: add_working_days(c, data["start"], data["days"]))
            return Response(
                {
                    "detail": f"{exc} "
                    + _(
                        "An estimate counting weekends only is given under “estimate”; it is "
                        "not an official date."
                    ),
                    "code": "calendar_not_loaded",
                    "year": exc.year,
                    "estimate": {
                        **due_payload(guess),
                        "estimated": True,
                        "estimate_reason": _(
                            "estimated (calendar for %(year)s not loaded; weekends only)"
                        )
                        % {"year": exc.year},
                    },
                },
                status=422,
            )
        return Response(
            {"start": data["start"].isoformat(), "days": data["days"], **due_payload(due)}
        )
