"""Thin, idempotent wrappers: delivering a delivered notice again does nothing."""

from __future__ import annotations

from celery import shared_task

from .services import notice_deliver, notice_relay_pending


@shared_task(name="kernel.notices.tasks.deliver_notice", acks_late=True)
def deliver_notice(notice_id: int) -> bool:
    return notice_deliver(notice_id=notice_id)


@shared_task(name="kernel.notices.tasks.relay_pending")
def relay_pending() -> int:
    return notice_relay_pending()
