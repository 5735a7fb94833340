from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Organisation, ProcuratorialAssignment, RoleGrant, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = (
        "name",
        "abbreviation",
        "type",
        "level",
        "court_level",
        "region_code",
        "parent",
        "is_active",
    )
    list_filter = ("type", "level")
    search_fields = ("name", "short_name", "abbreviation", "region_code")
    autocomplete_fields = ("parent",)


@admin.register(ProcuratorialAssignment)
class ProcuratorialAssignmentAdmin(admin.ModelAdmin[ProcuratorialAssignment]):
    list_display = ("procuratorate", "supervised", "mode")
    list_filter = ("mode",)


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ("username", "full_name", "organisation", "is_active")
    list_filter = ("is_active", "organisation__type")
    search_fields = ("username", "full_name")
    inlines = [RoleGrantInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("TEOP", {"fields": ("organisation", "full_name", "phone")}),
    )
