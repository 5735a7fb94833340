"""Thin periodic wrapper (idempotent: a second run alerts and raises nothing again)."""

from __future__ import annotations

from celery import shared_task

from .services import guarantee_sweep as _sweep


@shared_task(name="supervision.guarantee.tasks.guarantee_sweep")
def guarantee_sweep() -> dict[str, int]:
    """A leave not returned from by its last day alerts the officer (CCL Art 27); D-30 passed
    without a new guarantor raises SPC-Interp Art 516(7)."""
    return _sweep()
