"""The administrator edits the illness catalogue; cases are never edited here (every change
to a case goes through its services and audit trail)."""

from __future__ import annotations

from django.contrib import admin

from .models import IllnessCatalogueItem


@admin.register(IllnessCatalogueItem)
class IllnessCatalogueItemAdmin(admin.ModelAdmin[IllnessCatalogueItem]):
    list_display = ("code", "version", "category", "name_zh", "confirmed", "is_active")
    list_filter = ("version", "confirmed", "is_active")
    search_fields = ("code", "name_zh", "name_en")
