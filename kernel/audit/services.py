"""Writing and verifying the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from .context import current_request_id
from .models import GENESIS_HASH, AuditEvent

# An arbitrary, fixed key for the PostgreSQL advisory lock that serialises appends, so two
# concurrent writers never chain onto the same previous row.
_CHAIN_LOCK_KEY = 7_302_014


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    payload: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction."""
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        organisation = getattr(actor, "organisation", None) if actor is not None else None
        event = AuditEvent(
            occurred_at=at or timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_name=(getattr(actor, "display_name", "") or str(actor)) if actor else "system",
            organisation_id=getattr(organisation, "pk", None),
            organisation_name=str(organisation) if organisation else "",
            action=action,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            request_id=current_request_id.get(),
            payload=payload or {},
            prev_hash=last or GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def audit_verify_chain(*, batch_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return the number of events checked and the first break."""
    checked = 0
    expected_prev = GENESIS_HASH
    for event in _iterate(batch_size):
        if event.prev_hash != expected_prev:
            return checked, ChainBreak(
                event.pk,
                "the previous event is missing or was altered (its hash does not match "
                "this event's link)",
            )
        if event.compute_hash() != event.hash:
            return checked, ChainBreak(event.pk, "this event's contents were changed")
        expected_prev = event.hash
        checked += 1
    return checked, None


def _iterate(batch_size: int) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk
