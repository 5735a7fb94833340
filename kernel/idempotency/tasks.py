"""Thin periodic wrapper (idempotent: a second run removes nothing more)."""

from __future__ import annotations

from celery import shared_task

from .services import idempotent_requests_expire


@shared_task(name="kernel.idempotency.tasks.expire")
def expire() -> int:
    return idempotent_requests_expire()
