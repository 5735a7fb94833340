"""Thin wrappers over the audit services for beat (config/celery_app.py)."""

from __future__ import annotations

from celery import shared_task

from .checkpoints import audit_checkpoint


@shared_task(name="kernel.audit.tasks.checkpoint")
def checkpoint() -> int:
    """Idempotent: when no head moved since the last checkpoint, nothing is written."""
    return audit_checkpoint().number
