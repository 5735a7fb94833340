"""Words for the codes the audit trail keeps: each declared act by its label, each case state
by its label (registered with `kernel.audit.labels` in `CasesConfig.ready`)."""

from __future__ import annotations

from django.utils.functional import Promise


def act_label_of_action(action: str) -> str | Promise | None:
    from .acts.registry import ACTS

    for act in ACTS.values():
        if act.audit_action == action:
            return act.label
    return None


def case_state_label(state: str) -> str | Promise | None:
    from .models import CaseState

    try:
        return CaseState(state).label
    except ValueError:
        return None
