"""Thin periodic wrapper over the reminder service (idempotent: a rerun sends nothing twice;
scheduled in `config/celery_app.py`)."""

from __future__ import annotations

from celery import shared_task

from .services import reexamination_reminders_send


@shared_task(name="supervision.medical.tasks.send_reexamination_reminders")
def send_reexamination_reminders() -> dict[str, int]:
    run = reexamination_reminders_send()
    return {"sent": run.sent, "skipped": run.skipped}
