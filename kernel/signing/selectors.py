"""Reads for the signing pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Level, Role

from .models import SecondFactor, SecondFactorReset


def second_factor_get_for_user(user: Any) -> SecondFactor | None:
    """The user's own authenticator, if enrolled (nobody sees another user's secret)."""
    return SecondFactor.objects.filter(user=user).first()


def _organisation_tree_ids(root: Organisation) -> set[int]:
    """`root` and every organisation below it (the `parent` tree is a few levels deep)."""
    ids = {root.pk}
    frontier = [root.pk]
    while frontier:
        frontier = list(
            Organisation.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.update(frontier)
    return ids


def second_factor_resettable_users(*, admin: Any) -> QuerySet[User]:
    """The users whose signing factor `admin` may reset: a system administrator manages the
    users of his organisation and of the organisations under it (a provincial prison
    administration's administrator: its prisons); at a national-level organisation, everyone.
    Never himself: a lost device of an administrator is reset by another one."""
    if Role.SYSTEM_ADMIN not in admin.role_codes or admin.organisation_id is None:
        return User.objects.none()
    users = User.objects.exclude(pk=admin.pk)
    if admin.organisation.level != Level.NATIONAL:
        users = users.filter(organisation_id__in=_organisation_tree_ids(admin.organisation))
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
