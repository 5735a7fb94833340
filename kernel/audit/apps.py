from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kernel.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from .dbroles import grant_after_migrate
        from .partitions import ensure_after_migrate

        # After every migrate: tables of other apps' later migrations, or a role created
        # after the migrations ran, get the application role's grants too.
        # The partitions for this year and the next ones exist before they are needed; then
        # the grants (which also withhold every privilege on the partitions).
        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="audit-partitions")
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="audit-app-role")
