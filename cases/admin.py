"""The administrator edits the illness catalogue; cases are never edited here (every change
to a case goes through its services and audit trail)."""

from __future__ import annotations

from django.contrib import admin

from .models import IllnessCatalogueItem, ReaderSetting


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
