"""The court path's acts (legal-spec §3.3; P2014 Arts 17-19; CCL Art 18; CPL Art 264),
declared once and taken by the one runner (`cases.acts.runner.act_run`):

- `court_investigation_entrust` / `court_investigation_report`: T-A03, the investigation and
  evaluation the court may entrust, and its opinion (CCL Art 18; DOC-07a/b);
- `court_consult_procuratorate` / `court_procuratorate_reply`: T-A04, the procuratorate's
  opinion sought before deciding (P2014 Art 18 ¶4; SPC-Interp Art 515 ¶2; DOC-15);
- `execution_documents_served_record`: the execution documents were served (CPL Art 264): the
  court no longer decides, and its window D-08 is waived when it had not decided.

The court's assessment acts are those of the proposal procedure (`cases.acts.proposal`), the
decision is the deciding organ's (`approvals.acts.decision`). Opening a court case (T-A01)
creates the case, so it is a service, not an act on an existing case (`.services`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.choices import CONSULTED_PROCURATORATE, choice_require, consulted_procuratorate_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, OrganisationType, Role
from kernel.bounds import PAST_EVENT
from kernel.deadlines.models import OPEN_STATUSES, DeadlineStatus
from kernel.deadlines.services import deadline_meet, deadline_open, deadline_waive
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from ..models import CourtInvestigation, CourtProceeding
from .investigation import court_investigation_choices, investigation_url
from .rules import (
    ART_18_CONSULT,
    ART_CCL_18,
    ART_CPL_264,
    COURT_INVESTIGATION,
    ENTRUSTING_STATES,
    REPORTING_ROLES,
    REPORTING_STATES,
    court_staff_of,
    is_court_staff,
    is_entrusted_officer,
    served_refusal,
)
from .selectors import court_clocks


def _proceeding(case: Case) -> CourtProceeding:
    """The case's proceeding, locked for the act (the case row is locked by the runner)."""
    return CourtProceeding.objects.select_for_update().get(case=case)


def _notify_court(case: Case, court: Organisation, key: str, subject: str, body: str = "") -> None:
    notice_send_to_role(
        organisation_id=court.pk,
        roles=list(COURT_ROLES),
        key=key,
        subject=subject,
        body=body,
        link=case.get_absolute_url(),
    )


def _court_proceeding(case: Case) -> CourtProceeding | None:
    proceeding: CourtProceeding | None = getattr(case, "court_proceeding", None)
    return proceeding


def _not_served(case: Case, params: Params) -> list[Requirement]:
    """Art 18 ¶1, ¶3: once the execution documents are served the court no longer decides,
    so it no longer prepares a decision either."""
    proceeding = _court_proceeding(case)
    if proceeding is None or not proceeding.execution_documents_served:
        return []
    return [served_refusal(proceeding)]


def _court_informed(firing: Firing) -> None:
    firing.payload["court"] = firing.organisation.pk


# T-A04: the procuratorate's opinion is sought before deciding.


def _consulted_procuratorate(case: Case, params: Params) -> Organisation | None:
    chosen: Organisation | None = params.get("requested_of")
    return chosen or case.participant(Capacity.DECISION_PROCURATORATE)


def _consult_clean(case: Case, params: Params) -> None:
    procuratorate = _consulted_procuratorate(case, params)
    if procuratorate is None or procuratorate.type != OrganisationType.PROCURATORATE:
        raise ValidationError(
            _("Choose the procuratorate at the court's level whose opinion is sought.")
        )
    choice_require(consulted_procuratorate_choices(case), procuratorate, CONSULTED_PROCURATORATE)
    if not str(params.get("request", "")).strip():
        raise ValidationError(_("Write what the procuratorate is asked."))


def _consult(firing: Firing) -> CourtProceeding:
    case, request = firing.case, str(firing.params["request"])
    procuratorate = _consulted_procuratorate(case, firing.params)
    assert procuratorate is not None, "clean chose it"
    proceeding = _proceeding(case)
    proceeding.consultation_requested_on = firing.params.get("requested_on") or timezone.localdate()
    proceeding.consultation_requested_of = procuratorate
    proceeding.consultation_request = request
    proceeding.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=procuratorate, capacity=Capacity.DECISION_PROCURATORATE
    )
    firing.payload["procuratorate"] = procuratorate.pk
    _court_informed(firing)
    notice_send_to_role(
        organisation_id=procuratorate.pk,
        roles=[Role.PROCURATOR],
        key=f"court-consult:{case.pk}",
        subject=_("%(court)s seeks your opinion on temporary execution outside prison: %(case)s")
        % {"court": firing.organisation, "case": case.number},
        body=request[:500],
        link=case.get_absolute_url(),
        severity="warning",
    )
    return proceeding


class ConsultParams(serializers.Serializer[Any]):
    request = serializers.CharField(
        max_length=4000, help_text="What the procuratorate is asked (the court's letter)."
    )
    requested_of = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(type=OrganisationType.PROCURATORATE),
        required=False,
        allow_null=True,
        default=None,
        help_text="The procuratorate consulted; by default the one at the court's level.",
    )
    requested_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[PAST_EVENT],
        help_text="The day the opinion was sought (today).",
    )


class CourtProceedingResult(serializers.ModelSerializer[CourtProceeding]):
    class Meta:
        model = CourtProceeding
        fields = [
            "case",
            "court",
            "custody",
            "executing_organ",
            "judgment_effective_on",
            "consultation_requested_on",
            "consultation_requested_of",
            "consultation_request",
            "reply",
            "replied_on",
            "execution_documents_served_on",
        ]
        read_only_fields = fields


COURT_CONSULT_PROCURATORATE = Act(
    name="court_consult_procuratorate",
    label=gettext_lazy("Seek the procuratorate's opinion"),
    article=ART_18_CONSULT,
    may=court_staff_of,
    transition="consult_procuratorate",
    requires=_not_served,
    clean=_consult_clean,
    effects=_consult,
    audit="case.consult_procuratorate",
    params=ConsultParams,
    result=CourtProceedingResult,
    example={
        "expected_state": "assessed",
        "request": "拟对罪犯王五暂予监外执行，请提出意见。",
    },
    description="T-A04 (DOC-15 requested): the court seeks the procuratorate's opinion.",
)


# DOC-15: the consulted procuratorate's opinion.


def consulted_procurator_of(case: Case, actor: User) -> Organisation:
    """A procurator of the procuratorate the court consulted."""
    proceeding = _court_proceeding(case)
    if (
        proceeding is None
        or Role.PROCURATOR not in actor.role_codes
        or proceeding.consultation_requested_of_id is None
        or proceeding.consultation_requested_of_id != actor.organisation_id
    ):
        raise PermissionDenied(
            _("Only the procuratorate consulted by the court gives its opinion.")
        )
    organisation: Organisation | None = proceeding.consultation_requested_of
    assert organisation is not None, "the consulted procuratorate is recorded with its id"
    return organisation


def _reply_clean(case: Case, params: Params) -> None:
    if case.court_proceeding.replied_on is not None:  # type: ignore[attr-defined]
        raise ValidationError(_("The opinion is already recorded."))
    if not str(params.get("reply", "")).strip():
        raise ValidationError(_("Write the opinion."))


def _reply(firing: Firing) -> CourtProceeding:
    case, actor, reply = firing.case, firing.actor, str(firing.params["reply"])
    proceeding = _proceeding(case)
    proceeding.reply = reply
    proceeding.replied_on = firing.params.get("replied_on") or timezone.localdate()
    proceeding.replied_by = actor
    proceeding.save()
    firing.payload["procuratorate"] = actor.organisation_id
    _notify_court(
        case,
        proceeding.court,
        f"court-reply:{case.pk}",
        _("Procuratorate's opinion on %(case)s") % {"case": case.number},
        reply[:500],
    )
    return proceeding


class ReplyParams(serializers.Serializer[Any]):
    reply = serializers.CharField(max_length=4000, help_text="The procuratorate's opinion.")
    replied_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[PAST_EVENT],
        help_text="The day of the opinion (today).",
    )


COURT_PROCURATORATE_REPLY = Act(
    name="court_procuratorate_reply",
    label=gettext_lazy("Send the opinion to the court"),
    article=ART_18_CONSULT,
    may=consulted_procurator_of,
    states=frozenset({CaseState.CONSULTATION}),
    clean=_reply_clean,
    effects=_reply,
    params=ReplyParams,
    result=CourtProceedingResult,
    example={"expected_state": "consultation", "reply": "经审查，同意暂予监外执行。"},
    description="DOC-15: the consulted procuratorate gives its opinion; the court is told.",
)


# T-A03: the investigation and evaluation the court entrusts (CCL Art 18).


def _entrust_clean(case: Case, params: Params) -> None:
    if CourtInvestigation.objects.filter(case=case).exists():
        raise ValidationError(_("An investigation is already entrusted for this case."))
    choice_require(
        court_investigation_choices(case),
        params.get("entrusted_to"),
        COURT_INVESTIGATION,
        field="entrusted_to",
    )
    if not str(params.get("request", "")).strip():
        raise ValidationError(_("Write what the institution is asked to investigate and evaluate."))
    entrusted_on = params.get("entrusted_on") or timezone.localdate()
    if entrusted_on < case.opened_on:
        raise ValidationError(
            _("The investigation cannot be entrusted before the case was opened.")
        )


def _entrust(firing: Firing) -> CourtInvestigation:
    case, request = firing.case, str(firing.params["request"])
    entrusted_to: Organisation = firing.params["entrusted_to"]
    investigation = CourtInvestigation(
        case=case,
        entrusted_to=entrusted_to,
        entrusted_on=firing.params.get("entrusted_on") or timezone.localdate(),
        request=request.strip(),
        entrusted_by=firing.actor,
    )
    investigation.full_clean()
    investigation.save()
    firing.payload.update(investigation_id=investigation.pk, entrusted_to=entrusted_to.pk)
    _court_informed(firing)
    # legal-spec D-27: the entrusted institution's clock (a setting: no statutory number).
    deadline_open(
        code="D-27",
        subject=case,
        trigger_at=dt.datetime.combine(
            investigation.entrusted_on, dt.time(9), tzinfo=timezone.get_current_timezone()
        ),
        responsible_organisation=entrusted_to,
        actor=firing.actor,
    )
    notice_send_to_role(
        organisation_id=entrusted_to.pk,
        roles=list(REPORTING_ROLES),
        key=f"court-investigation:{investigation.pk}",
        subject=_(
            "%(court)s entrusts you with an investigation and evaluation (CCL Art 18): %(name)s"
        )
        % {"court": firing.organisation, "name": case.offender.name},
        body=request[:500],
        link=investigation_url(case.pk),
        severity="warning",
    )
    return investigation


class EntrustParams(serializers.Serializer[Any]):
    entrusted_to = serializers.PrimaryKeyRelatedField(
        # Any organisation: one the law does not allow is refused with CCL Art 18.
        queryset=Organisation.objects.all(),
        help_text="The community-correction institution or county judicial administration of "
        "the defendant's residence (CCL Art 18).",
    )
    request = serializers.CharField(
        max_length=4000, help_text="The matters entrusted for investigation and evaluation."
    )
    entrusted_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        validators=[PAST_EVENT],
        help_text="The day of the entrustment (today).",
    )


class CourtInvestigationResult(serializers.ModelSerializer[CourtInvestigation]):
    class Meta:
        model = CourtInvestigation
        fields = [
            "id",
            "case",
            "entrusted_to",
            "entrusted_on",
            "request",
            "opinion",
            "opinion_on",
            "opinion_recorded_at",
        ]
        read_only_fields = fields


COURT_INVESTIGATION_ENTRUST = Act(
    name="court_investigation_entrust",
    label=gettext_lazy("Entrust the investigation"),
    article=ART_CCL_18,
    may=court_staff_of,
    states=ENTRUSTING_STATES,
    requires=_not_served,
    clean=_entrust_clean,
    effects=_entrust,
    audit="case.court_investigation_entrusted",
    params=EntrustParams,
    result=CourtInvestigationResult,
    example={
        "expected_state": "assessed",
        "entrusted_to": 12,
        "entrusted_on": "2026-03-04",
        "request": "请对被告人的社会危险性和对所居住社区的影响进行调查评估。",
    },
    description="T-A03 (DOC-07a): the court entrusts an investigation and evaluation.",
)


# DOC-07b: the opinion of the entrusted institution.


def _investigation(case: Case) -> CourtInvestigation:
    investigation = CourtInvestigation.objects.filter(case=case).first()
    if investigation is None:
        raise Http404
    return investigation


def investigation_reporter_of(case: Case, actor: User) -> Organisation:
    """An officer of the entrusted institution files the opinion; the case's court records
    one that reached it on paper."""
    investigation = CourtInvestigation.objects.filter(case=case).first()
    if investigation is not None and is_entrusted_officer(investigation, actor):
        return investigation.entrusted_to
    if is_court_staff(case, actor):
        return court_staff_of(case, actor)
    raise PermissionDenied(
        _(
            "Only an officer of the entrusted institution files the opinion, or the court "
            "records the one it received."
        )
    )


def _report_clean(case: Case, params: Params) -> None:
    investigation = _investigation(case)
    if investigation.reported:
        raise ValidationError(_("The investigation and evaluation opinion is already recorded."))
    if not str(params.get("opinion", "")).strip():
        raise ValidationError(_("Write the investigation and evaluation opinion."))
    opinion_on = params["opinion_on"]
    if opinion_on < investigation.entrusted_on:
        raise ValidationError(
            _("The opinion cannot be given before the investigation was entrusted.")
        )
    if opinion_on > timezone.localdate():
        raise ValidationError(_("The opinion date is in the future."))


def _report(firing: Firing) -> CourtInvestigation:
    case, actor, opinion = firing.case, firing.actor, str(firing.params["opinion"])
    investigation = CourtInvestigation.objects.select_for_update().get(case=case)
    entrusted = is_entrusted_officer(investigation, actor)
    investigation.opinion = opinion.strip()
    investigation.opinion_on = firing.params["opinion_on"]
    investigation.opinion_recorded_by = actor
    investigation.opinion_recorded_at = timezone.now()
    investigation.save()
    firing.payload.update(investigation_id=investigation.pk, by_entrusted_institution=entrusted)
    deadline_meet(
        subject=case,
        code="D-27",
        event="investigation opinion filed"
        if entrusted
        else "investigation opinion received by the court",
        actor=actor,
    )
    if entrusted:
        _notify_court(
            case,
            case.court_proceeding.court,  # type: ignore[attr-defined]
            f"court-investigation-opinion:{investigation.pk}",
            _("Investigation and evaluation opinion on %(case)s (CCL Art 18)")
            % {"case": case.number},
            opinion[:500],
        )
    return investigation


class ReportParams(serializers.Serializer[Any]):
    opinion = serializers.CharField(
        max_length=8000, help_text="The investigation and evaluation opinion (DOC-07b)."
    )
    opinion_on = serializers.DateField(
        validators=[PAST_EVENT], help_text="The day the opinion was given."
    )


COURT_INVESTIGATION_REPORT = Act(
    name="court_investigation_report",
    label=gettext_lazy("File the investigation and evaluation opinion"),
    article=ART_CCL_18,
    may=investigation_reporter_of,
    states=REPORTING_STATES,
    clean=_report_clean,
    effects=_report,
    audit="case.court_investigation_reported",
    params=ReportParams,
    result=CourtInvestigationResult,
    example={
        "expected_state": "assessed",
        "opinion": "经调查评估，被告人无社会危险性，对所居住社区无重大不良影响。",
        "opinion_on": "2026-03-05",
    },
    description="DOC-07b: the entrusted institution's opinion; the court decides with it.",
)


# CPL Art 264: the execution documents are served.


def _served_clean(case: Case, params: Params) -> None:
    proceeding = case.court_proceeding  # type: ignore[attr-defined]
    if proceeding.execution_documents_served:
        raise ValidationError(_("The service of the execution documents is already recorded."))
    if params["served_on"] < proceeding.judgment_effective_on:
        raise ValidationError(
            _("The execution documents cannot be served before the judgment takes effect.")
        )


def _served(firing: Firing) -> CourtProceeding:
    case, actor, served_on = firing.case, firing.actor, firing.params["served_on"]
    proceeding = _proceeding(case)
    proceeding.execution_documents_served_on = served_on
    proceeding.save(update_fields=["execution_documents_served_on"])
    firing.payload["served_on"] = served_on.isoformat()
    _court_informed(firing)
    if case.decision is None:
        # The window of D-08 has closed without a decision: nothing the court does can meet it
        # any more, so it stops alerting, with the reason on the record.
        for deadline in court_clocks(case).filter(
            kind="D-08", status__in=[*OPEN_STATUSES, DeadlineStatus.SUSPENDED]
        ):
            deadline_waive(
                deadline=deadline,
                reason=_(
                    "The execution documents were served on %(date)s without a decision: the "
                    "court no longer decides (P2014 Art 18 ¶1, ¶3)."
                )
                % {"date": served_on.isoformat()},
                actor=actor,
            )
    return proceeding


class ServedParams(serializers.Serializer[Any]):
    served_on = serializers.DateField(
        validators=[PAST_EVENT],
        help_text="The day the legal documents for executing the penalty were served.",
    )


EXECUTION_DOCUMENTS_SERVED_RECORD = Act(
    name="execution_documents_served_record",
    label=gettext_lazy("Record service of the execution documents"),
    article=ART_CPL_264,
    may=court_staff_of,
    # Service may be recorded whatever the court case's state: before a decision it ends the
    # court's window (D-08), after one it is the ordinary course of execution.
    states=frozenset(CaseState.values),
    clean=_served_clean,
    effects=_served,
    audit="case.execution_documents_served",
    params=ServedParams,
    result=CourtProceedingResult,
    example={"expected_state": "assessed", "served_on": "2026-03-05"},
    description="CPL Art 264: the execution documents were served; the court no longer decides.",
)


#: The court path's own acts, by name.
COURT_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        COURT_INVESTIGATION_ENTRUST,
        COURT_INVESTIGATION_REPORT,
        COURT_CONSULT_PROCURATORATE,
        COURT_PROCURATORATE_REPLY,
        EXECUTION_DOCUMENTS_SERVED_RECORD,
    )
}
acts_register(COURT_ACTS.values())
