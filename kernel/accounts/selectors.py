"""Who a system administrator administers: one rule for every administration screen.

A system administrator looks after his own organisation and the organisations under it (a
provincial prison administration's administrator: its prisons); an administrator at a
national-level organisation looks after everyone. Procuratorates, courts and
community-correction institutions are separate organs with administrators of their own, so a
prison administration's administrator sees none of their users, lockouts or audit events.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Organisation, User
from .roles import Level, Role


def organisation_tree_ids(root: Organisation) -> set[int]:
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


def administered_organisation_ids(admin: Any) -> set[int] | None:
    """The organisations `admin` administers; None means all of them (national level).

    Someone who is not a system administrator, or has no organisation, administers none.
    """
    if Role.SYSTEM_ADMIN not in admin.role_codes or admin.organisation_id is None:
        return set()
    if admin.organisation.level == Level.NATIONAL:
        return None
    return organisation_tree_ids(admin.organisation)


def administered_users(admin: Any) -> QuerySet[User]:
    """The users of the organisations `admin` administers (himself included)."""
    ids = administered_organisation_ids(admin)
    users = User.objects.all()
    if ids is not None:
        users = users.filter(organisation_id__in=ids)
    return users
