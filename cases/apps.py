from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kernel.audit.labels import action_label_source_register, state_label_source_register


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # The declared acts register themselves: the API and the enumeration test read them.
        from .acts import eligibility, hospital, investigation, opinions, proposal, records  # noqa: F401
        from .labels import act_label_of_action, case_state_label

        # Audit screens name acts and states in words (issue 14).
        action_label_source_register(act_label_of_action)
        state_label_source_register(case_state_label)
