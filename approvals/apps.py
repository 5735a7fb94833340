from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approvals")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the enumeration test read them.
        from . import acts, court  # noqa: F401
