from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Community supervision")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the enumeration test read them.
        from . import acts, community_acts  # noqa: F401
        from .caseload import sections as _caseload_sections  # noqa: F401
        from .correction import acts as _correction  # noqa: F401
        from .discipline import acts as _discipline  # noqa: F401
        from .guarantee import acts as _guarantee  # noqa: F401
        from .medical import acts as _medical  # noqa: F401
        from .selfreport import acts as _selfreport  # noqa: F401
