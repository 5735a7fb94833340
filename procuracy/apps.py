from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcuracyConfig(AppConfig):
    name = "procuracy"
    verbose_name = _("Procuratorial supervision")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the battery read the registry.
        from .imports import sections as _imports  # noqa: F401
        from .receipt import acts as _receipt  # noqa: F401
        from .rectification import acts as _rectification  # noqa: F401
        from .review import acts as _review  # noqa: F401
