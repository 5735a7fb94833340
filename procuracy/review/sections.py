"""The lane section of the supervisory acts (`procuracy.lane`): the records taken so far
(attendance, the seven-point review, reports up, the re-examination supervised, the files
consulted, re-assessments) and the forms of the acts this user may take. The suggestion to
imprison (P11) is offered as a link to its form on the community page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from approvals.models import ProcuratorialObjection
from cases.acts.declaration import Act
from cases.acts.runner import act_allowed
from cases.choices import designated_hospital_choices
from cases.models import Case, CaseState
from kernel.http import AuthenticatedHttpRequest
from supervision.revocation.acts import REVOCATION_SUGGEST

from ..lane import LaneSection, lane_acts_offered, lane_section_register
from . import acts as A
from .forms import (
    AttendanceForm,
    DecisionReviewForm,
    FilesConsultationForm,
    ObjectionReportDecideForm,
    ObjectionReportForm,
    ReassessmentRequireForm,
    ReassessmentResultForm,
    ReexaminationSuperviseForm,
)
from .models import (
    AssessmentAttendance,
    DecisionReview,
    FilesConsultation,
    ObjectionReport,
    Reassessment,
    ReexaminationSupervision,
)


def open_reports(case: Case, organisation_id: int | None) -> QuerySet[ObjectionReport]:
    return ObjectionReport.objects.filter(
        case=case, upper_id=organisation_id, decided_at__isnull=True
    ).select_related("procuratorate")


def reexamined(case: Case) -> QuerySet[ProcuratorialObjection]:
    return ProcuratorialObjection.objects.filter(decision__case=case).exclude(outcome="")


def pending_reassessments(case: Case, organisation_id: int | None) -> QuerySet[Reassessment]:
    return Reassessment.objects.filter(
        case=case, procuratorate_id=organisation_id, result_recorded_at__isnull=True
    )


def report_prefill(case: Case, organisation_id: int | None) -> str:
    """The points the procuratorate's last review found not conforming (P5 feeds P6)."""
    review = (
        DecisionReview.objects.filter(case=case, procuratorate_id=organisation_id)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    if review is None:
        return ""
    return "\n".join(f"{p['label']}：{p['note']}" for p in review.not_conforming())


#: act name → (route name in the procuracy namespace, form class, form kwargs for the case
#: and the user's organisation).
FORMS: dict[str, tuple[str, Callable[..., Any], Callable[[Case, int | None], dict[str, Any]]]] = {
    A.ASSESSMENT_ATTENDANCE_RECORD.name: ("review_attendance", AttendanceForm, lambda c, o: {}),
    A.DECISION_REVIEW_RECORD.name: ("review_decision", DecisionReviewForm, lambda c, o: {}),
    A.OBJECTION_REPORT_UP.name: ("review_report_up", ObjectionReportForm, lambda c, o: {}),
    A.OBJECTION_REPORT_DECIDE.name: (
        "review_report_decide",
        ObjectionReportDecideForm,
        lambda c, o: {"reports": open_reports(c, o)},
    ),
    A.REEXAMINATION_SUPERVISE.name: (
        "review_reexamination",
        ReexaminationSuperviseForm,
        lambda c, o: {"objections": reexamined(c)},
    ),
    A.FILES_CONSULTATION_RECORD.name: ("review_files", FilesConsultationForm, lambda c, o: {}),
    A.REASSESSMENT_REQUIRE.name: (
        "review_reassessment",
        ReassessmentRequireForm,
        lambda c, o: {"hospitals": designated_hospital_choices(c)},
    ),
    A.REASSESSMENT_RESULT_RECORD.name: (
        "review_reassessment_result",
        ReassessmentResultForm,
        lambda c, o: {"reassessments": pending_reassessments(c, o)},
    ),
}


def _blank(act: Act, case: Case, organisation_id: int | None) -> Callable[[], Any]:
    _route, form_class, kwargs = FORMS[act.name]
    initial: dict[str, Any] = {"expected_state": case.state}
    if act is A.OBJECTION_REPORT_UP:
        initial["reasons"] = report_prefill(case, organisation_id)
    return lambda: form_class(initial=initial, **kwargs(case, organisation_id))


def _context(
    request: AuthenticatedHttpRequest, case: Case, forms: Mapping[str, Any]
) -> dict[str, Any] | None:
    org = request.user.organisation_id
    offered = lane_acts_offered(
        request,
        case,
        forms,
        [(act, FORMS[act.name][0], _blank(act, case, org)) for act in A.REVIEW_ACTS.values()],
    )
    suggest = None
    if case.state == CaseState.UNDER_SUPERVISION and act_allowed(
        REVOCATION_SUGGEST, request.user, case
    ):
        suggest = {
            "act": REVOCATION_SUGGEST,
            "url": reverse("supervision:community", args=[case.pk]) + "#act-revocation_suggest",
        }
    records = {
        "attendances": list(
            AssessmentAttendance.objects.filter(case=case).select_related("procuratorate")
        ),
        "reviews": list(DecisionReview.objects.filter(case=case).select_related("procuratorate")),
        "reports": list(
            ObjectionReport.objects.filter(case=case).select_related("procuratorate", "upper")
        ),
        "supervisions": list(
            ReexaminationSupervision.objects.filter(case=case).select_related(
                "procuratorate", "reported_to"
            )
        ),
        "consultations": list(
            FilesConsultation.objects.filter(case=case).select_related("procuratorate")
        ),
        "reassessments": list(
            Reassessment.objects.filter(case=case).select_related("procuratorate", "result")
        ),
    }
    if not offered and suggest is None and not any(records.values()):
        return None
    return {"acts": offered, "suggest": suggest, **records}


REVIEW_SECTION = lane_section_register(
    LaneSection(
        key="review",
        title=_("Supervisory acts"),
        template="procuracy/review/_section.html",
        order=40,
        context=_context,
    )
)
