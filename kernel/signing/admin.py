from django.contrib import admin

from .models import DocumentSignature, SecondFactor


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("document", "organisation", "signed_by", "signed_at")
    readonly_fields = [f.name for f in DocumentSignature._meta.fields]

    def has_add_permission(self, request: object) -> bool:  # signatures come from the service
        return False


@admin.register(SecondFactor)
class SecondFactorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "confirmed_at")
    exclude = ("secret",)  # an administrator never needs to read a user's secret
    readonly_fields = ("user", "confirmed_at", "last_used_step")
