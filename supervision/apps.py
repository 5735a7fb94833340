from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Community supervision")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the enumeration test read them.
        from . import acts, community_acts  # noqa: F401
