"""Thin periodic wrapper over the sweeper (idempotent: a second run fires nothing)."""

from __future__ import annotations

from celery import shared_task

from .services import sweep


@shared_task(name="kernel.deadlines.tasks.sweep_deadlines")
def sweep_deadlines() -> dict[str, int]:
    run = sweep()
    return {"rungs_fired": run.rungs_fired, "marked_overdue": run.marked_overdue}
