"""A system administrator's reset of a signer's lost second factor through the API: the same
service and scope as the page (`kernel.signing.views.second_factor_reset`); a user the
administrator does not administer does not exist for him (404)."""

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

from .models import SecondFactorReset
from .otp_reset import second_factor_admin_reset
from .selectors import second_factor_resettable_user_get


class SecondFactorResetRequest(serializers.Serializer[Any]):
    reason = serializers.CharField(
        max_length=500,
        help_text="Why the factor is reset (e.g. the device was lost); audited and told to "
        "the signer.",
    )


class SecondFactorResetResult(serializers.ModelSerializer[SecondFactorReset]):
    user: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    reset_by: serializers.StringRelatedField[Any] = serializers.StringRelatedField()

    class Meta:
        model = SecondFactorReset
        fields = ["id", "user", "reset_by", "reason", "reset_at", "factor_was_confirmed"]


class SecondFactorResetView(APIView):
    """Reset one user's signing factor after the device was lost, with a written reason."""

    permission_classes = [has_any_role([Role.SYSTEM_ADMIN])]

    @extend_schema(
        operation_id="admin_second_factor_reset",
        summary="Reset a signer's lost second factor",
        description=(
            "Deletes the user's signing factor so that the user must enrol anew; recorded, "
            "audited (`second_factor.admin_reset`) and told to the user on every channel. "
            "System administrators only, for the users they administer, never themselves "
            "(others: 404)."
        ),
        request=SecondFactorResetRequest,
        responses=refusal_responses(SecondFactorResetResult, conflict=True),
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        examples=[
            OpenApiExample(
                "Lost phone",
                value={"reason": "手机遗失，本人书面申请重置，已核验身份。"},
                request_only=True,
            )
        ],
        tags=["administration"],
    )
    @idempotent
    def post(self, request: Request, user_id: int) -> Response:
        admin = cast(AuthenticatedRequest, request).user
        # Out of scope is 404 before the body is read, so a bad body tells nothing either.
        target = second_factor_resettable_user_get(admin=admin, pk=user_id)
        body = SecondFactorResetRequest(data=request.data)
        body.is_valid(raise_exception=True)
        record = second_factor_admin_reset(
            user_id=target.pk, actor=admin, reason=body.validated_data["reason"]
        )
        return Response(SecondFactorResetResult(record).data)
