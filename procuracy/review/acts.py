"""The procuratorate's supervisory acts on one case (legal-spec §3.5), declared once:

- `assessment_attendance_record` (P1, P2014 Art 8 ¶3): attending the diagnosis, examination or
  identification the procuratorate was informed of;
- `decision_review_record` (P5, P2014 Art 14; SPP-Rules Art 631): the seven-point review of
  the decision on receipt; "no objection" meets the month to object (D-10);
- `objection_report_up` / `objection_report_decide` (P6, P2014 Art 30; SPP-Rules Art 632): a
  procuratorate not at the deciding organ's level reports up at once; the one at that level
  raises the objection (the act `objection_file` of `approvals`, run by the runner) or declines
  with reasons;
- `reexamination_supervise` (P7/P8, P2014 Art 30; SPP-Rules Art 633): the finding on the
  re-examination's result; unlawful → a written rectification opinion is called for and the
  finding is reported to the upper procuratorate;
- `files_consultation_record`, `reassessment_require`, `reassessment_result_record` (P10,
  P2014 Art 31): consulting the files, requiring a re-diagnosis, re-examination or
  re-identification, and its result kept as evidence of the case.

The suggestion to imprison (P11, DOC-29) is `revocation_suggest` of `supervision.revocation`;
the lane offers it, nothing here repeats it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from approvals.models import ProcuratorialObjection
from cases.acts.declaration import Act, Firing, Params
from cases.acts.opinions import procurator_of
from cases.acts.registry import ACTS, acts_register
from cases.acts.runner import act_run
from cases.choices import DESIGNATED_HOSPITAL, choice_require, designated_hospital_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState, EvidenceKind, ProcuratorateCopy
from cases.services.workflow import evidence_store
from kernel.accounts.models import Organisation, ProcuratorialAssignment, User
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES, OrganisationType, Role
from kernel.bounds import PAST_EVENT
from kernel.deadlines.services import deadline_meet
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement, TransitionRefused

from .models import (
    AssessmentAttendance,
    AssessmentKind,
    DecisionReview,
    FilesConsultation,
    Finding,
    ObjectionReport,
    Reassessment,
    ReexaminationSupervision,
    ReviewConclusion,
    ReviewPoint,
)

ART_ATTEND = "P2014 Art 8 ¶3"
ART_REVIEW = "P2014 Art 14; SPP-Rules Art 631"
ART_REPORT = "P2014 Art 30; SPP-Rules Art 632"
ART_REEXAMINE = "P2014 Art 30; SPP-Rules Art 633"
ART_FILES = "P2014 Art 31"
_ACTIVE = frozenset(CaseState.values) - {CaseState.NOT_PROPOSED}
_PROCURATORIAL = (Capacity.PROCURATORATE, Capacity.DECISION_PROCURATORATE)


def lane_url(case: Case) -> str:
    return reverse("procuracy:lane", args=[case.pk])


def reviewing_procuratorate_of(case: Case, actor: User) -> Organisation:
    """A procurator of a procuratorate of the case: the one supervising the institution or the
    one at the deciding organ's level (legal-spec E-30)."""
    procuratorate = next(
        (
            p.organisation
            for p in case.participants.all()
            if p.capacity in _PROCURATORIAL and p.organisation_id == actor.organisation_id
        ),
        None,
    )
    if Role.PROCURATOR not in actor.role_codes or procuratorate is None:
        raise PermissionDenied(_("Only a procuratorate supervising this case takes this act."))
    return procuratorate


def upper_procurator_of(case: Case, actor: User) -> Organisation:
    """A procurator of the procuratorate at the deciding organ's level (SPP-Rules Art 632): it
    decides on the reports made to it."""
    procuratorate = next(
        (
            p.organisation
            for p in case.participants.all()
            if p.capacity == Capacity.DECISION_PROCURATORATE
            and p.organisation_id == actor.organisation_id
        ),
        None,
    )
    if Role.PROCURATOR not in actor.role_codes or procuratorate is None:
        raise PermissionDenied(
            _("Only the procuratorate at the deciding organ's level decides on a report.")
        )
    return procuratorate


def _notify(organisation: Organisation, roles: Any, case: Case, key: str, subject: str, body: str):
    notice_send_to_role(
        organisation_id=organisation.pk,
        roles=list(roles),
        key=key,
        subject=subject,
        body=body[:500],
        link=lane_url(case),
        severity="warning",
    )


def _text(params: Params, *fields: str) -> None:
    missing = {
        f: _("This cannot be left empty.") for f in fields if not str(params.get(f) or "").strip()
    }
    if missing:
        raise ValidationError(missing)


def _decision_requires(article: str) -> Any:
    def requires(case: Case, params: Params) -> list[Requirement]:
        decision = case.decision
        if decision is None or not decision.approved:
            return [
                Requirement(
                    article,
                    _("There is no decision approving temporary execution outside prison yet."),
                )
            ]
        return []

    return requires


# P1: attending the assessment (P2014 Art 8 ¶3).


def _attendance_requires(case: Case, params: Params) -> list[Requirement]:
    informed = (
        case.procuratorate_copies.in_force()
        .filter(stage=ProcuratorateCopy.Stage.ASSESSMENT)
        .exists()
    )
    if informed:
        return []
    return [
        Requirement(
            ART_ATTEND,
            _("The procuratorate has not been informed of the assessment of this case."),
        )
    ]


def _attendance_clean(case: Case, params: Params) -> None:
    _text(params, "procurators", "place", "observations")


def _attended(firing: Firing) -> AssessmentAttendance:
    p = firing.params
    record = AssessmentAttendance.objects.create(
        case=firing.case,
        procuratorate=firing.organisation,
        recorded_by=firing.actor,
        assessment=p["assessment"],
        attended_on=p["attended_on"],
        procurators=p["procurators"],
        place=p["place"],
        observations=p["observations"],
        irregularities=p.get("irregularities") or "",
    )
    firing.payload.update(attendance_id=record.pk, irregularities=bool(record.irregularities))
    return record


class AttendanceParams(serializers.Serializer[Any]):
    assessment = serializers.ChoiceField(
        choices=AssessmentKind.choices, help_text="Diagnosis, examination or identification."
    )
    attended_on = serializers.DateField(validators=[PAST_EVENT], help_text="The day attended.")
    procurators = serializers.CharField(max_length=200, help_text="The attending procurators.")
    place = serializers.CharField(max_length=200, help_text="Where it took place.")
    observations = serializers.CharField(max_length=8000, help_text="What was observed.")
    irregularities = serializers.CharField(
        max_length=8000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Irregularities found, if any.",
    )


class AttendanceResult(serializers.ModelSerializer[AssessmentAttendance]):
    class Meta:
        model = AssessmentAttendance
        fields = [
            "id",
            "procuratorate",
            "assessment",
            "attended_on",
            "procurators",
            "place",
            "observations",
            "irregularities",
        ]


ASSESSMENT_ATTENDANCE_RECORD = Act(
    name="assessment_attendance_record",
    label=gettext_lazy("Record attending the assessment"),
    article=ART_ATTEND,
    may=procurator_of,
    states=_ACTIVE,
    requires=_attendance_requires,
    clean=_attendance_clean,
    effects=_attended,
    audit="procuracy.assessment_attendance",
    params=AttendanceParams,
    result=AttendanceResult,
    example={
        "assessment": "diagnosis",
        "attended_on": "2026-02-20",
        "procurators": "王检察官、李检察官",
        "place": "省监狱中心医院",
        "observations": "诊断医师二名到场，罪犯本人在场，检查项目与病历一致。",
        "irregularities": "",
    },
)


# P5: the seven-point review of the decision (P2014 Art 14; SPP-Rules Art 631).


def _review_clean(case: Case, params: Params) -> None:
    findings = params.get("findings") or {}
    missing = [p.value for p in ReviewPoint if p.value not in findings]
    if missing:
        raise ValidationError({"findings": _("Give a finding on each of the seven points.")})
    for point, found in findings.items():
        if point not in ReviewPoint.values or found.get("finding") not in Finding.values:
            raise ValidationError({"findings": _("Unknown point or finding.")})
        if found["finding"] == Finding.NOT_CONFORMS and not str(found.get("note") or "").strip():
            raise ValidationError({"findings": _("Explain each point found not to conform.")})
    wrong = any(f["finding"] == Finding.NOT_CONFORMS for f in findings.values())
    if params.get("conclusion") == ReviewConclusion.NO_OBJECTION and wrong:
        raise ValidationError(
            {"conclusion": _("A point found not to conform calls for an objection.")}
        )


def _reviewed(firing: Firing) -> DecisionReview:
    case, p = firing.case, firing.params
    review = DecisionReview.objects.create(
        case=case,
        procuratorate=firing.organisation,
        recorded_by=firing.actor,
        decision=case.decision,
        reviewed_on=p["reviewed_on"],
        findings={
            k: {"finding": v["finding"], "note": str(v.get("note") or "")}
            for k, v in p["findings"].items()
        },
        conclusion=p["conclusion"],
    )
    firing.payload.update(review_id=review.pk, conclusion=review.conclusion)
    if review.conclusion == ReviewConclusion.NO_OBJECTION:
        deadline_meet(
            subject=case, code="D-10", event="decision reviewed: no objection", actor=firing.actor
        )
    return review


class ReviewFindingParams(serializers.Serializer[Any]):
    finding = serializers.ChoiceField(
        choices=Finding.choices, help_text="Conforms, does not conform, or not applicable."
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionReviewParams(serializers.Serializer[Any]):
    reviewed_on = serializers.DateField(validators=[PAST_EVENT], help_text="The review's date.")
    findings = serializers.DictField(
        child=ReviewFindingParams(),
        help_text="Each point of SPP-Rules Art 631 (sentence, illness, pregnancy, self_care, "
        "danger, organ, procedure) with its finding and a note.",
    )
    conclusion = serializers.ChoiceField(
        choices=ReviewConclusion.choices, help_text="No objection, or an objection is warranted."
    )


class DecisionReviewResult(serializers.ModelSerializer[DecisionReview]):
    class Meta:
        model = DecisionReview
        fields = ["id", "procuratorate", "decision", "reviewed_on", "findings", "conclusion"]


_EXAMPLE_FINDINGS = {
    p.value: {"finding": "conforms", "note": ""} for p in ReviewPoint if p != ReviewPoint.PREGNANCY
} | {"pregnancy": {"finding": "not_applicable", "note": "男性罪犯"}}

DECISION_REVIEW_RECORD = Act(
    name="decision_review_record",
    label=gettext_lazy("Review the decision (seven points)"),
    article=ART_REVIEW,
    may=reviewing_procuratorate_of,
    states=_ACTIVE,
    requires=_decision_requires("P2014 Art 14"),
    clean=_review_clean,
    effects=_reviewed,
    audit="procuracy.decision_review",
    params=DecisionReviewParams,
    result=DecisionReviewResult,
    example={
        "reviewed_on": "2026-03-30",
        "findings": _EXAMPLE_FINDINGS,
        "conclusion": "no_objection",
    },
)


# P6: a lower procuratorate reports up; the upper one decides (P2014 Art 30; SPP-Rules Art 632).


def upper_procuratorate_of(case: Case) -> Organisation | None:
    """The procuratorate at the deciding organ's level: the case's participant in that
    capacity, or the one supervising the deciding organ at the same level."""
    upper = case.participant(Capacity.DECISION_PROCURATORATE)
    if upper is not None:
        return upper
    decision = case.decision
    if decision is None:
        return None
    assignment = (
        ProcuratorialAssignment.objects.filter(
            supervised_id=decision.authority_id, mode=ProcuratorialAssignment.Mode.SAME_LEVEL
        )
        .select_related("procuratorate")
        .first()
    )
    return assignment.procuratorate if assignment is not None else None


def _report_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _decision_requires(ART_REPORT)(case, params)
    if not unmet and upper_procuratorate_of(case) is None:
        unmet.append(
            Requirement(ART_REPORT, _("No procuratorate at the deciding organ's level is known."))
        )
    return unmet


def _report_clean(case: Case, params: Params) -> None:
    _text(params, "reasons")


def _reported(firing: Firing) -> ObjectionReport:
    case, actor = firing.case, firing.actor
    upper = upper_procuratorate_of(case)
    assert upper is not None  # required
    if upper.pk == firing.organisation.pk:
        raise TransitionRefused(
            [
                Requirement(
                    ART_REPORT,
                    _(
                        "Your procuratorate is at the deciding organ's level: object to the "
                        "decision directly."
                    ),
                )
            ]
        )
    review = (
        DecisionReview.objects.filter(case=case, procuratorate=firing.organisation)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    report = ObjectionReport.objects.create(
        case=case,
        procuratorate=firing.organisation,
        recorded_by=actor,
        upper=upper,
        review=review,
        reasons=firing.params["reasons"],
    )
    if not case.participants.filter(organisation=upper).exists():
        CaseParticipant.objects.create(
            case=case, organisation=upper, capacity=Capacity.DECISION_PROCURATORATE
        )
    firing.payload.update(report_id=report.pk, upper=upper.pk)
    body = report.reasons
    if review is not None and review.not_conforming():
        body += "\n" + "; ".join(f"{p['label']}: {p['note']}" for p in review.not_conforming())
    _notify(
        upper,
        [Role.PROCURATOR],
        case,
        key=f"objection-report:{report.pk}",
        subject=_("%(procuratorate)s reports an objection to the decision on %(case)s")
        % {"procuratorate": firing.organisation, "case": case.number},
        body=body,
    )
    return report


def _report_of(case: Case, params: Params, upper: Organisation) -> ObjectionReport:
    report = (
        ObjectionReport.objects.select_for_update()
        .filter(pk=int(params.get("report_id") or 0), case=case, upper=upper)
        .first()
    )
    if report is None:
        raise Http404
    return report


def _decide_clean(case: Case, params: Params) -> None:
    _text(params, "reasons")


def _decided(firing: Firing) -> ObjectionReport:
    case, actor, params = firing.case, firing.actor, firing.params
    report = _report_of(case, params, firing.organisation)
    if report.decided_at is not None:
        raise ValidationError(_("This report has already been decided."))
    report.decided_at, report.decided_by = timezone.now(), actor
    report.raised = bool(params["raise_objection"])
    report.decision_reasons = params["reasons"]
    if report.raised:
        # The objection itself, by the one act that files it (P2014 Art 30; CPL Art 267).
        report.objection = act_run(
            ACTS["objection_file"],
            case_id=case.pk,
            actor=actor,
            expected_state=None,
            grounds=params["reasons"],
        )
    report.save()
    firing.payload.update(report_id=report.pk, raised=report.raised)
    subject = (
        _("The objection you reported on %(case)s was raised")
        if report.raised
        else _("The objection you reported on %(case)s was not raised")
    ) % {"case": case.number}
    _notify(
        report.procuratorate,
        [Role.PROCURATOR],
        case,
        key=f"objection-report-decided:{report.pk}",
        subject=subject,
        body=report.decision_reasons,
    )
    return report


class ObjectionReportParams(serializers.Serializer[Any]):
    reasons = serializers.CharField(
        max_length=8000, help_text="Why the decision should be objected to."
    )


class ObjectionReportDecideParams(serializers.Serializer[Any]):
    report_id = serializers.IntegerField(help_text="A report of this case made to you.")
    raise_objection = serializers.BooleanField(help_text="Raise the objection, or not.")
    reasons = serializers.CharField(
        max_length=8000, help_text="The grounds of the objection, or why it is not raised."
    )


class ObjectionReportResult(serializers.ModelSerializer[ObjectionReport]):
    class Meta:
        model = ObjectionReport
        fields = [
            "id",
            "procuratorate",
            "upper",
            "review",
            "reasons",
            "decided_at",
            "raised",
            "decision_reasons",
            "objection",
        ]


OBJECTION_REPORT_UP = Act(
    name="objection_report_up",
    label=gettext_lazy("Report an objection to the upper procuratorate"),
    article=ART_REPORT,
    may=procurator_of,
    states=_ACTIVE,
    requires=_report_requires,
    clean=_report_clean,
    effects=_reported,
    reason_param="reasons",
    audit="procuracy.objection_report",
    params=ObjectionReportParams,
    result=ObjectionReportResult,
    example={"reasons": "诊断医师之一系罪犯近亲属，未依法回避，建议依法提出书面意见。"},
)

OBJECTION_REPORT_DECIDE = Act(
    name="objection_report_decide",
    label=gettext_lazy("Decide on a reported objection"),
    article=ART_REPORT,
    may=upper_procurator_of,
    states=_ACTIVE,
    clean=_decide_clean,
    effects=_decided,
    reason_param="reasons",
    audit="procuracy.objection_report_decide",
    params=ObjectionReportDecideParams,
    result=ObjectionReportResult,
    example={"report_id": 3, "raise_objection": True, "reasons": "诊断医师未依法回避。"},
)


# P7/P8: the re-examination supervised (P2014 Art 30; SPP-Rules Art 633).


def _reexamined(case: Case) -> Any:
    return ProcuratorialObjection.objects.filter(decision__case=case).exclude(outcome="")


def _supervise_requires(case: Case, params: Params) -> list[Requirement]:
    if _reexamined(case).exists():
        return []
    return [Requirement(ART_REEXAMINE, _("No objection of this case has been re-examined yet."))]


def _supervise_clean(case: Case, params: Params) -> None:
    _text(params, "reasons")


def _supervised(firing: Firing) -> ReexaminationSupervision:
    case, actor, params = firing.case, firing.actor, firing.params
    objection = (
        _reexamined(case)
        .filter(pk=int(params.get("objection_id") or 0))
        .select_related("decision__authority")
        .first()
    )
    if objection is None:
        raise Http404
    lawful = bool(params["lawful"])
    parent = firing.organisation.parent
    upper = parent if parent is not None and parent.type == OrganisationType.PROCURATORATE else None
    record = ReexaminationSupervision.objects.create(
        case=case,
        procuratorate=firing.organisation,
        recorded_by=actor,
        objection=objection,
        lawful=lawful,
        reasons=params["reasons"],
        reported_to=None if lawful else upper,
    )
    firing.payload.update(supervision_id=record.pk, lawful=lawful)
    if not lawful:
        authority = objection.decision.authority
        _notify(
            firing.organisation,
            [Role.PROCURATOR],
            case,
            key=f"reexamination-unlawful:{record.pk}",
            subject=_(
                "The re-examination on %(case)s was unlawful: issue a written rectification "
                "opinion to %(organ)s"
            )
            % {"case": case.number, "organ": authority},
            body=record.reasons,
        )
        if upper is not None:
            _notify(
                upper,
                [Role.PROCURATOR],
                case,
                key=f"reexamination-report:{record.pk}",
                subject=_("%(procuratorate)s reports an unlawful re-examination on %(case)s")
                % {"procuratorate": firing.organisation, "case": case.number},
                body=record.reasons,
            )
    return record


class ReexaminationSuperviseParams(serializers.Serializer[Any]):
    objection_id = serializers.IntegerField(help_text="A re-examined objection of this case.")
    lawful = serializers.BooleanField(help_text="Whether the re-examination's result is lawful.")
    reasons = serializers.CharField(max_length=8000, help_text="The reasons of the finding.")


class ReexaminationSuperviseResult(serializers.ModelSerializer[ReexaminationSupervision]):
    class Meta:
        model = ReexaminationSupervision
        fields = ["id", "procuratorate", "objection", "lawful", "reasons", "reported_to"]


REEXAMINATION_SUPERVISE = Act(
    name="reexamination_supervise",
    label=gettext_lazy("Supervise the re-examination"),
    article=ART_REEXAMINE,
    may=reviewing_procuratorate_of,
    states=_ACTIVE,
    requires=_supervise_requires,
    clean=_supervise_clean,
    effects=_supervised,
    reason_param="reasons",
    audit="procuracy.reexamination_supervise",
    params=ReexaminationSuperviseParams,
    result=ReexaminationSuperviseResult,
    example={"objection_id": 4, "lawful": False, "reasons": "未重新组织诊断即维持原决定。"},
)


# P10: consulting the files; a re-assessment and its result (P2014 Art 31).


def _files_clean(case: Case, params: Params) -> None:
    _text(params, "consulted", "findings")


def _consulted(firing: Firing) -> FilesConsultation:
    p = firing.params
    record = FilesConsultation.objects.create(
        case=firing.case,
        procuratorate=firing.organisation,
        recorded_by=firing.actor,
        consulted_on=p["consulted_on"],
        consulted=p["consulted"],
        findings=p["findings"],
    )
    firing.payload["consultation_id"] = record.pk
    return record


class FilesConsultationParams(serializers.Serializer[Any]):
    consulted_on = serializers.DateField(validators=[PAST_EVENT], help_text="The day.")
    consulted = serializers.CharField(max_length=8000, help_text="What was consulted.")
    findings = serializers.CharField(max_length=8000, help_text="What was found.")


class FilesConsultationResult(serializers.ModelSerializer[FilesConsultation]):
    class Meta:
        model = FilesConsultation
        fields = ["id", "procuratorate", "consulted_on", "consulted", "findings"]


FILES_CONSULTATION_RECORD = Act(
    name="files_consultation_record",
    label=gettext_lazy("Record consulting the files"),
    article=ART_FILES,
    may=reviewing_procuratorate_of,
    states=_ACTIVE,
    requires=_decision_requires(ART_FILES),
    clean=_files_clean,
    effects=_consulted,
    audit="procuracy.files_consultation",
    params=FilesConsultationParams,
    result=FilesConsultationResult,
    example={
        "consulted_on": "2026-05-06",
        "consulted": "病历、诊断书、复查记录",
        "findings": "复查记录显示病情明显好转。",
    },
)


def _require_clean(case: Case, params: Params) -> None:
    hospital = params.get("hospital")
    if hospital is not None:
        # Art 9: a hospital designated by the government of the province handling the case.
        choice_require(
            designated_hospital_choices(case), hospital, DESIGNATED_HOSPITAL, field="hospital"
        )
    else:
        _text(params, "performed_by")
    _text(params, "reasons")
    if params["due_on"] < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})


def _required(firing: Firing) -> Reassessment:
    case, p = firing.case, firing.params
    record = Reassessment.objects.create(
        case=case,
        procuratorate=firing.organisation,
        recorded_by=firing.actor,
        assessment=p["assessment"],
        hospital=p.get("hospital"),
        performed_by=str(p.get("performed_by") or "").strip() or str(p["hospital"].name),
        reasons=p["reasons"],
        due_on=p["due_on"],
    )
    firing.payload["reassessment_id"] = record.pk
    if record.hospital is not None:
        _hospital_asked(case, record)
    return record


def _hospital_asked(case: Case, record: Reassessment) -> None:
    """The designated hospital asked takes part in the case (without seeing it: the capacity
    gives no role the case) and its liaison is told, with a link to the request."""
    assert record.hospital is not None
    CaseParticipant.objects.get_or_create(
        case=case, organisation=record.hospital, capacity=Capacity.HOSPITAL
    )
    notice_send_to_role(
        organisation_id=record.hospital.pk,
        roles=[Role.HOSPITAL_LIAISON],
        key=f"reassessment:{record.pk}",
        subject=_(
            "%(procuratorate)s asks your hospital for a %(assessment)s of %(name)s by %(due)s"
        )
        % {
            "procuratorate": record.procuratorate,
            "assessment": record.get_assessment_display(),
            "name": case.offender.name,
            "due": record.due_on.isoformat(),
        },
        body=record.reasons[:500],
        link=reverse("procuracy:review_hospital_request", args=[record.pk]),
        severity="warning",
    )


class ReassessmentRequireParams(serializers.Serializer[Any]):
    assessment = serializers.ChoiceField(
        choices=AssessmentKind.choices,
        help_text="Re-diagnosis, re-examination or re-identification.",
    )
    performed_by = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="The hospital or organ that performs it (default: the hospital's name).",
    )
    hospital = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type=OrganisationType.DESIGNATED_HOSPITAL),
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "The designated hospital asked, if it is one (P2014 Art 9): its liaison sees the "
            "request and records the result."
        ),
    )
    reasons = serializers.CharField(max_length=8000, help_text="Why it is required.")
    due_on = serializers.DateField(help_text="The day the result is due.")


class ReassessmentResult(serializers.ModelSerializer[Reassessment]):
    class Meta:
        model = Reassessment
        fields = [
            "id",
            "procuratorate",
            "assessment",
            "performed_by",
            "hospital",
            "reasons",
            "due_on",
            "result_recorded_at",
            "result",
            "conditions_met",
            "result_summary",
        ]


REASSESSMENT_REQUIRE = Act(
    name="reassessment_require",
    label=gettext_lazy("Require a re-diagnosis, re-examination or re-identification"),
    article=ART_FILES,
    may=reviewing_procuratorate_of,
    states=_ACTIVE,
    requires=_decision_requires(ART_FILES),
    clean=_require_clean,
    effects=_required,
    reason_param="reasons",
    audit="procuracy.reassessment_require",
    params=ReassessmentRequireParams,
    result=ReassessmentResult,
    example={
        "assessment": "diagnosis",
        "performed_by": "省人民医院",
        "reasons": "复查记录与病历不符。",
        "due_on": "2026-06-30",
    },
)


def _pending(case: Case) -> Any:
    return Reassessment.objects.filter(case=case, result_recorded_at__isnull=True)


def reassessment_result_recorder_of(case: Case, actor: User) -> Organisation:
    """The procuratorate that required the re-assessment, or the liaison of the designated
    hospital asked, for a request addressed to it (issue 13)."""
    if Role.HOSPITAL_LIAISON in actor.role_codes and actor.organisation is not None:
        if Reassessment.objects.filter(case=case, hospital_id=actor.organisation_id).exists():
            hospital: Organisation = actor.organisation
            return hospital
        raise PermissionDenied(_("Only the hospital a re-assessment is addressed to records it."))
    return reviewing_procuratorate_of(case, actor)


def _result_requires(case: Case, params: Params) -> list[Requirement]:
    if _pending(case).exists():
        return []
    return [Requirement(ART_FILES, _("No re-assessment of this case awaits its result."))]


def _result_clean(case: Case, params: Params) -> None:
    _text(params, "result_summary")
    if not params.get("result_file"):
        raise ValidationError({"result_file": _("Attach the result.")})


def _result_recorded(firing: Firing) -> Reassessment:
    case, actor, p = firing.case, firing.actor, firing.params
    record = (
        _pending(case)
        .select_for_update()
        .filter(pk=int(p.get("reassessment_id") or 0))
        .filter(Q(procuratorate=firing.organisation) | Q(hospital=firing.organisation))
        .select_related("procuratorate")
        .first()
    )
    if record is None:
        raise Http404
    record.result = evidence_store(
        case=case,
        actor=actor,
        kind=EvidenceKind.DIAGNOSIS_CERTIFICATE
        if record.assessment != AssessmentKind.IDENTIFICATION
        else EvidenceKind.IDENTIFICATION_OPINION,
        upload=p["result_file"],
        description=str(
            _("Result of a re-assessment required by the procuratorate (P2014 Art 31)")
        ),
    )
    record.result_recorded_at, record.result_by = timezone.now(), actor
    record.conditions_met = bool(p["conditions_met"])
    record.result_summary = p["result_summary"]
    record.save()
    firing.payload.update(
        reassessment_id=record.pk, evidence_id=record.result.pk, met=record.conditions_met
    )
    if record.hospital_id is not None and firing.organisation.pk == record.hospital_id:
        # The hospital recorded it: the procuratorate that asked reads the result.
        _notify(
            record.procuratorate,
            [Role.PROCURATOR],
            case,
            key=f"reassessment-result:{record.pk}",
            subject=_("%(case)s: %(hospital)s recorded the result of the re-assessment")
            % {"case": case.number, "hospital": firing.organisation},
            body=record.result_summary,
        )
    decision = case.decision
    if not record.conditions_met and decision is not None:
        _notify(
            decision.authority,
            APPROVING_ROLES | COURT_ROLES,
            case,
            key=f"reassessment-not-met:{record.pk}",
            subject=_("%(case)s: the re-assessment found the conditions no longer met")
            % {"case": case.number},
            body=record.result_summary,
        )
    return record


class ReassessmentResultParams(serializers.Serializer[Any]):
    reassessment_id = serializers.IntegerField(help_text="A re-assessment awaiting its result.")
    result_file = serializers.FileField(help_text="The result (PDF, JPEG or PNG).")
    conditions_met = serializers.BooleanField(
        help_text="Whether the conditions of temporary execution are still met."
    )
    result_summary = serializers.CharField(max_length=8000, help_text="The result in words.")


REASSESSMENT_RESULT_RECORD = Act(
    name="reassessment_result_record",
    label=gettext_lazy("Record the result of the re-assessment"),
    article=ART_FILES,
    may=reassessment_result_recorder_of,
    states=_ACTIVE,
    requires=_result_requires,
    clean=_result_clean,
    effects=_result_recorded,
    audit="procuracy.reassessment_result",
    params=ReassessmentResultParams,
    result=ReassessmentResult,
    example={
        "reassessment_id": 2,
        "conditions_met": False,
        "result_summary": "复诊结论：病情已明显好转，不再符合保外就医条件。",
    },
)

REVIEW_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        ASSESSMENT_ATTENDANCE_RECORD,
        DECISION_REVIEW_RECORD,
        OBJECTION_REPORT_UP,
        OBJECTION_REPORT_DECIDE,
        REEXAMINATION_SUPERVISE,
        FILES_CONSULTATION_RECORD,
        REASSESSMENT_REQUIRE,
        REASSESSMENT_RESULT_RECORD,
    )
}
acts_register(REVIEW_ACTS.values())

from . import sections as _sections  # noqa: E402, F401
