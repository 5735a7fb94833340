"""Thin periodic wrapper over the sweeper (idempotent: a second run fires nothing)."""

from __future__ import annotations

from celery import shared_task

from .services import sweep, sweeper_alert_if_stale


@shared_task(name="kernel.deadlines.tasks.sweep_deadlines")
def sweep_deadlines() -> dict[str, int]:
    run = sweep()
    return {"rungs_fired": run.rungs_fired, "marked_overdue": run.marked_overdue}


@shared_task(name="kernel.deadlines.tasks.check_sweeper")
def check_sweeper() -> bool:
    """Runs on its own schedule so a stuck sweep still gets reported."""
    return sweeper_alert_if_stale()
