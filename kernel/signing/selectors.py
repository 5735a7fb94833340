"""Reads for the signing pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kernel.accounts.models import User
from kernel.accounts.selectors import administered_users

from .models import SecondFactor, SecondFactorReset


def second_factor_get_for_user(user: Any) -> SecondFactor | None:
    """The user's own authenticator, if enrolled (nobody sees another user's secret)."""
    return SecondFactor.objects.filter(user=user).first()


def second_factor_resettable_users(*, admin: Any) -> QuerySet[User]:
    """The users whose signing factor `admin` may reset: a system administrator manages the
    users of his organisation and of the organisations under it (a provincial prison
    administration's administrator: its prisons); at a national-level organisation, everyone.
    Never himself: a lost device of an administrator is reset by another one."""
    users = administered_users(admin).exclude(pk=admin.pk)
    return users.select_related("organisation", "second_factor").order_by(
        "organisation__name", "username"
    )


def second_factor_resettable_user_get(*, admin: Any, pk: int) -> User:
    """One user in the administrator's scope; anyone else does not exist for him (404)."""
    user = second_factor_resettable_users(admin=admin).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def second_factor_resets_for(*, user: User) -> QuerySet[SecondFactorReset]:
    return SecondFactorReset.objects.filter(user=user).select_related("reset_by")
