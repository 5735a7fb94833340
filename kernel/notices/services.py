"""Writing notices (inside the caller's transaction) and delivering them (the relay)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

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


def notices_send(drafts: Iterable[NoticeDraft]) -> list[int]:
    """Write one notice per recipient and channel of every draft, in the current transaction
    and in one statement; the relay is asked to deliver them once the transaction commits.
    A delivery key already used is a no-op, so a repeated event never notifies twice."""
    now = timezone.now()
    rows = [
        Notice(
            delivery_key=f"{draft.key}:{user.pk}:{channel}"[:160],
            channel=channel,
            recipient=user,
            recipient_organisation_id=user.organisation_id,
            subject=draft.subject[:200],
            body=draft.body,
            link=draft.link,
            severity=draft.severity,
            next_attempt_at=now,
        )
        for draft in drafts
        for user in draft.recipients
        for channel in draft.channels
        if user.organisation_id is not None
    ]
    if not rows:
        return []
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    created = list(
        Notice.objects.filter(
            delivery_key__in=[r.delivery_key for r in rows], status=NoticeStatus.PENDING
        ).values_list("id", flat=True)
    )
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


def enqueue_deliveries(ids: list[int]) -> int:
    """Hand notices to the broker. If the broker is down nothing is lost: the notices stay
    pending and `notice_relay_pending` hands them over when it is back."""
    from .tasks import deliver_notice

    sent = 0
    for notice_id in ids:
        try:
            deliver_notice.apply_async((notice_id,), retry=False)
            sent += 1
        except Exception:
            logger.warning("Broker unavailable; notice %s stays in the outbox", notice_id)
            break
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


def notice_relay_pending(*, limit: int = 1000) -> int:
    """Hand every pending notice whose time has come to the broker (periodic)."""
    now = timezone.now()
    ids = list(
        Notice.objects.filter(status=NoticeStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    return enqueue_deliveries(ids)


def notice_mark_read(*, user: User, notice_id: int | None = None) -> int:
    notices = Notice.objects.filter(recipient=user, channel=Channel.IN_APP, read_at__isnull=True)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    return notices.update(read_at=timezone.now())


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(
        recipient=user,
        channel=Channel.IN_APP,
        status=NoticeStatus.DELIVERED,
        read_at__isnull=True,
    ).count()
