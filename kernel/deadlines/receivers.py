"""Recompute open deadlines when an administrator loads or corrects a calendar year."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from kernel.workcalendar.signals import calendar_year_changed


@receiver(calendar_year_changed, dispatch_uid="deadlines-recompute-on-calendar-change")
def recompute_on_calendar_change(sender: Any, year: int, actor: Any, **kwargs: Any) -> None:
    from .services import deadlines_recompute_for_year

    deadlines_recompute_for_year(year=year, actor=actor)
