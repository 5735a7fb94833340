"""The POSTs of the correction section: each takes one declared act through the one runner and
answers on the community page (`supervision.community.community_act`)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act
from .acts import PLAN_ADJUST, PLAN_ADOPT, TEAM_MEMBER_ADD, TEAM_MEMBER_REMOVE, VERIFICATION_RECORD
from .forms import (
    PlanAdjustForm,
    PlanForm,
    TeamMemberAddForm,
    TeamMemberRemoveForm,
    VerificationForm,
)
from .selectors import team_members_active


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def team_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="correction_team_add",
        act=TEAM_MEMBER_ADD,
        form_class=TeamMemberAddForm,
        done=_("The member joined the correction team."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def team_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="correction_team_remove",
        act=TEAM_MEMBER_REMOVE,
        form_class=TeamMemberRemoveForm,
        form_kwargs={"members": team_members_active(pk)},
        params=lambda data: {**data, "member": data["member"].pk},
        done=_("The member left the correction team."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def plan_adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="correction_plan_adopt",
        act=PLAN_ADOPT,
        form_class=PlanForm,
        done=_("The correction plan is adopted; the first verification is due at its grade."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def plan_adjust(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="correction_plan_adjust",
        act=PLAN_ADJUST,
        form_class=PlanAdjustForm,
        done=_("The correction plan is adjusted."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def verification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key="correction_verification",
        act=VERIFICATION_RECORD,
        form_class=VerificationForm,
        done=_("Verification recorded; the next one is due at the grade's frequency."),
    )
