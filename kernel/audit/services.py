"""Writing and verifying the audit log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from kernel.bulk import copy_rows

from .context import current_request_id
from .models import GENESIS_HASH, LEGACY_STREAM, SYSTEM_STREAM, AuditEvent, audit_hmac_key
from .partitions import hot_since
from .streams import audit_stream_for, stream_lock_key

LEGACY_SEAL_ACTION = "audit.legacy_sealed"


def _lock_stream(stream: str) -> None:
    # Held until the caller's transaction ends, so two writers never chain onto the same
    # head; writers on other streams do not wait.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [stream_lock_key(stream)])


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
    """Append one event to its stream's chain (see `audit_stream_for`), inside the caller's
    transaction."""
    stream = audit_stream_for(actor=actor, obj=obj)
    with transaction.atomic():
        _lock_stream(stream)
        # On the hot partitions first (kernel/audit/partitions.py); a stream silent for more
        # than a year, or a new one, is looked up in all of them.
        heads = AuditEvent.objects.filter(stream=stream).order_by("-seq").values_list("seq", "hash")
        head = heads.filter(occurred_at__gte=hot_since(at)).first() or heads.first()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
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
            stream=stream,
            seq=seq,
            prev_hash=prev_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        return event


_COPIED = (
    "occurred_at",
    "actor_id",
    "actor_name",
    "organisation_id",
    "organisation_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "from_state",
    "to_state",
    "reason",
    "request_id",
    "payload",
    "stream",
    "seq",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class AuditEntry:
    """One event of `audit_record_many`."""

    obj: models.Model
    reason: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


#: Streams whose heads `_stream_heads` reads in one statement.
HEADS_BATCH = 5000


def _stream_heads(streams: list[str]) -> dict[str, tuple[int, str]]:
    """The head (last sequence number and hash) of each stream that has events.

    On PostgreSQL, one statement per HEADS_BATCH streams: for each stream, the newest event
    by a backward scan of each partition's (stream, seq) unique index, one row read per
    partition. `DISTINCT ON (stream) ... ORDER BY stream, seq DESC` reads every event of the
    streams instead: 1.6 s against 19 ms for 1,000 case streams of 1,000 events each (issue 15,
    the calendar's recomputation of 1,000,000 deadlines appends 1,000,000 events)."""
    heads: dict[str, tuple[int, str]] = {}
    if connection.vendor != "postgresql":
        for stream in streams:
            head = (
                AuditEvent.objects.filter(stream=stream)
                .order_by("-seq")
                .values_list("seq", "hash")
                .first()
            )
            if head is not None:
                heads[stream] = head
        return heads
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    statement = (
        "SELECT s.stream, e.seq, e.hash FROM unnest(%s::varchar[]) AS s(stream) "  # noqa: S608 - the table name is the model's
        f"CROSS JOIN LATERAL (SELECT seq, hash FROM {table} AS a "
        "WHERE a.stream = s.stream ORDER BY a.seq DESC LIMIT 1) AS e"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(streams), HEADS_BATCH):
            cursor.execute(statement, [streams[start : start + HEADS_BATCH]])
            heads.update((stream, (seq, hash_)) for stream, seq, hash_ in cursor.fetchall())
    return heads


def audit_record_many(
    *, actor: Any, action: str, entries: list[AuditEntry], at: dt.datetime | None = None
) -> int:
    """Append one event per entry, each to its own stream's chain, inside the caller's
    transaction: the streams are locked in key order in one statement (two bulk writers never
    deadlock; a single append waits as it would for another), their heads read in one query,
    the events inserted in one statement. The chains are exactly those `audit_record` would
    have written one by one (a recomputation of a million deadlines is a million events)."""
    if not entries:
        return 0
    occurred_at = at or timezone.now()
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    actor_name = (getattr(actor, "display_name", "") or str(actor)) if actor else "system"
    streams = [audit_stream_for(actor=actor, obj=entry.obj) for entry in entries]
    distinct = sorted(set(streams))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_advisory_xact_lock(k)) FROM "
                    "(SELECT k FROM unnest(%s::bigint[]) AS k ORDER BY k) AS keys",
                    [sorted(stream_lock_key(stream) for stream in distinct)],
                )
        heads = _stream_heads(distinct)
        key = audit_hmac_key()
        request_id = current_request_id.get()
        events = []
        for entry, stream in zip(entries, streams, strict=True):
            seq, prev_hash = heads.get(stream, (0, GENESIS_HASH))
            event = AuditEvent(
                occurred_at=occurred_at,
                actor_id=getattr(actor, "pk", None),
                actor_name=actor_name,
                organisation_id=getattr(organisation, "pk", None),
                organisation_name=str(organisation) if organisation else "",
                action=action,
                object_type=entry.obj._meta.label,
                object_id=str(entry.obj.pk),
                object_repr=str(entry.obj)[:200],
                reason=entry.reason,
                request_id=request_id,
                payload=entry.payload,
                stream=stream,
                seq=seq + 1,
                prev_hash=prev_hash,
            )
            event.hash = event.compute_hash(key)
            heads[stream] = (event.seq, event.hash)
            events.append(event)
        copy_rows(
            AuditEvent._meta.db_table,
            _COPIED,
            (
                [
                    json.dumps(event.payload, cls=DjangoJSONEncoder)
                    if name == "payload"
                    else getattr(event, name)
                    for name in _COPIED
                ]
                for event in events
            ),
        )
    return len(events)


class Check:
    """The checks `audit_verify` makes; each problem names the one that failed."""

    LINK = "link"
    CONTENT = "content/HMAC"
    GAP = "sequence gap"
    LEGACY_SEAL = "legacy seal"
    CHECKPOINT_HEAD = "checkpoint missing head"
    CHECKPOINT_SIGNATURE = "checkpoint signature"
    CHECKPOINT_SERIES = "checkpoint series"


@dataclass(frozen=True)
class AuditProblem:
    check: str
    stream: str
    detail: str
    event_id: int | None = None
    seq: int | None = None

    def __str__(self) -> str:
        where = f"stream {self.stream}"
        if self.event_id is not None:
            where += f", event #{self.event_id}"
        if self.seq is not None:
            where += f" (seq {self.seq})"
        return f"[{self.check}] {where}: {self.detail}"


@dataclass
class AuditVerification:
    events: int = 0
    streams: int = 0
    problems: list[AuditProblem] = field(default_factory=list)
    #: Problems found beyond the ones kept (a rewrite breaks every later event).
    more_problems: int = 0
    checkpoint: str = ""
    checkpoint_streams: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems

    def add(self, problem: AuditProblem, *, limit: int = 200) -> None:
        if len(self.problems) < limit:
            self.problems.append(problem)
        else:
            self.more_problems += 1


@dataclass
class _Head:
    seq: int
    hash: str
    event_id: int


def _walk(
    result: AuditVerification, *, batch_size: int, expected_heads: dict[str, tuple[int, str]]
) -> dict[str, _Head]:
    """Check every stream's chain in sequence order; return each stream's head."""
    key = audit_hmac_key()
    heads: dict[str, _Head] = {}
    stream = ""
    expected_seq, expected_prev = 1, GENESIS_HASH
    for event in _iterate(batch_size):
        if event.stream != stream:
            stream = event.stream
            expected_seq, expected_prev = 1, GENESIS_HASH
            result.streams += 1
        if event.seq != expected_seq:
            missing = (
                f"seq {expected_seq}"
                if event.seq == expected_seq + 1
                else f"seq {expected_seq} to {event.seq - 1}"
            )
            result.add(
                AuditProblem(
                    Check.GAP,
                    stream,
                    f"the event(s) before it are missing ({missing}): removed from the log",
                    event.pk,
                    event.seq,
                )
            )
        elif event.prev_hash != expected_prev:
            result.add(
                AuditProblem(
                    Check.LINK,
                    stream,
                    "the previous event is missing or was altered (its hash does not match "
                    "this event's link)",
                    event.pk,
                    event.seq,
                )
            )
        if event.compute_hash(key) != event.hash:
            result.add(
                AuditProblem(
                    Check.CONTENT,
                    stream,
                    "this event's contents were changed (its keyed hash does not match: "
                    "edited, or rewritten by someone without the audit key)",
                    event.pk,
                    event.seq,
                )
            )
        pinned = expected_heads.get(stream)
        if pinned is not None and pinned[0] == event.seq and pinned[1] != event.hash:
            result.add(
                AuditProblem(
                    Check.CHECKPOINT_HEAD,
                    stream,
                    "this event differs from the head recorded in the checkpoint "
                    f"{result.checkpoint}: it was replaced after the checkpoint",
                    event.pk,
                    event.seq,
                )
            )
        expected_seq, expected_prev = event.seq + 1, event.hash
        heads[stream] = _Head(event.seq, event.hash, event.pk)
        result.events += 1
    return heads


def _check_legacy_seal(result: AuditVerification, heads: dict[str, _Head]) -> None:
    """The pre-stream events (plain SHA-256, which anyone can recompute) must end exactly
    where the keyed seal written by migration 0003 says they ended."""
    legacy = heads.get(LEGACY_STREAM)
    if legacy is None:
        return
    seal = (
        AuditEvent.objects.filter(stream=SYSTEM_STREAM, action=LEGACY_SEAL_ACTION)
        .order_by("seq")
        .first()
    )
    if seal is None:
        result.add(
            AuditProblem(
                Check.LEGACY_SEAL,
                LEGACY_STREAM,
                "events in the legacy stream without the keyed seal that closes it: "
                "they were inserted after the upgrade",
                legacy.event_id,
                legacy.seq,
            )
        )
        return
    sealed_seq = seal.payload.get("head_seq")
    sealed_hash = seal.payload.get("head_hash")
    if legacy.seq != sealed_seq or legacy.hash != sealed_hash:
        result.add(
            AuditProblem(
                Check.LEGACY_SEAL,
                LEGACY_STREAM,
                f"the legacy stream ends at seq {legacy.seq}, but its seal (event #{seal.pk}) "
                f"records seq {sealed_seq}: events were added, removed or rewritten",
                legacy.event_id,
                legacy.seq,
            )
        )


def audit_verify(*, checkpoints: bool = True, batch_size: int = 5000) -> AuditVerification:
    """Check every stream's chain (links, keyed hashes, sequence numbers), the legacy seal
    and, when `checkpoints`, the newest signed checkpoint: every head it recorded must still
    be in the log with the same hash."""
    from .checkpoints import checkpoint_verify_latest

    result = AuditVerification()
    expected: dict[str, tuple[int, str]] = {}
    if checkpoints:
        expected = checkpoint_verify_latest(result)
    heads = _walk(result, batch_size=batch_size, expected_heads=expected)
    _check_legacy_seal(result, heads)
    for stream, (seq, _hash) in sorted(expected.items()):
        head = heads.get(stream)
        if head is None or head.seq < seq:
            have = f"the stream now ends at seq {head.seq}" if head else "the stream is gone"
            result.add(
                AuditProblem(
                    Check.CHECKPOINT_HEAD,
                    stream,
                    f"the checkpoint {result.checkpoint} recorded this stream up to seq {seq} "
                    f"but {have}: the newest events were removed",
                    head.event_id if head else None,
                    head.seq if head else None,
                )
            )
    return result


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def audit_verify_chain(*, batch_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """The chains only (no checkpoint): events checked and the first problem, if any."""
    result = audit_verify(checkpoints=False, batch_size=batch_size)
    if result.intact:
        return result.events, None
    first = result.problems[0]
    return result.events, ChainBreak(first.event_id or 0, str(first))


def _iterate(batch_size: int) -> Iterator[AuditEvent]:
    """Every event, ordered by stream then sequence number, in keyset-paginated batches."""
    after: tuple[str, int] | None = None
    while True:
        events = AuditEvent.objects.order_by("stream", "seq")
        if after is not None:
            events = events.filter(Q(stream__gt=after[0]) | Q(stream=after[0], seq__gt=after[1]))
        batch = list(events[:batch_size])
        if not batch:
            return
        yield from batch
        after = (batch[-1].stream, batch[-1].seq)
