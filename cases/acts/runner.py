"""The one runner of legal acts (legal-spec §3): every act of every path is taken here.

In one transaction it locks the case, refuses a stale page (409), an actor without the right
(403; outside the jurisdiction the case is never found: 404), a state the law does not allow
the act in and unmet requirements (400, every article), bad input (400), then fires the
transition, writes the act's effects and the audit event. A refusal leaves the case as it was.

Pages and the API ask the same declaration what to offer: `act_allowed` and `act_missing`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from kernel.accounts.models import User
from kernel.audit.services import audit_record
from kernel.refusals import Requirement, TransitionRefused
from kernel.signing.otp import second_factor_failures_recorded

from ..models import Case
from ..services.workflow import case_lock_for_update
from .declaration import Act, Firing, Params


def act_run(
    act: Act, *, case_id: int, actor: User, expected_state: str | None, **params: Any
) -> Any:
    """Take `act` on the case as `actor`; `expected_state` is the state the actor's page or
    request showed (None only for acts that do not depend on it)."""
    if act.signed:
        return _run_signed(
            act, case_id=case_id, actor=actor, expected_state=expected_state, **params
        )
    return _run(act, case_id=case_id, actor=actor, expected_state=expected_state, **params)


@second_factor_failures_recorded  # a wrong code is counted after the act's transaction rolled back
def _run_signed(act: Act, **kwargs: Any) -> Any:
    return _run(act, **kwargs)


@transaction.atomic
def _run(act: Act, *, case_id: int, actor: User, expected_state: str | None, **params: Any) -> Any:
    case = case_lock_for_update(case_id, expected_state)
    organisation = act.may(case, actor)
    state_refusal = _state_refusal(act, case)
    if state_refusal is not None:
        raise TransitionRefused([state_refusal])
    unmet = act.requires(case, params) if act.requires else []
    if act.actor_requires is not None:
        unmet += act.actor_requires(case, actor, params)
    if unmet:
        raise TransitionRefused(unmet)
    if act.clean is not None:
        act.clean(case, params)
    before = str(case.state)
    if act.transition is not None:
        getattr(case, act.transition)()
        case.save()
    firing = Firing(
        act=act,
        case=case,
        actor=actor,
        organisation=organisation,
        params=params,
        before=before,
        action=act.audit_action,
        reason=str(params.get(act.reason_param, "")) if act.reason_param else "",
    )
    result = act.effects(firing) if act.effects is not None else case
    # An act whose transition depends on its input (grant or refuse) fires it in its effects.
    moved = act.transition is not None or str(case.state) != before
    audit_record(
        actor=actor,
        action=firing.action,
        obj=case,
        from_state=before if moved else "",
        to_state=str(case.state) if moved else "",
        reason=firing.reason,
        payload=firing.payload or None,
    )
    return result


def _state_allows(act: Act, case: Case) -> bool:
    """Whether the case is in a state `act` belongs to."""
    if act.transition is not None:
        return bool(can_proceed(getattr(case, act.transition), check_conditions=False))
    assert act.states is not None
    return case.state in act.states


def _state_refusal(act: Act, case: Case) -> Requirement | None:
    if _state_allows(act, case):
        return None
    return Requirement(
        act.article,
        _("“%(act)s” cannot be taken while the case is “%(state)s”.")
        % {"act": act.label, "state": case.get_state_display()},
    )


def act_allowed(act: Act, user: User, case: Case) -> bool:
    """Whether the page or the API offers `act` to `user` on `case` as it is now: the user may
    take it and the case is in a state the act belongs to (the requirements may still be
    unmet: `act_missing` lists them)."""
    try:
        act.may(case, user)
    except PermissionDenied:
        return False
    # Only whether: the refusal's message (a translated sentence) is not drawn up for it.
    return _state_allows(act, case)


def act_missing(
    act: Act, case: Case, params: Params | None = None, *, actor: User | None = None
) -> list[Requirement]:
    """What the law still requires before `act`, each with its article (with `actor`, also
    what it requires of that actor)."""
    missing = act.requires(case, params or {}) if act.requires else []
    if actor is not None and act.actor_requires is not None:
        missing += act.actor_requires(case, actor, params or {})
    return missing
