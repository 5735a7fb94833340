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

        # Revocation and return to custody (issue 12).
        from .custody import acts as _custody  # noqa: F401
        from .discipline import acts as _discipline  # noqa: F401
        from .guarantee import acts as _guarantee  # noqa: F401
        from .imprisonment import acts as _imprisonment  # noqa: F401
        from .medical import acts as _medical  # noqa: F401
        from .newcrime import acts as _newcrime  # noqa: F401
        from .recalculation import acts as _recalculation  # noqa: F401
        from .revocation import acts as _revocation  # noqa: F401
        from .selfreport import acts as _selfreport  # noqa: F401
