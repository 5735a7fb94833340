"""Thin periodic wrappers over the calendar services."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from .models import CalendarYear

logger = logging.getLogger(__name__)


@shared_task(name="kernel.workcalendar.tasks.check_calendar_coverage")
def check_calendar_coverage() -> dict[str, object]:
    """Warn when next year's schedule is missing once the State Council usually publishes it.

    Idempotent: it only reads. The deadline engine (issue 3) turns this into an alert.
    """
    today = timezone.localdate()
    loaded = set(CalendarYear.objects.values_list("year", flat=True))
    missing = [y for y in (today.year, today.year + 1) if y not in loaded]
    if today.year in missing or (missing and today >= dt.date(today.year, 11, 1)):
        logger.warning("Official working-day calendar not loaded for %s", missing)
    return {"checked_on": today.isoformat(), "missing": missing}
