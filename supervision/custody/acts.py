"""The declared acts of the return to custody (legal-spec §3.4 T-S06, T-S06a/b; P2014 Arts
24-25; CCL Arts 45, 49 ¶3-4, 50), registered with the runner:

- `custody_institution_designate`: the community-correction officer, or the organ that decided
  on imprisonment, names the institution that takes the person in, among those the route of
  Art 24 allows (`supervision.custody.rules`); it becomes a participant of the case
  (Capacity.RECEIVING_INSTITUTION) and its clerks are told. On the prison administration's
  decision the original or file-holding prison takes the person in by law (Art 24 ¶2): it
  already takes part in the case and nothing is designated.
- `custody_return_record`: that institution's clerk records the person taken in (S5/S5b → S6);
  community correction ends (CCL Art 45); the report DOC-30 goes to the deciding organ, the
  county procuratorate of the residence and the original court are informed (Art 24 ¶4).
- `abscond_record`: the officer records the person at large after the decision (S5 → S5b);
  the county public security organ of the residence pursues, the institution assists (Art 25;
  CCL Art 50).
- `arrest_record`: the arrest (still S5b); the institution then records the return. The days
  at large are shown as a candidate period not counted (CPL Art 268 ¶3).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseParticipant, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import CUSTODY_ROLES, OrganisationType
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.models import GeneratedDocument
from kernel.documents.services import document_issue
from kernel.refusals import Requirement

from ..acts import organisations_of, receiving_officer_of
from ..community_acts import _notify, _state_requires, supervision_end
from ..models import Supervision, SupervisionState
from .models import CustodyReturn, ReportAddressee, ReportCopy
from .rules import (
    ART_24,
    ART_25,
    AWAITING,
    Routing,
    designated_by_law,
    escape_period,
    escort_organ_of,
    imprisonment_decision,
    institutions_allowed,
    receiving_institution_of,
    residence_county_organ,
    routing_of,
)

_UNDER = frozenset({CaseState.UNDER_SUPERVISION})
_DECISION_ORGAN_STAFF = CAPACITY_ROLES[Capacity.DECISION_ORGAN]
_PROCURATORS = CAPACITY_ROLES[Capacity.PROCURATORATE]
_COURT_STAFF = CAPACITY_ROLES[Capacity.ORIGINAL_COURT]
_OFFICERS = CAPACITY_ROLES[Capacity.EXECUTING_CCI]


def _record(case: Case) -> Supervision:
    return Supervision.objects.get(case=case)


def _custody(record: Supervision) -> CustodyReturn:
    custody, _created = CustodyReturn.objects.get_or_create(supervision=record)
    return custody


def _not_in_future(at: dt.datetime, field: str) -> None:
    if at > timezone.now():
        raise ValidationError({field: _("The time is in the future.")})


def _route_requires(case: Case) -> tuple[list[Requirement], Routing | None]:
    unmet = _state_requires(case, AWAITING, ART_24)
    if unmet:
        return unmet, None
    routing = routing_of(case, _record(case))
    if routing.route is None:
        return [Requirement(ART_24, routing.error)], routing
    return [], routing


# Who may act.


def deciding_staff_of(case: Case, actor: User) -> Organisation:
    """Staff of the organ that decided on imprisonment (or of the deciding organ of the case)."""
    decision = imprisonment_decision(case)
    organs = {o.pk: o for o in organisations_of(case, Capacity.DECISION_ORGAN)}
    if decision is not None:
        organs[decision.authority_id] = decision.authority
    organ = organs.get(actor.organisation_id or 0)
    if organ is None or not (actor.role_codes & _DECISION_ORGAN_STAFF):
        raise PermissionDenied(_("Only the deciding organ's staff can do this."))
    return organ


def designator_of(case: Case, actor: User) -> Organisation:
    """The residence's community-correction officer or the deciding organ's staff."""
    try:
        return receiving_officer_of(case, actor)
    except PermissionDenied:
        pass
    try:
        return deciding_staff_of(case, actor)
    except PermissionDenied:
        raise PermissionDenied(
            _(
                "Only an officer of the community-correction institution or the deciding organ "
                "designates the receiving institution."
            )
        ) from None


def receiving_clerk_of(case: Case, actor: User) -> Organisation:
    """A clerk or leader of the institution that takes the person in (P2014 Art 24)."""
    record = Supervision.objects.filter(case=case).first()
    institution = receiving_institution_of(case, record) if record is not None else None
    if (
        institution is None
        or actor.organisation_id != institution.pk
        or not (actor.role_codes & CUSTODY_ROLES)
    ):
        raise PermissionDenied(
            _("Only the institution designated to take the person in records the return.")
        )
    return institution


def arrest_recorder_of(case: Case, actor: User) -> Organisation:
    """The community-correction officer (who assists the pursuit, CCL Art 50) or the
    receiving institution's clerk."""
    try:
        return receiving_officer_of(case, actor)
    except PermissionDenied:
        return receiving_clerk_of(case, actor)


# The designation of the receiving institution (P2014 Art 24).


class DesignateParams(serializers.Serializer[Any]):
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        help_text="The prison or detention centre that takes the person in, among those the "
        "route of P2014 Art 24 allows.",
    )


class CustodyReturnResult(serializers.ModelSerializer[CustodyReturn]):
    supervision_state = serializers.CharField(source="supervision.state", read_only=True)

    class Meta:
        model = CustodyReturn
        fields = [
            "id",
            "supervision_state",
            "receiving_institution",
            "designated_at",
            "absconded_on",
            "pursuing_organ",
            "arrested_at",
            "arrested_by",
            "taken_in_at",
            "escort_organ",
            "escort_officers",
            "report",
        ]


def _designate_requires(case: Case, params: Params) -> list[Requirement]:
    unmet, routing = _route_requires(case)
    if unmet or routing is None or routing.route is None:
        return unmet
    route = routing.route
    if designated_by_law(route):
        return [
            Requirement(
                route.article,
                _(
                    "The prison administration decided: the original or file-holding prison "
                    "takes the person in by law; nothing to designate."
                ),
            )
        ]
    institution = params.get("institution")
    if institution is not None:
        allowed = institutions_allowed(case, _record(case), route)
        if not allowed.filter(pk=institution.pk).exists():
            return [
                Requirement(
                    route.article,
                    _(
                        "%(institution)s cannot take the person in on this route: choose "
                        "%(types)s of the residence."
                    )
                    % {
                        "institution": institution,
                        "types": _("a detention centre")
                        if route.institution_types == {OrganisationType.DETENTION_CENTRE}
                        else _("a prison"),
                    },
                )
            ]
    return []


def _designated(firing: Firing) -> CustodyReturn:
    case, actor = firing.case, firing.actor
    institution: Organisation = firing.params["institution"]
    record = Supervision.objects.select_for_update().get(case=case)
    custody = _custody(record)
    previous = custody.receiving_institution
    if previous is not None and previous != institution:
        # The earlier designation no longer takes part as the receiving institution.
        CaseParticipant.objects.filter(
            case=case, organisation=previous, capacity=Capacity.RECEIVING_INSTITUTION
        ).delete()
    custody.receiving_institution = institution
    custody.designated_at = timezone.now()
    custody.designated_by = actor
    custody.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=institution, capacity=Capacity.RECEIVING_INSTITUTION
    )
    firing.payload.update(
        custody_return_id=custody.pk,
        institution=institution.pk,
        previous=previous.pk if previous else None,
    )
    _notify(
        institution,
        CUSTODY_ROLES,
        case=case,
        key=f"custody-designated:{custody.pk}",
        subject=_("%(case)s: take the person into custody (P2014 Art 24)") % {"case": case.number},
        body=_(
            "Your institution is designated to take %(name)s in after the decision on imprisonment."
        )
        % {"name": case.offender.name},
        severity="warning",
    )
    return custody


CUSTODY_INSTITUTION_DESIGNATE = Act(
    name="custody_institution_designate",
    label=gettext_lazy("Designate the institution taking the person in"),
    article=ART_24,
    may=designator_of,
    states=_UNDER,
    requires=_designate_requires,
    effects=_designated,
    audit="supervision.custody_institution_designate",
    params=DesignateParams,
    result=CustodyReturnResult,
    example={"expected_state": "under_supervision", "institution": 7},
)


# T-S06 / T-S06b: the return (P2014 Art 24; CCL Art 49 ¶3-4), DOC-30.


class ReturnParams(serializers.Serializer[Any]):
    taken_in_at = serializers.DateTimeField(help_text="When the person was taken in.")
    escort_officers = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="The officers who brought the person in.",
    )


def _return_requires(case: Case, params: Params) -> list[Requirement]:
    unmet, _routing = _route_requires(case)
    if unmet:
        return unmet
    record = _record(case)
    if receiving_institution_of(case, record) is None:
        return [Requirement(ART_24, _("No institution is designated to take the person in."))]
    custody = getattr(record, "custody_return", None)
    if record.state == SupervisionState.ABSCONDED and (
        custody is None or custody.arrested_at is None
    ):
        return [Requirement(ART_25, _("The person is at large: record the arrest first."))]
    return []


def _return_clean(case: Case, params: Params) -> None:
    at: dt.datetime = params["taken_in_at"]
    _not_in_future(at, "taken_in_at")
    decision = imprisonment_decision(case)
    if decision is not None and at < decision.decided_at:
        raise ValidationError(
            {"taken_in_at": _("The person cannot be taken in before the decision on imprisonment.")}
        )
    custody = CustodyReturn.objects.filter(supervision__case=case).first()
    if custody is not None and custody.arrested_at is not None and at < custody.arrested_at:
        raise ValidationError(
            {"taken_in_at": _("The person cannot be taken in before the arrest.")}
        )


def _day(on: dt.date | None) -> str:
    return f"{on.year}年{on.month}月{on.day}日" if on else "—"


def _report_issue(
    firing: Firing,
    record: Supervision,
    custody: CustodyReturn,
    routing: Routing,
    informed: list[Organisation],
) -> GeneratedDocument:
    """DOC-30, 收监执行情况报告: to the deciding organ, copies to those informed."""
    case = record.case
    institution = firing.organisation
    offender = case.offender
    taken_in = timezone.localtime(custody.taken_in_at) if custody.taken_in_at else None
    decision = routing.decision
    facts = [
        ("姓名", offender.name),
        ("性别", offender.get_sex_display()),
        ("公民身份号码", offender.id_number),
        ("案件编号", case.number),
        ("收监执行决定书", decision.number if decision is not None else "—"),
        ("决定机关", str(routing.deciding_organ or "—")),
        ("收监时间", f"{_day(taken_in.date())} {taken_in:%H:%M}" if taken_in else "—"),
        ("收监机关", str(institution)),
        ("送交机关", str(custody.escort_organ or institution)),
    ]
    if custody.absconded_on:
        facts.append(("脱逃日期", _day(custody.absconded_on)))
    if custody.arrested_at:
        facts.append(("抓获时间", _day(timezone.localdate(custody.arrested_at))))
    paragraphs = [
        f"根据{routing.deciding_organ or '决定机关'}"
        f"{'（' + decision.number + '）' if decision is not None else ''}"
        f"作出的收监执行决定，罪犯{offender.name}已于{_day(taken_in.date() if taken_in else None)}"
        f"被收监执行，社区矫正终止。",
        "根据《暂予监外执行规定》第二十四条的规定，现将收监执行情况报告如下。",
    ]
    prefix = institution.abbreviation or institution.name
    year = taken_in.year if taken_in else timezone.localdate().year
    return document_issue(
        subject=case,
        template="custody_report",
        context={
            "offender": offender,
            "case": case,
            "addressee": str(routing.deciding_organ or ""),
            "paragraphs": paragraphs,
            "facts": facts,
            "copies": [str(o) for o in informed],
        },
        number=f"{prefix}收报〔{year}〕{custody.pk}号",
        title="收监执行情况报告",
        issuing_organisation=institution,
        issued_on=taken_in.date() if taken_in else timezone.localdate(),
        actor=firing.actor,
    )


def _returned(firing: Firing) -> CustodyReturn:
    case, actor, params = firing.case, firing.actor, firing.params
    record = Supervision.objects.select_for_update().get(case=case)
    routing = routing_of(case, record)
    assert routing.route is not None, "requires refused it"
    institution = firing.organisation
    custody = _custody(record)
    record.return_to_custody()
    record.save()
    custody.receiving_institution = institution
    custody.taken_in_at = params["taken_in_at"]
    custody.escort_organ = escort_organ_of(case, routing.route, institution)
    custody.escort_officers = str(params.get("escort_officers", "")).strip()
    custody.returned_by = actor
    custody.save()
    # Informed of the return (P2014 Art 24 ¶4): the county procuratorate of the residence and
    # the original court; the report itself goes to the deciding organ.
    procuratorate = residence_county_organ(case, OrganisationType.PROCURATORATE)
    court = case.participant(Capacity.ORIGINAL_COURT)
    informed = [o for o in (procuratorate, court) if o is not None]
    custody.report = _report_issue(firing, record, custody, routing, informed)
    custody.save(update_fields=["report"])
    supervision_end(
        record,
        on=timezone.localdate(custody.taken_in_at),
        reason="returned to custody",
        actor=actor,
    )
    now = timezone.now()
    recipients: list[tuple[Organisation | None, str, frozenset[str]]] = [
        (routing.deciding_organ, ReportAddressee.DECIDING_ORGAN, _DECISION_ORGAN_STAFF),
        (procuratorate, ReportAddressee.PROCURATORATE, _PROCURATORS),
        (court, ReportAddressee.ORIGINAL_COURT, _COURT_STAFF),
    ]
    if procuratorate is not None:
        # The county procuratorate of the residence reads the case it is informed of.
        CaseParticipant.objects.get_or_create(
            case=case, organisation=procuratorate, capacity=Capacity.PROCURATORATE
        )
    subject = _("%(case)s: %(name)s taken into custody on %(date)s (P2014 Art 24)") % {
        "case": case.number,
        "name": case.offender.name,
        "date": timezone.localdate(custody.taken_in_at),
    }
    body = _("Report %(number)s by %(institution)s. Community correction has ended.") % {
        "number": custody.report.number,
        "institution": institution,
    }
    copies = []
    for organisation, addressed_as, roles in recipients:
        if organisation is None:
            continue
        copy = ReportCopy.objects.create(
            custody=custody, recipient=organisation, addressed_as=addressed_as, sent_at=now
        )
        copies.append(copy.pk)
        if addressed_as == ReportAddressee.PROCURATORATE:
            # Awaiting the procuratorate's acknowledgement (签收): the sender's soft clock
            # D-09a (P2014 Art 13 ¶3, TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS working days).
            deadline_open(
                code="D-09a",
                subject=copy,
                trigger_at=now,
                responsible_organisation=institution,
                actor=actor,
            )
        _notify(organisation, roles, case=case, key="custody-return", subject=subject, body=body)
    _notify(
        record.executing_cci, _OFFICERS, case=case, key="custody-return", subject=subject, body=body
    )
    firing.payload.update(
        custody_return_id=custody.pk,
        institution=institution.pk,
        report=custody.report.pk,
        sha256=custody.report.sha256,
        copies=copies,
    )
    return custody


CUSTODY_RETURN_RECORD = Act(
    name="custody_return_record",
    label=gettext_lazy("Record the return to custody"),
    article="P2014 Art 24; CCL Art 49 ¶3-4",
    may=receiving_clerk_of,
    states=_UNDER,
    requires=_return_requires,
    clean=_return_clean,
    effects=_returned,
    audit="supervision.custody_return",
    params=ReturnParams,
    result=CustodyReturnResult,
    example={
        "expected_state": "under_supervision",
        "taken_in_at": "2026-06-12T15:30:00+08:00",
        "escort_officers": "王某、李某",
    },
)


# T-S06a: at large after the decision (P2014 Art 25; CCL Art 50).


class AbscondParams(serializers.Serializer[Any]):
    absconded_on = serializers.DateField(help_text="The person has been at large since.")
    facts = serializers.CharField(max_length=2000, help_text="What is known of the absconding.")


def _abscond_requires(case: Case, params: Params) -> list[Requirement]:
    return _state_requires(
        case, frozenset({SupervisionState.REVOKED_AWAITING_CUSTODY}), "P2014 Art 25; CCL Art 50"
    )


def _abscond_clean(case: Case, params: Params) -> None:
    if params["absconded_on"] > timezone.localdate():
        raise ValidationError({"absconded_on": _("The date is in the future.")})
    decision = imprisonment_decision(case)
    if decision is not None and params["absconded_on"] < timezone.localdate(decision.decided_at):
        raise ValidationError(
            {"absconded_on": _("Absconding is recorded after the decision on imprisonment.")}
        )


def _absconded(firing: Firing) -> CustodyReturn:
    case, params = firing.case, firing.params
    record = Supervision.objects.select_for_update().get(case=case)
    record.abscond()
    record.save()
    custody = _custody(record)
    custody.absconded_on = params["absconded_on"]
    custody.absconding_facts = params["facts"]
    custody.pursuing_organ = residence_county_organ(case, OrganisationType.COUNTY_PUBLIC_SECURITY)
    custody.save()
    firing.payload.update(
        custody_return_id=custody.pk,
        absconded_on=str(custody.absconded_on),
        pursuing_organ=custody.pursuing_organ_id,
    )
    subject = _("%(case)s: %(name)s at large after the decision on imprisonment (P2014 Art 25)") % {
        "case": case.number,
        "name": case.offender.name,
    }
    body = _(
        "At large since %(date)s. The county public security organ of the residence "
        "(%(organ)s) pursues; the community-correction institution assists (CCL Art 50)."
    ) % {"date": custody.absconded_on, "organ": custody.pursuing_organ or "—"}
    routing = routing_of(case, record)
    recipients = [
        (routing.deciding_organ, _DECISION_ORGAN_STAFF),
        (receiving_institution_of(case, record), CUSTODY_ROLES),
        *((p, _PROCURATORS) for p in organisations_of(case, Capacity.PROCURATORATE)),
    ]
    for organisation, roles in recipients:
        _notify(
            organisation,
            roles,
            case=case,
            key="custody-abscond",
            subject=subject,
            body=body,
            severity="warning",
        )
    return custody


ABSCOND_RECORD = Act(
    name="abscond_record",
    label=gettext_lazy("Record that the person is at large"),
    article="P2014 Art 25; CCL Art 50",
    may=receiving_officer_of,
    states=_UNDER,
    requires=_abscond_requires,
    clean=_abscond_clean,
    effects=_absconded,
    audit="supervision.abscond",
    reason_param="facts",
    params=AbscondParams,
    result=CustodyReturnResult,
    example={
        "expected_state": "under_supervision",
        "absconded_on": "2026-06-05",
        "facts": "收监执行决定作出后下落不明，电话无法接通",
    },
)


# T-S06b: the arrest (P2014 Art 25).


class ArrestParams(serializers.Serializer[Any]):
    arrested_at = serializers.DateTimeField(help_text="When the person was arrested.")
    arrested_by = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=120,
        help_text="Who arrested the person (default: the pursuing public security organ).",
    )


def _arrest_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = _state_requires(case, frozenset({SupervisionState.ABSCONDED}), ART_25)
    if unmet:
        return unmet
    custody = CustodyReturn.objects.filter(supervision__case=case).first()
    if custody is not None and custody.arrested_at is not None:
        return [Requirement(ART_25, _("The arrest is already recorded."))]
    return []


def _arrest_clean(case: Case, params: Params) -> None:
    at: dt.datetime = params["arrested_at"]
    _not_in_future(at, "arrested_at")
    custody = CustodyReturn.objects.filter(supervision__case=case).first()
    absconded_on = custody.absconded_on if custody is not None else None
    if absconded_on is not None and timezone.localdate(at) < absconded_on:
        raise ValidationError({"arrested_at": _("The arrest cannot precede the absconding.")})


def _arrested(firing: Firing) -> CustodyReturn:
    case, params = firing.case, firing.params
    record = Supervision.objects.select_for_update().get(case=case)
    custody = _custody(record)
    custody.arrested_at = params["arrested_at"]
    custody.arrested_by = str(params.get("arrested_by", "")).strip() or str(
        custody.pursuing_organ or ""
    )
    custody.save()
    period = escape_period(custody.absconded_on, custody.arrested_at)
    firing.payload.update(
        custody_return_id=custody.pk,
        arrested_at=custody.arrested_at.isoformat(),
        escape_period=(
            {"first_day": str(period["first_day"]), "last_day": str(period["last_day"])}
            if period
            else None
        ),
    )
    subject = _("%(case)s: %(name)s arrested; take the person into custody (P2014 Art 25)") % {
        "case": case.number,
        "name": case.offender.name,
    }
    routing = routing_of(case, record)
    for organisation, roles in (
        (receiving_institution_of(case, record), CUSTODY_ROLES),
        (routing.deciding_organ, _DECISION_ORGAN_STAFF),
        (record.executing_cci, _OFFICERS),
    ):
        _notify(organisation, roles, case=case, key="custody-arrest", subject=subject)
    return custody


ARREST_RECORD = Act(
    name="arrest_record",
    label=gettext_lazy("Record the arrest"),
    article=ART_25,
    may=arrest_recorder_of,
    states=_UNDER,
    requires=_arrest_requires,
    clean=_arrest_clean,
    effects=_arrested,
    audit="supervision.arrest",
    params=ArrestParams,
    result=CustodyReturnResult,
    example={
        "expected_state": "under_supervision",
        "arrested_at": "2026-06-20T09:00:00+08:00",
        "arrested_by": "杭州市公安局西湖区分局",
    },
)

# The receipt of the report by each organ it went to (P2014 Art 24 ¶4).


def copy_recipient_of(case: Case, actor: User) -> Organisation:
    """Staff of an organ the report went to, in the roles of its capacity."""
    copies = ReportCopy.objects.filter(
        custody__supervision__case=case, recipient_id=actor.organisation_id or 0
    ).select_related("recipient")
    roles = {
        ReportAddressee.DECIDING_ORGAN: _DECISION_ORGAN_STAFF,
        ReportAddressee.PROCURATORATE: _PROCURATORS,
        ReportAddressee.ORIGINAL_COURT: _COURT_STAFF,
    }
    for copy in copies:
        if actor.role_codes & roles[ReportAddressee(copy.addressed_as)]:
            recipient: Organisation = copy.recipient
            return recipient
    raise PermissionDenied(_("Only an organ the report went to records its receipt."))


class ReportReceiptParams(serializers.Serializer[Any]):
    copy_id = serializers.IntegerField(help_text="The copy of the report received.")
    received_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Received at (default: now)."
    )


class ReportCopyResult(serializers.ModelSerializer[ReportCopy]):
    class Meta:
        model = ReportCopy
        fields = ["id", "recipient", "sent_at", "received_at"]


def _receipt_requires(case: Case, params: Params) -> list[Requirement]:
    return _state_requires(
        case, frozenset({SupervisionState.RETURNED_TO_CUSTODY}), "P2014 Art 24 ¶4"
    )


def _receipt_clean(case: Case, params: Params) -> None:
    copy = ReportCopy.objects.filter(
        pk=int(params.get("copy_id") or 0), custody__supervision__case=case
    ).first()
    if copy is None:
        raise ValidationError({"copy_id": _("Choose a copy of this report.")})
    if copy.received_at is not None:
        raise ValidationError({"copy_id": _("The receipt is already recorded.")})
    at = params.get("received_at") or timezone.now()
    _not_in_future(at, "received_at")
    if at < copy.sent_at:
        raise ValidationError(
            {"received_at": _("A document cannot be received before it was sent.")}
        )


def _copy_received(firing: Firing) -> ReportCopy:
    copy = ReportCopy.objects.select_for_update().get(pk=int(firing.params["copy_id"]))
    if copy.recipient_id != firing.organisation.pk:
        raise PermissionDenied(_("Only an organ the report went to records its receipt."))
    copy.received_at = firing.params.get("received_at") or timezone.now()
    copy.save(update_fields=["received_at"])
    if copy.addressed_as == ReportAddressee.PROCURATORATE:
        deadline_meet(
            subject=copy,
            code="D-09a",
            event=f"received by {firing.organisation}",
            actor=firing.actor,
            at=copy.received_at,
        )
    firing.payload.update(report_copy_id=copy.pk, received_at=copy.received_at.isoformat())
    return copy


CUSTODY_REPORT_RECEIPT_RECORD = Act(
    name="custody_report_receipt_record",
    label=gettext_lazy("Record the receipt of the report on the return to custody"),
    article="P2014 Art 24 ¶4",
    may=copy_recipient_of,
    states=_UNDER,
    requires=_receipt_requires,
    clean=_receipt_clean,
    effects=_copy_received,
    audit="supervision.custody_report_receipt",
    params=ReportReceiptParams,
    result=ReportCopyResult,
    example={
        "expected_state": "under_supervision",
        "copy_id": 3,
        "received_at": "2026-06-04T09:00:00+08:00",
    },
)

#: The acts of this part, in the order the page offers them.
CUSTODY_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        CUSTODY_INSTITUTION_DESIGNATE,
        ABSCOND_RECORD,
        ARREST_RECORD,
        CUSTODY_RETURN_RECORD,
        CUSTODY_REPORT_RECEIPT_RECORD,
    )
}
acts_register(CUSTODY_ACTS.values())

# The page's section registers itself once the acts exist (`supervision.sections`).
from . import sections as _sections  # noqa: E402, F401
