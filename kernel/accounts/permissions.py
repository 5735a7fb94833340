"""Role checks shared by web views and the API (wrong role: 403; outsider: 404 in selectors)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from rest_framework.permissions import BasePermission

from kernel.http import AuthenticatedHttpRequest


def role_required(roles: Iterable[str]) -> Callable[..., Any]:
    allowed = frozenset(roles)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # login_required has sent an anonymous visitor to the sign-in page.
            if not (request.user.role_codes & allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def has_any_role(roles: Iterable[str]) -> type[BasePermission]:
    allowed = frozenset(roles)

    class HasAnyRole(BasePermission):
        message = "Your role does not give access to this resource."

        def has_permission(self, request: Any, view: Any) -> bool:
            user = request.user
            return bool(user and user.is_authenticated and user.role_codes & allowed)

    return HasAnyRole
