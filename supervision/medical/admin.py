"""The registry of designated hospitals in the Django admin, for system administrators: every
save or delete writes the hospital's designation span through the registry service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kernel.accounts.roles import Role

from .models import HospitalListing
from .registry import hospital_designation_sync


@admin.register(HospitalListing)
class HospitalListingAdmin(admin.ModelAdmin[HospitalListing]):
    list_display = (
        "hospital",
        "province",
        "certifies_illness",
        "certifies_pregnancy",
        "certifies_self_care",
        "reexamines",
        "listed_from",
        "listed_until",
        "listing_document",
    )
    list_filter = ("province", "reexamines", "certifies_pregnancy", "certifies_self_care")
    search_fields = ("hospital__name", "listing_document")
    raw_id_fields = ("hospital",)

    # Only the system administrators keep the lists (a staff flag alone is not enough).
    def _keeper(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active
            and user.is_staff
            and (user.is_superuser or Role.SYSTEM_ADMIN in user.role_codes)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._keeper(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._keeper(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._keeper(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._keeper(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._keeper(request)

    def save_model(
        self, request: HttpRequest, obj: HospitalListing, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        hospital_designation_sync(obj.hospital)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        hospitals = {listing.hospital for listing in queryset.select_related("hospital")}
        super().delete_queryset(request, queryset)
        for hospital in hospitals:
            hospital_designation_sync(hospital)

    def delete_model(self, request: HttpRequest, obj: HospitalListing) -> None:
        hospital = obj.hospital
        super().delete_model(request, obj)
        hospital_designation_sync(hospital)
