"""The administrator edits the illness catalogue; cases are never edited here (every change
to a case goes through its services and audit trail). Cases and offenders are listed
read-only, for system administrators only (issue 15): the page an administrator would
otherwise use, kept fast at 100,000 cases (no full count, the related rows in one join)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kernel.accounts.roles import Role

from .models import Case, IllnessCatalogueItem, Offender, ReaderSetting


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


class _ReadOnlyForSystemAdministrators(admin.ModelAdmin):  # type: ignore[type-arg]
    """Seen by system administrators only, and never changed here: a case or an offender
    changes through its services, which audit every change (house style rule 2)."""

    show_full_result_count = False  # "N of M" would count every row of the table
    list_per_page = 50

    def _is_system_admin(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_active and (user.is_superuser or Role.SYSTEM_ADMIN in user.role_codes))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_system_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return self._is_system_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(_ReadOnlyForSystemAdministrators):
    list_display = ("number", "offender", "path", "state", "opened_on", "urgent")
    list_filter = ("state", "path", "urgent", "ground_medical")
    list_select_related = ("offender",)
    search_fields = ("number", "offender__name", "=offender__id_number")
    ordering = ("-opened_on", "-id")
    raw_id_fields = ("offender", "sentence")


@admin.register(Offender)
class OffenderAdmin(_ReadOnlyForSystemAdministrators):
    list_display = ("name", "prisoner_number", "sex", "date_of_birth", "custodian")
    list_filter = ("sex",)
    list_select_related = ("custodian",)
    search_fields = ("name", "=id_number", "=prisoner_number")
    ordering = ("name", "id")
    raw_id_fields = ("custodian",)
