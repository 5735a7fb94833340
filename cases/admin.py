"""The administrator edits the illness catalogue; cases are never edited here (every change
to a case goes through its services and audit trail)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Case, IllnessCatalogueItem, ReaderSetting


@admin.register(IllnessCatalogueItem)
class IllnessCatalogueItemAdmin(admin.ModelAdmin[IllnessCatalogueItem]):
    list_display = ("code", "version", "category", "name_zh", "confirmed", "is_active")
    list_filter = ("version", "confirmed", "is_active")
    search_fields = ("code", "name_zh", "name_en")


@admin.register(ReaderSetting)
class ReaderSettingAdmin(admin.ModelAdmin[ReaderSetting]):
    """Whether a procuratorate's opinion needs every document read in the dossier reader."""

    list_display = ("organisation", "opinion_requires_all_viewed", "updated_at")
    list_filter = ("opinion_requires_all_viewed",)
    autocomplete_fields = ("organisation",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    """Read-only: the page an administrator would otherwise use to find a case (the load
    test's comparison, bench/load.py). Every change goes through the case's services."""

    list_display = ("number", "offender", "state", "path", "opened_on")
    list_select_related = ("offender",)
    list_filter = ("state", "path")
    search_fields = ("number",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False
