from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the enumeration test read them.
        from .acts import eligibility, investigation, opinions, proposal, records  # noqa: F401
