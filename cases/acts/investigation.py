"""The entrusted investigation and evaluation on the prison path, seen from the institution
entrusted (P2014 Art 8 ¶2, 13 ¶2; CCL Art 18; legal-spec T-B05b, DOC-07a/b, D-27; issue 13).

When the prison records the entrustment (`record_investigation_entrustment`), the county
judicial administration or community-correction institution it addresses takes part in the
case in the capacity `Capacity.INVESTIGATION`, is told, and its clock D-27 opens from the day of
the entrustment (`entrustment_recorded`). The institution then records the investigation and
its finding itself (`investigation_report_record`): the dates, who was interviewed, suitable or
not for community correction with the reasons, and the signed opinion, kept as the evidence
`investigation_opinion` the proposal rules ask for (`cases.rules`). The clock is met and the
prison told. A prison that receives the opinion on paper still enters it on its record, which
meets the clock too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import INVESTIGATING_ROLES, Role
from kernel.bounds import PAST_EVENT
from kernel.deadlines.models import OPEN_STATUSES
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open, deadline_waive
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from ..jurisdiction import Capacity
from ..models import (
    Case,
    CaseParticipant,
    EvidenceKind,
    InvestigationEntrustment,
    InvestigationFinding,
)
from ..services.workflow import RECORD_STATES, evidence_store
from .declaration import Act, Firing, Params
from .registry import acts_register

ART_ENTRUST = "P2014 Art 8 ¶2"
ART_OPINION = "P2014 Art 13 ¶2"
ART_CCL_18 = "CCL Art 18"


def inquiry_url(case_pk: int) -> str:
    return reverse("cases:inquiry", args=[case_pk])


def _trigger(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())


def entrustment_recorded(case: Case, record: InvestigationEntrustment, actor: User) -> None:
    """The prison recorded (or corrected) the entrustment: the institution addressed takes
    part in the case, is told and its clock D-27 runs; an opinion already received meets it."""
    institution = record.entrusted_to
    CaseParticipant.objects.get_or_create(
        case=case, organisation=institution, capacity=Capacity.INVESTIGATION
    )
    for clock in deadlines_of(case, kinds=["D-27"]).filter(status__in=OPEN_STATUSES):
        # A correction that addresses another institution, or moves the day: a new clock.
        if clock.responsible_organisation_id != institution.pk or clock.trigger_at != _trigger(
            record.entrusted_on
        ):
            deadline_waive(deadline=clock, reason=_("The entrustment was corrected."), actor=actor)
    if record.opinion_received_on is not None:
        deadline_meet(
            subject=case,
            code="D-27",
            event="investigation opinion received by the prison",
            actor=actor,
            at=_trigger(record.opinion_received_on),
        )
        return
    if not deadlines_of(case, kinds=["D-27"]).filter(status__in=OPEN_STATUSES).exists():
        deadline_open(
            code="D-27",
            subject=case,
            trigger_at=_trigger(record.entrusted_on),
            responsible_organisation=institution,
            actor=actor,
        )
    notice_send_to_role(
        organisation_id=institution.pk,
        roles=list(INVESTIGATING_ROLES),
        key=f"investigation:{record.pk}",
        subject=_(
            "%(prison)s entrusts you with an investigation and evaluation (P2014 Art 8 ¶2): "
            "%(name)s"
        )
        % {"prison": case.participant(Capacity.INSTITUTION), "name": case.offender.name},
        link=inquiry_url(case.pk),
        severity="warning",
    )


def entrustment_withdrawn(case: Case, actor: User) -> None:
    """The prison withdrew the entrustment entered in error: its clock no longer runs."""
    for clock in deadlines_of(case, kinds=["D-27"]).filter(status__in=OPEN_STATUSES):
        deadline_waive(deadline=clock, reason=_("The entrustment was withdrawn."), actor=actor)


def entrustment_of(case: Case) -> InvestigationEntrustment | None:
    """The entrustment in force on the case, if any."""
    return (
        InvestigationEntrustment.objects.in_force()
        .select_related("entrusted_to")
        .filter(case=case)
        .first()
    )


def is_entrusted(record: InvestigationEntrustment | None, user: User) -> bool:
    return (
        record is not None
        and record.entrusted_to_id == user.organisation_id
        and bool(user.role_codes & INVESTIGATING_ROLES)
    )


def entrusted_institution_of(case: Case, actor: User) -> Organisation:
    """Only the institution the prison entrusted records its investigation (CCL Art 18)."""
    record = entrustment_of(case)
    if record is None or not is_entrusted(record, actor):
        raise PermissionDenied(
            _("Only the institution entrusted with the investigation records its opinion.")
        )
    return record.entrusted_to


def _requires(case: Case, params: Params) -> list[Requirement]:
    record = entrustment_of(case)
    unmet = []
    if record is not None and record.opinion_received_on is not None:
        unmet.append(
            Requirement(
                ART_OPINION,
                _("The investigation and evaluation opinion is already in the case file."),
            )
        )
    if not params:
        return unmet
    if not str(params.get("reasons", "")).strip():
        unmet.append(
            Requirement(
                ART_CCL_18,
                _(
                    "Give the reasons for the finding: the person's social danger and the "
                    "impact on the community of residence."
                ),
            )
        )
    started = params.get("investigated_from")
    if record is not None and started is not None and started < record.entrusted_on:
        unmet.append(
            Requirement(
                ART_ENTRUST,
                _("The investigation cannot start before the prison entrusted it."),
            )
        )
    return unmet


def _clean(case: Case, params: Params) -> None:
    started, ended = params["investigated_from"], params["investigated_to"]
    if ended < started:
        raise ValidationError(_("The investigation cannot end before it starts."))
    if ended > timezone.localdate():
        raise ValidationError(_("The investigation cannot end in the future."))
    if not str(params.get("interviewed", "")).strip():
        raise ValidationError(_("Name the persons interviewed."))


def _reported(firing: Firing) -> InvestigationEntrustment:
    case, actor, params = firing.case, firing.actor, firing.params
    record = InvestigationEntrustment.objects.in_force().select_for_update().get(case=case)
    scan = evidence_store(
        case=case,
        actor=actor,
        kind=EvidenceKind.INVESTIGATION_OPINION,
        upload=params["signed_opinion"],
        description=str(_("Investigation and evaluation opinion signed by %(organisation)s"))
        % {"organisation": firing.organisation},
    )
    now = timezone.now()
    record.investigated_from = params["investigated_from"]
    record.investigated_to = params["investigated_to"]
    record.interviewed = str(params["interviewed"]).strip()
    record.finding = params["finding"]
    record.opinion = str(params["reasons"]).strip()
    record.opinion_received_on = timezone.localdate()
    record.reported_by = actor
    record.reported_at = now
    record.save(
        update_fields=[
            "investigated_from",
            "investigated_to",
            "interviewed",
            "finding",
            "opinion",
            "opinion_received_on",
            "reported_by",
            "reported_at",
        ]
    )
    firing.payload.update(record_id=record.pk, finding=record.finding, sha256=scan.sha256)
    deadline_meet(
        subject=case, code="D-27", event="investigation opinion recorded", actor=actor, at=now
    )
    prison = case.participant(Capacity.INSTITUTION)
    if prison is not None:
        notice_send_to_role(
            organisation_id=prison.pk,
            roles=[Role.PRISON_CLERK],
            key=f"investigation-opinion:{record.pk}",
            subject=_("Investigation and evaluation opinion on %(case)s: %(finding)s")
            % {"case": case.number, "finding": record.get_finding_display()},
            body=record.opinion[:500],
            link=case.get_absolute_url(),
        )
    return record


class InvestigationReportParams(serializers.Serializer[Any]):
    investigated_from = serializers.DateField(
        validators=[PAST_EVENT], help_text="The first day of the investigation."
    )
    investigated_to = serializers.DateField(
        validators=[PAST_EVENT], help_text="The last day of the investigation."
    )
    interviewed = serializers.CharField(
        max_length=4000,
        help_text="Who was interviewed (family, neighbours, residents' committee, …).",
    )
    finding = serializers.ChoiceField(
        choices=InvestigationFinding.choices,
        help_text="Suitable or not for community correction (CCL Art 18).",
    )
    reasons = serializers.CharField(
        max_length=8000,
        help_text="The reasons: social danger and impact on the community of residence.",
    )
    signed_opinion = serializers.FileField(
        help_text="The signed and sealed investigation and evaluation opinion (PDF, JPEG, PNG)."
    )


class InvestigationReportResult(serializers.ModelSerializer[InvestigationEntrustment]):
    class Meta:
        model = InvestigationEntrustment
        fields = [
            "id",
            "entrusted_to",
            "entrusted_on",
            "investigated_from",
            "investigated_to",
            "interviewed",
            "finding",
            "opinion",
            "opinion_received_on",
            "reported_at",
        ]
        read_only_fields = fields


INVESTIGATION_REPORT_RECORD = Act(
    name="investigation_report_record",
    label=gettext_lazy("Record the investigation and its finding"),
    article="P2014 Arts 8 ¶2, 13 ¶2; CCL Art 18",
    may=entrusted_institution_of,
    states=RECORD_STATES["InvestigationEntrustment"],
    requires=_requires,
    clean=_clean,
    effects=_reported,
    audit="case.investigation_reported",
    params=InvestigationReportParams,
    result=InvestigationReportResult,
    example={
        "expected_state": "preparation",
        "investigated_from": "2026-03-16",
        "investigated_to": "2026-03-20",
        "interviewed": "配偶张秀英；村民委员会主任李强；邻居王某",
        "finding": "suitable",
        "reasons": "被调查人家庭关系和睦，居住地具备监管条件，社会危险性低。",
    },
    description="DOC-07b: the entrusted institution records its investigation and opinion.",
)

acts_register([INVESTIGATION_REPORT_RECORD])
