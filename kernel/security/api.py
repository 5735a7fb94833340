"""Lifting a sign-in lockout through the API: the same service and scope as the page
(`kernel.security.views.lockout_admin`); a user name the administrator does not administer
does not exist for him (404)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.accounts.permissions import has_any_role
from kernel.accounts.roles import Role
from kernel.api import refusal_responses
from kernel.http import AuthenticatedRequest
from kernel.idempotency.services import IDEMPOTENCY_KEY_PARAMETER, idempotent

from .services import lockout_lift


class LockoutLiftRequest(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=[("username", "User name"), ("ip_address", "Address")],
        help_text="What is locked out: a user name or a client address.",
    )
    value = serializers.CharField(max_length=255, help_text="The user name or the address.")
    reason = serializers.CharField(
        min_length=4,
        max_length=500,
        help_text="How you checked that the person asking is the account holder (audited).",
    )


class LockoutLiftResult(serializers.Serializer[Any]):
    kind = serializers.CharField()
    value = serializers.CharField()
    attempts_removed = serializers.IntegerField()


class LockoutLiftView(APIView):
    """A system administrator lets a locked-out user name or address sign in again."""

    permission_classes = [has_any_role([Role.SYSTEM_ADMIN])]

    @extend_schema(
        operation_id="admin_lockout_lift",
        summary="Lift a sign-in lockout",
        description=(
            "Lets a locked-out user name or address sign in again at once; audited with the "
            "reason (`sign_in.lockout_lifted`). System administrators only, for the users of "
            "the organisations they administer (others: 404)."
        ),
        request=LockoutLiftRequest,
        responses=refusal_responses(LockoutLiftResult, conflict=True),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        examples=[
            OpenApiExample(
                "User name",
                value={
                    "kind": "username",
                    "value": "zhangsan",
                    "reason": "本人到场核验身份证后申请解锁。",
                },
                request_only=True,
            )
        ],
        tags=["administration"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        body = LockoutLiftRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        removed = lockout_lift(
            actor=cast(AuthenticatedRequest, request).user,
            kind=data["kind"],
            value=data["value"],
            reason=data["reason"],
        )
        return Response(
            LockoutLiftResult(
                {"kind": data["kind"], "value": data["value"], "attempts_removed": removed}
            ).data
        )
