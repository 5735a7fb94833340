"""Writing notices (inside the caller's transaction) and delivering them (the relay)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import psycopg
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from kombu.exceptions import LimitExceeded

from kernel.accounts.models import User

from . import channels
from .models import Channel, Notice, NoticeStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1, 2, 4 ... minutes, capped at one hour."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


@dataclass(frozen=True)
class NoticeDraft:
    recipients: tuple[User, ...]
    key: str
    subject: str
    body: str = ""
    link: str = ""
    severity: str = "info"
    channels: tuple[str, ...] = (Channel.IN_APP,)


#: From this many notices on, `notices_send` passes its arrays as binary parameters.
BINARY_FROM = 200


def notices_send(drafts: Iterable[NoticeDraft]) -> list[int]:
    """Write one notice per recipient and channel of every draft, in the current transaction
    and in one statement; the relay is asked to deliver them once the transaction commits.
    A delivery key already used is a no-op, so a repeated event never notifies twice (a key
    already used by a notice still pending is handed over again)."""
    columns: tuple[list[Any], ...] = ([], [], [], [], [], [], [], [])
    keys, channel_, recipient, organisation, subject, body, link, severity = columns
    for draft in drafts:
        for user in draft.recipients:
            if user.organisation_id is None:
                continue
            for channel in draft.channels:
                keys.append(f"{draft.key}:{user.pk}:{channel}"[:160])
                channel_.append(channel)
                recipient.append(user.pk)
                organisation.append(user.organisation_id)
                subject.append(draft.subject[:200])
                body.append(draft.body)
                link.append(draft.link)
                severity.append(draft.severity)
    if not keys:
        return []
    now = timezone.now()
    # One INSERT over arrays rather than bulk_create: the sweep writes thousands of notices at
    # once, and building a model instance for each cost more than the database's work.
    # The table name is the model's, never input.
    sql = f"""
        INSERT INTO {Notice._meta.db_table} (delivery_key, channel, recipient_id,
            recipient_organisation_id, subject, body, link, severity, status, attempts,
            deliveries, next_attempt_at, last_error, created_at)
        SELECT k, c, r, o, s, b, l, v, %s, 0, 0, %s, '', %s
        FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::bigint[], %s::text[],
                    %s::text[], %s::text[], %s::text[]) AS n(k, c, r, o, s, b, l, v)
        ON CONFLICT DO NOTHING
        RETURNING id, delivery_key
        """  # noqa: S608
    params: list[Any] = [NoticeStatus.PENDING.value, now, now, *columns]
    if len(keys) < BINARY_FROM:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:
        # Django binds parameters on the client, quoting every array element in Python (a
        # quarter of a sweep's time); psycopg's binary parameters skip that. Same statement.
        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql.replace("%s", "%b"), params)
            rows = cursor.fetchall()
    created = [row[0] for row in rows]
    already = set(keys) - {row[1] for row in rows}
    if already:
        created += Notice.objects.filter(
            delivery_key__in=already, status=NoticeStatus.PENDING
        ).values_list("id", flat=True)
    transaction.on_commit(lambda: enqueue_deliveries(created))
    return created


def notice_send(
    *,
    recipients: Iterable[User],
    key: str,
    subject: str,
    body: str = "",
    link: str = "",
    severity: str = "info",
    channels_: Iterable[str] = (Channel.IN_APP,),
) -> list[Notice]:
    """Write the notices of one event (see `notices_send`)."""
    ids = notices_send(
        [NoticeDraft(tuple(recipients), key, subject, body, link, severity, tuple(channels_))]
    )
    return list(Notice.objects.filter(id__in=ids).order_by("id"))


def notice_send_to_role(
    *,
    organisation_id: int,
    roles: Iterable[str],
    key: str,
    subject: str,
    body: str = "",
    link: str = "",
    severity: str = "info",
) -> list[Notice]:
    """A notice to whoever holds one of `roles` at an organisation (one per person, so each
    has their own read state)."""
    users = User.objects.filter(
        organisation_id=organisation_id, is_active=True, role_grants__role__in=list(roles)
    ).distinct()
    return notice_send(
        recipients=users, key=key, subject=subject, body=body, link=link, severity=severity
    )


def notice_post(*, organisation_id: int, key: str, subject: str, body: str = "") -> Notice:
    """A formal notice to an external organisation by post or registry: recorded in the
    outbox like any other and marked delivered when the registry hands it over."""
    notice, _created = Notice.objects.get_or_create(
        delivery_key=f"{key}:org{organisation_id}:{Channel.POST}"[:160],
        defaults={
            "channel": Channel.POST,
            "recipient_organisation_id": organisation_id,
            "subject": subject[:200],
            "body": body,
            "next_attempt_at": timezone.now(),
        },
    )
    if notice.status == NoticeStatus.PENDING:
        transaction.on_commit(lambda: enqueue_deliveries([notice.pk]))
    return notice


# Handing a notice to the broker happens on commit, inside the request that wrote it. The notice
# is already safe in the outbox, so while the broker is down that hand-over must cost the request
# next to nothing: the relay (beat, every 30 s) delivers it later. Celery's own publish path does
# not allow that even with retry=False: opening the connection runs kombu's connect loop for
# broker_connection_timeout (4 s) with 2 s and 4 s sleeps, about 6 s per write. So the hand-over
# uses connections of its own, with one connect attempt and short socket timeouts, set here at
# the call site; the worker and beat keep Celery's patient connection settings and keep
# retrying on start-up.
HAND_OVER_TIMEOUT = 0.5  # seconds, for connecting to the broker and for each command
# After a failed hand-over this process does not try again for this long, so a burst of writes
# during an outage does not each pay even the short timeout. The relay ignores the pause.
BROKER_DOWN_PAUSE = 5.0  # seconds

_HAND_OVER_TRANSPORT_OPTIONS: dict[str, object] = {
    "max_retries": 0,  # kombu: one connection attempt, no retry loop
    "socket_connect_timeout": HAND_OVER_TIMEOUT,  # redis-py
    "socket_timeout": HAND_OVER_TIMEOUT,
}


@dataclass
class _HandOverState:
    """This process's hand-over connections, for one broker URL (re-made after a fork or when
    the broker URL changes), and the time until which the broker is taken to be down."""

    key: tuple[int, str] | None = None
    pool: Any = None
    broker_down_until: float = 0.0


_hand_over = _HandOverState()
_hand_over_lock = threading.Lock()


def _hand_over_pool() -> Any:
    from .tasks import deliver_notices

    app = deliver_notices.app
    key = (os.getpid(), str(app.conf.broker_write_url))
    with _hand_over_lock:
        if _hand_over.key != key:
            if _hand_over.pool is not None and _hand_over.key and _hand_over.key[0] == key[0]:
                # Same process, another broker: close ours (a forked child must not).
                _hand_over.pool.force_close_all()
            connection = app.connection_for_write(
                key[1],
                connect_timeout=HAND_OVER_TIMEOUT,
                transport_options=_HAND_OVER_TRANSPORT_OPTIONS,
            )
            _hand_over.pool = connection.Pool(limit=app.conf.broker_pool_limit)
            _hand_over.key = key
            _hand_over.broker_down_until = 0.0
        return _hand_over.pool


def hand_over_paused() -> bool:
    """Whether this process is still leaving hand-overs to the relay after a failed one."""
    return time.monotonic() < _hand_over.broker_down_until


#: Notices per broker message. One message per notice made the hand-over 77 % of a sweep
#: (issue 15: 1,500 publishes, each with its own Redis client); one message for thousands would
#: leave the other workers idle. In-app notices deliver in a few milliseconds each, so a message
#: is about a second of one worker's time.
NOTICES_PER_MESSAGE = 250


def enqueue_deliveries(ids: list[int], *, ignore_pause: bool = False) -> int:
    """Hand notices to the broker, in messages of `NOTICES_PER_MESSAGE` ids sent through one
    connection and one producer, at most one short connection attempt and no retry. If the
    broker is down nothing is lost: the notices stay pending and `notice_relay_pending` hands
    them over when it is back. Within `BROKER_DOWN_PAUSE` of a failure nothing is attempted
    unless `ignore_pause` (the relay's own call). Returns the number of notices handed over."""
    from .tasks import deliver_notices

    if not ids:
        return 0
    pool = _hand_over_pool()
    if not ignore_pause and hand_over_paused():
        logger.info("Broker recently unavailable; %d notice(s) left to the relay", len(ids))
        return 0
    sent = 0
    try:
        with pool.acquire(block=True, timeout=HAND_OVER_TIMEOUT) as connection:
            try:
                producer = deliver_notices.app.amqp.Producer(connection)
                for start in range(0, len(ids), NOTICES_PER_MESSAGE):
                    batch = list(ids[start : start + NOTICES_PER_MESSAGE])
                    deliver_notices.apply_async((batch,), retry=False, producer=producer)
                    sent += len(batch)
            except Exception:
                # Forget the broken connection; the next use connects afresh (no network I/O).
                connection.collect()
                raise
    except LimitExceeded:
        # Every hand-over connection of this process is busy: the broker is not down.
        logger.warning("No free broker connection; %d notice(s) left to the relay", len(ids))
        return 0
    except Exception as exc:
        _hand_over.broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
        logger.warning(
            "Broker unavailable (%s); %d notice(s) stay in the outbox for the relay",
            exc,
            len(ids) - sent,
        )
        return sent
    _hand_over.broker_down_until = 0.0
    return sent


def notice_deliver(*, notice_id: int) -> bool:
    """Deliver one notice exactly once: the row is locked, a delivered row is left alone,
    and the delivery and its record commit together."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None or notice.status != NoticeStatus.PENDING:
            return False
        try:
            channels.deliver(notice)
        except Exception as exc:
            attempts = notice.attempts + 1
            Notice.objects.filter(pk=notice.pk).update(
                attempts=attempts,
                last_error=str(exc)[:2000],
                next_attempt_at=timezone.now() + backoff(attempts),
                status=NoticeStatus.FAILED if attempts >= MAX_ATTEMPTS else NoticeStatus.PENDING,
            )
            logger.warning("Delivery of notice %s failed: %s", notice.pk, exc)
            return False
        Notice.objects.filter(pk=notice.pk).update(
            status=NoticeStatus.DELIVERED,
            delivered_at=timezone.now(),
            attempts=F("attempts") + 1,
            deliveries=F("deliveries") + 1,
        )
        return True


def notices_deliver(*, notice_ids: list[int]) -> int:
    """Deliver a batch, each notice exactly once and in its own transaction (`notice_deliver`),
    so one that cannot be delivered leaves the others delivered. Returns how many were."""
    delivered = 0
    for notice_id in notice_ids:
        try:
            delivered += notice_deliver(notice_id=notice_id)
        except Exception:
            # Still pending in the outbox: the relay hands it over again.
            logger.exception("Delivery of notice %s failed", notice_id)
    return delivered


def notice_relay_pending(*, limit: int = 1000) -> int:
    """Hand every pending notice whose time has come to the broker (periodic)."""
    now = timezone.now()
    ids = list(
        Notice.objects.filter(status=NoticeStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    return enqueue_deliveries(ids, ignore_pause=True)


def notice_mark_read(*, user: User, notice_id: int | None = None) -> int:
    notices = Notice.objects.filter(recipient=user, channel=Channel.IN_APP, read_at__isnull=True)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())


def unread_of(*, user: Any) -> QuerySet[Notice]:
    """The user's delivered in-app notices not yet read."""
    return Notice.objects.filter(
        recipient=user,
        channel=Channel.IN_APP,
        status=NoticeStatus.DELIVERED,
        read_at__isnull=True,
    )


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread_of(user=user).count()
