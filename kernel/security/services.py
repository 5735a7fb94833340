"""Sign-in lockouts (django-axes) as a system administrator sees and lifts them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.http import Http404
from django.utils import timezone

from kernel.accounts.selectors import administered_organisation_ids, administered_users
from kernel.audit.services import audit_record


@dataclass(frozen=True)
class Lockout:
    """A user name or an address that may not sign in until `until`."""

    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime


def _cool_off() -> dt.timedelta:
    cool_off = settings.AXES_COOLOFF_TIME
    assert isinstance(cool_off, dt.timedelta)
    return cool_off


def _in_scope(admin: Any, kind: str, value: str) -> bool:
    """User names of the administrator's users; every address (an address names no case), and,
    for an administrator at national level, every user name, even one that does not exist."""
    if kind == "ip_address" or administered_organisation_ids(admin) is None:
        return True
    return administered_users(admin).filter(username=value).exists()


def lockout_list(*, admin: Any, now: dt.datetime | None = None) -> list[Lockout]:
    """The user names and addresses locked out now that `admin` may lift, the most recent first."""
    now = now or timezone.now()
    cool_off = _cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
    by_name = recent.exclude(username="")
    if administered_organisation_ids(admin) is not None:
        by_name = recent.filter(
            username__in=administered_users(admin).values_list("username", flat=True)
        )
    found: list[Lockout] = []
    for kind in ("username", "ip_address"):
        rows = (
            (by_name if kind == "username" else recent)
            .exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        found.extend(
            Lockout(
                kind=kind,
                value=str(row[kind]),
                failures=int(row["failures"]),
                last_attempt=row["last"],
                until=row["last"] + cool_off,
            )
            for row in rows
        )
    return sorted(found, key=lambda lockout: lockout.last_attempt, reverse=True)


@transaction.atomic
def lockout_lift(*, actor: Any, kind: str, value: str, reason: str) -> int:
    """Let a locked-out user name or address sign in again at once; audited with the reason."""
    if kind not in ("username", "ip_address"):
        raise ValueError(f"unknown lockout kind {kind!r}")
    if not _in_scope(actor, kind, value):
        raise Http404  # another organ's user does not exist for this administrator
    removed = int(reset(username=value) if kind == "username" else reset(ip=value))
    audit_record(
        actor=actor,
        action="sign_in.lockout_lifted",
        reason=reason,
        payload={"kind": kind, "value": value, "attempts_removed": removed},
    )
    return removed
