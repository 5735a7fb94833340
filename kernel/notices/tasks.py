"""Thin, idempotent wrappers: delivering a delivered notice again does nothing."""

from __future__ import annotations

from celery import shared_task

from .services import notice_deliver, notice_relay_pending, notices_deliver


@shared_task(name="kernel.notices.tasks.deliver_notice", acks_late=True)
def deliver_notice(notice_id: int) -> bool:
    """One notice (messages queued before batches existed are still understood)."""
    return notice_deliver(notice_id=notice_id)


@shared_task(name="kernel.notices.tasks.deliver_notices", acks_late=True)
def deliver_notices(notice_ids: list[int]) -> int:
    """A batch of notices, each delivered in its own transaction; re-running the batch (a
    worker lost in the middle) delivers only those still pending."""
    return notices_deliver(notice_ids=notice_ids)


@shared_task(name="kernel.notices.tasks.relay_pending")
def relay_pending() -> int:
    return notice_relay_pending()
