"""Django admin for the calendar; every save goes through the audited service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CalendarYear, OfficialDay
from .services import DayEntry, calendar_year_replace


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin[CalendarYear]):
    list_display = ("year", "source_notice", "published_on", "loaded_at", "loaded_by")
    readonly_fields = ("loaded_at", "updated_at", "loaded_by")

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        existing = [
            DayEntry(d.date, d.kind, d.name, d.region_code)
            for d in OfficialDay.objects.filter(date__year=obj.year)
        ]
        calendar_year_replace(
            year=obj.year,
            source_notice=obj.source_notice,
            published_on=obj.published_on,
            days=existing,
            actor=request.user,
        )
        obj.pk = CalendarYear.objects.get(year=obj.year).pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OfficialDay)
class OfficialDayAdmin(admin.ModelAdmin[OfficialDay]):
    list_display = ("date", "kind", "name", "region_code", "source_notice")
    list_filter = ("kind", "region_code")
    date_hierarchy = "date"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Days are entered year by year from the notice (the import screen), so a year's
        # schedule is always complete and audited as one change.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
