"""The section this part adds to the community-correction page (`supervision.sections`): the
correction team, the plan with its grade, the field verification log with the next due date,
and the acts' forms for the executing CCI's officers (others see the section read-only). A
juvenile's identity is drawn only for those `identity_visible` lets see it (CCL Art 54)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..sections import Section, act_offer, section_register
from .acts import (
    PLAN_ADJUST,
    PLAN_ADOPT,
    TEAM_MEMBER_ADD,
    TEAM_MEMBER_REMOVE,
    VERIFICATION_RECORD,
    current_guarantor_name,
    verification_due,
)
from .confidentiality import id_number_for, identity_visible, is_juvenile, person_name_for
from .forms import (
    PlanAdjustForm,
    PlanForm,
    TeamMemberAddForm,
    TeamMemberRemoveForm,
    VerificationForm,
)
from .models import TeamRole
from .selectors import team_members_active

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def correction_context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any]:
    initial = {"expected_state": case.state}
    members = record.team_members.select_related(None).all()
    active = [m for m in members if m.left_on is None]
    plans = list(record.plans.all())
    plan = plans[0] if plans else None
    guarantor = current_guarantor_name(record)
    add_initial = dict(initial)
    if guarantor and not any(m.role == TeamRole.GUARANTOR and m.name == guarantor for m in active):
        add_initial.update(role=TeamRole.GUARANTOR, name=guarantor)
    if plan is not None:
        plan_initial = {
            **initial,
            "situation": plan.situation,
            "measures": plan.measures,
            "grade": plan.grade,
        }
    else:
        plan_initial = {**initial, "grade": record.grade}
    offers = [
        act_offer(
            request,
            case,
            key="correction_team_add",
            act=TEAM_MEMBER_ADD,
            form=forms.get("correction_team_add_form") or TeamMemberAddForm(initial=add_initial),
            url_name="supervision:correction_team_add",
        ),
        act_offer(
            request,
            case,
            key="correction_team_remove",
            act=TEAM_MEMBER_REMOVE,
            form=forms.get("correction_team_remove_form")
            or TeamMemberRemoveForm(initial=initial, members=team_members_active(case.pk)),
            url_name="supervision:correction_team_remove",
        )
        if active
        else None,
        act_offer(
            request,
            case,
            key="correction_plan_adopt",
            act=PLAN_ADOPT,
            form=forms.get("correction_plan_adopt_form") or PlanForm(initial=plan_initial),
            url_name="supervision:correction_plan_adopt",
        )
        if plan is None
        else act_offer(
            request,
            case,
            key="correction_plan_adjust",
            act=PLAN_ADJUST,
            form=forms.get("correction_plan_adjust_form") or PlanAdjustForm(initial=plan_initial),
            url_name="supervision:correction_plan_adjust",
        ),
        act_offer(
            request,
            case,
            key="correction_verification",
            act=VERIFICATION_RECORD,
            form=forms.get("correction_verification_form") or VerificationForm(initial=initial),
            url_name="supervision:correction_verification",
        ),
    ]
    juvenile = is_juvenile(record)
    return {
        "record": record,
        "juvenile": juvenile,
        "identity_visible": identity_visible(request.user, record),
        "person_name": person_name_for(request.user, record),
        "person_id_number": id_number_for(request.user, record),
        "members": active,
        "former_members": [m for m in members if m.left_on is not None],
        "plan": plan,
        "earlier_plans": plans[1:],
        "verifications": record.verifications.select_related("officer", "evidence")[:50],
        "next_due": verification_due(case),
        "acts": [offer for offer in offers if offer is not None],
    }


CORRECTION_SECTION = section_register(
    Section(
        key="correction",
        title=_("Correction team, plan and verifications"),
        template="supervision/correction/_section.html",
        order=20,
        context=correction_context,
    )
)
