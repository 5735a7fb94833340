"""The Celery application. Beat schedules are defined here, in one place (house style rule 6)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("teop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work. Each entry names the service it wraps; tasks are idempotent.
app.conf.beat_schedule = {
    "sweep-deadlines": {
        "task": "kernel.deadlines.tasks.sweep_deadlines",
        "schedule": 60,
    },
    "check-deadline-sweeper": {
        "task": "kernel.deadlines.tasks.check_sweeper",
        "schedule": 5 * 60,
    },
    "relay-pending-notices": {
        "task": "kernel.notices.tasks.relay_pending",
        "schedule": 30,
    },
    "audit-checkpoint": {
        "task": "kernel.audit.tasks.checkpoint",
        "schedule": 60 * 60,
    },
    "idempotency-keys-expire": {
        "task": "kernel.idempotency.tasks.expire",
        "schedule": 60 * 60,
    },
    # D-15b: SMS reminders to the person and the guarantor before the re-examination.
    "reexamination-reminders": {
        "task": "supervision.medical.tasks.send_reexamination_reminders",
        "schedule": 60 * 60,
    },
    "calendar-coverage-check": {
        "task": "kernel.workcalendar.tasks.check_calendar_coverage",
        "schedule": 6 * 60 * 60,
    },
    "guarantee-sweep": {
        "task": "supervision.guarantee.tasks.guarantee_sweep",
        "schedule": 15 * 60,
    },
}
