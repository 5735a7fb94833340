from django.contrib import admin

from .models import DocumentSignature, SecondFactor, SecondFactorReset


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("document", "organisation", "signed_by", "signed_at")
    readonly_fields = [f.name for f in DocumentSignature._meta.fields]

    def has_add_permission(self, request: object) -> bool:  # signatures come from the service
        return False


@admin.register(SecondFactor)
class SecondFactorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: a factor is replaced with a code from it or reset by a system administrator
    with a recorded reason (Signing factors screen), never edited or deleted here."""

    list_display = ("user", "confirmed_at", "locked_until")
    exclude = ("secret_ciphertext",)  # an administrator never needs to read a user's secret
    readonly_fields = (
        "user",
        "confirmed_at",
        "last_used_step",
        "failed_attempts",
        "failure_window_started_at",
        "locked_until",
    )

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "reset_by", "reset_at")
    readonly_fields = [f.name for f in SecondFactorReset._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
