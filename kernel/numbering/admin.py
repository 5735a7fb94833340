from django.contrib import admin

from .models import NumberSeries


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin[NumberSeries]):
    list_display = ("organisation", "series", "year", "last")
    list_filter = ("year", "series")
    # The counters are moved only by issuing numbers; an edit here could reissue a number.
    readonly_fields = ("organisation", "series", "year", "last")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
