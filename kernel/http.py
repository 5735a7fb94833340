"""Typed requests for views that only signed-in users reach.

`role_required` / `login_required` guarantee `request.user` is a `kernel.accounts.User`; the
annotation says so to mypy, so views read `request.user.organisation_id` without
`type: ignore` (Django types `request.user` as `User | AnonymousUser`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:
    from kernel.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A page request from a signed-in user (behind `role_required` or `login_required`)."""

    user: User  # type: ignore[assignment]


class AuthenticatedRequest(Request):
    """An API request from a signed-in user (behind `IsAuthenticated`)."""

    user: User  # type: ignore[assignment]


def signed_in_user(request: HttpRequest | Request) -> User:
    """The signed-in user of a request behind `IsAuthenticated` (API viewsets, whose
    `self.request` DRF types as any request): checked, not assumed."""
    from django.core.exceptions import PermissionDenied

    from kernel.accounts.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
