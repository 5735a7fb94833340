from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "kernel.deadlines"
    label = "deadlines"
    verbose_name = _("Statutory deadlines")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the calendar-change listener
