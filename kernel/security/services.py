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
from django.utils import timezone

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


def lockout_list(*, now: dt.datetime | None = None) -> list[Lockout]:
    """Every user name and address locked out now, the most recent first."""
    now = now or timezone.now()
    cool_off = _cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
    found: list[Lockout] = []
    for kind in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{kind}__isnull": True})
            .exclude(**{kind: ""})
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
    removed = int(reset(username=value) if kind == "username" else reset(ip=value))
    audit_record(
        actor=actor,
        action="sign_in.lockout_lifted",
        reason=reason,
        payload={"kind": kind, "value": value, "attempts_removed": removed},
    )
    return removed
