"""Views of the supervisory acts: each POST takes one declared act through the runner and
answers on the procurator's lane (a refusal draws the lane again with the form)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.acts.runner import act_run
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..lane import lane_render
from .acts import REVIEW_ACTS
from .sections import FORMS


def _act_view(name: str) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    act = REVIEW_ACTS[name]
    _route, form_class, form_kwargs = FORMS[name]

    @role_required([Role.PROCURATOR])
    @require_http_methods(["POST"])
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = case_get_for_user(user=request.user, pk=pk)
        act.may(case, request.user)
        form = form_class(
            request.POST, request.FILES, **form_kwargs(case, request.user.organisation_id)
        )
        key = f"{name}_form"
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below."))
            return lane_render(request, case, 400, **{key: form})
        data = form.params() if hasattr(form, "params") else dict(form.cleaned_data)
        lane = reverse("procuracy:lane", args=[case.pk])
        return run_service(
            request,
            case,
            lambda: act_run(act, case_id=case.pk, actor=request.user, **data),
            done=_("Recorded: %(act)s.") % {"act": act.label},
            success_url=f"{lane}#section-review",
            page=lambda status: lane_render(request, case, status, **{key: form}),
        )

    view.__name__ = name
    return view


attendance = _act_view("assessment_attendance_record")
decision_review = _act_view("decision_review_record")
report_up = _act_view("objection_report_up")
report_decide = _act_view("objection_report_decide")
reexamination = _act_view("reexamination_supervise")
files = _act_view("files_consultation_record")
reassessment = _act_view("reassessment_require")
reassessment_result = _act_view("reassessment_result_record")
