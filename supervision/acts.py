"""The acts from the decision to community correction (legal-spec T-B12 … T-B14, T-A06; P2014
Arts 13 ¶1, 15-16, 19; CCL Arts 19-22; Prison Law Art 27), declared once and taken by the
one runner (`cases.acts.runner.act_run`): the institution's clerk prepares the release,
records it, releases and records the hand-over; after an emergency release it records the
announcement; on the court's bail branch the receiving officer records the public security
organ's hand-over; the community-correction officer registers the reception.

What each step requires is `supervision.rules.missing`; the named functions of
`supervision.services` are thin calls of these acts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState, EvidenceKind
from cases.services.workflow import evidence_store, require_clerk_of
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import (
    APPROVING_ROLES,
    COURT_ROLES,
    CUSTODY_ROLES,
    EXECUTING_PUBLIC_SECURITY_ROLES,
    Role,
)
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role
from kernel.refusals import Requirement

from .models import HandOver, Reception, ReleasePreparation
from .rules import missing

#: Fields of the release preparation the institution's clerk fills in (P2014 Art 15).
RELEASE_FIELDS = (
    "decision_served_on",
    "residence_address",
    "residence_region_code",
    "residence_verified_on",
    "cci_notified_on",
    "reform_record_sent_on",
    "escort_officers",
)


def organisations_of(case: Case, capacity: str) -> list[Organisation]:
    return [p.organisation for p in case.participants.all() if p.capacity == capacity]


def custodial_institution(case: Case) -> Organisation | None:
    """Where later notices go: the institution designated to hold the file in a
    cross-province case (P2014 Art 20), otherwise the institution that held the person."""
    return next(iter(organisations_of(case, Capacity.FILEHOLDER)), None) or next(
        iter(organisations_of(case, Capacity.INSTITUTION)), None
    )


def receiving_officer_of(case: Case, actor: User) -> Organisation:
    """An officer of the residence's community-correction institution (CCL Arts 21-22)."""
    receiving = organisations_of(case, Capacity.EXECUTING_CCI)
    cci = next((o for o in receiving if o.pk == actor.organisation_id), None)
    # During a change of the execution place (CCL Art 27 ¶2) the new place's institution takes
    # part in the case before it receives the person: until then the record's own executes.
    if cci is not None and len(receiving) > 1:
        executing = (
            type(case)
            .objects.filter(pk=case.pk)
            .values_list("supervision__executing_cci", flat=True)
            .first()
        )
        if executing is not None and executing != cci.pk:
            cci = None
    if cci is None or Role.CORRECTION_OFFICER not in actor.role_codes:
        raise PermissionDenied(
            _("Only an officer of the residence's community-correction institution can do this.")
        )
    return cci


def _requires(step: str) -> Any:
    return lambda case, params: missing(case, step)


def _notify_cci(case: Case, *, key: str, subject: str, body: str = "") -> None:
    for cci in organisations_of(case, Capacity.EXECUTING_CCI):
        notice_send_to_role(
            organisation_id=cci.pk,
            roles=[Role.CORRECTION_OFFICER],
            key=f"{key}:{cci.pk}",
            subject=subject,
            body=body,
            link=case.get_absolute_url(),
        )


def _institution_received_at(case: Case) -> dt.datetime | None:
    from approvals.models import Delivery

    received: dt.datetime | None = (
        case.decision.deliveries.filter(purpose=Delivery.Purpose.INSTITUTION)  # type: ignore[attr-defined]
        .values_list("received_at", flat=True)
        .first()
    )
    return received


# T-B12: the release preparation.


class ReleasePreparationResult(serializers.ModelSerializer[ReleasePreparation]):
    class Meta:
        model = ReleasePreparation
        fields = [
            "id",
            "decision_received_on",
            *RELEASE_FIELDS,
            "obligations_notice",
            "released_at",
        ]


class NoParams(serializers.Serializer[Any]):
    """The act takes nothing but the state the page showed."""


def _preparation_started(firing: Firing) -> ReleasePreparation:
    case = firing.case
    receipt = _institution_received_at(case)
    prep = ReleasePreparation.objects.create(
        case=case,
        decision_received_on=timezone.localdate(receipt),
        residence_address=case.offender.residence_address,
        residence_region_code=case.offender.residence_region_code,
        updated_by=firing.actor,
    )
    firing.payload.update(release_preparation_id=prep.pk)
    return prep


RELEASE_PREPARE = Act(
    name="release_prepare",
    label=gettext_lazy("Start the release preparation"),
    article="P2014 Art 15",
    may=require_clerk_of,
    transition="prepare_release",
    requires=_requires("prepare_release"),
    effects=_preparation_started,
    audit="case.prepare_release",
    params=NoParams,
    result=ReleasePreparationResult,
    example={"expected_state": "approved"},
)


class ReleaseRecordParams(serializers.Serializer[Any]):
    decision_served_on = serializers.DateField(
        required=False, allow_null=True, help_text="The decision was issued to the prisoner on."
    )
    residence_address = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="The residence verified again."
    )
    residence_region_code = serializers.CharField(
        required=False, allow_blank=True, max_length=6, help_text="Its administrative region code."
    )
    residence_verified_on = serializers.DateField(
        required=False, allow_null=True, help_text="The residence was verified again on."
    )
    cci_notified_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The community-correction institution was notified in writing on (Art 15 ¶2).",
    )
    reform_record_sent_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The reform record was sent on (Prison Law Art 27).",
    )
    escort_officers = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="The escorting officers."
    )
    obligations_notice = serializers.FileField(
        required=False,
        allow_null=True,
        help_text="Scan of the notice of obligations signed by the prisoner (PDF, JPEG, PNG).",
    )


def _empty(name: str) -> Any:
    field = ReleasePreparation._meta.get_field(name)
    return "" if isinstance(field, models.CharField) else None


def _release_recorded(firing: Firing) -> ReleasePreparation:
    case, actor, params = firing.case, firing.actor, firing.params
    prep = ReleasePreparation.objects.select_for_update().get(case=case)
    for name in RELEASE_FIELDS:
        if name in params:
            value = params[name]
            setattr(prep, name, value if value is not None else _empty(name))
    notice = params.get("obligations_notice")
    if notice is not None:
        prep.obligations_notice = evidence_store(
            case=case,
            actor=actor,
            kind=EvidenceKind.OBLIGATIONS_NOTICE,
            upload=notice,
            description=str(_("Notice of obligations signed by the prisoner")),
        )
    prep.updated_by = actor
    prep.full_clean()
    prep.save()
    firing.payload.update(fields=sorted(k for k in params if k in RELEASE_FIELDS))
    if params.get("cci_notified_on"):
        _notify_cci(
            case,
            key=f"release-notice:{case.pk}",
            subject=_("Written notice: %(case)s will be released to your institution")
            % {"case": case.number},
            body=_("P2014 Art 15 ¶2: prepare to receive the person."),
        )
    return prep


RELEASE_RECORD_SAVE = Act(
    name="release_record_save",
    label=gettext_lazy("Record the release preparation"),
    article="P2014 Art 15",
    may=require_clerk_of,
    states=frozenset({CaseState.RELEASE_PREPARATION}),
    effects=_release_recorded,
    audit="case.record.ReleasePreparation",
    params=ReleaseRecordParams,
    result=ReleasePreparationResult,
    example={
        "expected_state": "release_preparation",
        "decision_served_on": "2026-05-08",
        "residence_address": "杭州市西湖区文三路100号",
        "residence_region_code": "330106",
        "residence_verified_on": "2026-05-08",
        "cci_notified_on": "2026-05-08",
        "reform_record_sent_on": "2026-05-09",
        "escort_officers": "王警官、李警官",
    },
)


# T-B13: the release and escort.


def _released(firing: Firing) -> Case:
    case, actor = firing.case, firing.actor
    now = timezone.now()
    ReleasePreparation.objects.filter(case=case).update(released_at=now)
    if case.publicity_waived:
        institution = organisations_of(case, Capacity.INSTITUTION)[0]
        deadline_open(
            code="D-03",
            subject=case,
            trigger_at=now,
            responsible_organisation=institution,
            actor=actor,
            region_code=institution.region_code,
        )
    _notify_cci(
        case,
        key=f"released:{case.pk}",
        subject=_("%(case)s: released, under escort to your institution") % {"case": case.number},
        body=_("Register the reception once the hand-over record is signed (CCL Art 22)."),
    )
    return case


RELEASE = Act(
    name="release",
    label=gettext_lazy("Release and escort"),
    article="P2014 Arts 15-16",
    may=require_clerk_of,
    transition="release",
    requires=_requires("release"),
    effects=_released,
    audit="case.release",
    params=NoParams,
    example={"expected_state": "release_preparation"},
)


# The announcement after an emergency release (P2014 Art 13 ¶1, D-03).


class AnnouncementParams(serializers.Serializer[Any]):
    announced_on = serializers.DateField(help_text="Announced in the institution on.")


def _announcement_requires(case: Case, params: Params) -> list[Requirement]:
    prep = getattr(case, "release_preparation", None)
    if not case.publicity_waived or prep is None or prep.released_at is None:
        return [
            Requirement(
                "P2014 Art 13 ¶1",
                _("Only an emergency release without publicity is announced afterwards."),
            )
        ]
    return []


def _announcement_clean(case: Case, params: Params) -> None:
    prep = case.release_preparation  # type: ignore[attr-defined]
    if params["announced_on"] < timezone.localdate(prep.released_at):
        raise ValidationError(_("The announcement cannot precede the release."))


def _announced(firing: Firing) -> Case:
    announced_on: dt.date = firing.params["announced_on"]
    at = dt.datetime.combine(announced_on, dt.time(12), tzinfo=timezone.get_current_timezone())
    firing.payload.update(on=str(announced_on))
    deadline_meet(
        subject=firing.case,
        code="D-03",
        event="announced in the institution",
        actor=firing.actor,
        at=at,
    )
    return firing.case


EMERGENCY_ANNOUNCEMENT_RECORD = Act(
    name="emergency_announcement_record",
    label=gettext_lazy("Record the announcement after an emergency release"),
    article="P2014 Art 13 ¶1",
    may=require_clerk_of,
    # Whenever it comes after the release: `requires` says whether there is one to announce.
    states=frozenset(CaseState.values),
    requires=_announcement_requires,
    clean=_announcement_clean,
    effects=_announced,
    audit="case.emergency_announced",
    params=AnnouncementParams,
    example={"announced_on": "2026-05-12"},
)


# DOC-22: the hand-over at the residence (P2014 Arts 16, 19; CCL Art 21).


class HandOverParams(serializers.Serializer[Any]):
    handed_over_at = serializers.DateTimeField(help_text="When the person was handed over.")
    place = serializers.CharField(max_length=200, help_text="Where.")
    institution_signatory = serializers.CharField(
        max_length=80, help_text="Who signed for the handing-over side."
    )
    cci_signatory = serializers.CharField(
        max_length=80, help_text="Who signed for the community-correction institution."
    )
    documents = serializers.CharField(help_text="The documents handed over.")
    condition = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The person's condition."
    )
    signed_record = serializers.FileField(
        help_text="Scan of the hand-over record signed by both sides (PDF, JPEG, PNG)."
    )


class HandOverResult(serializers.ModelSerializer[HandOver]):
    class Meta:
        model = HandOver
        fields = [
            "id",
            "handed_over_at",
            "place",
            "institution_signatory",
            "cci_signatory",
            "documents",
            "condition",
            "signed_record",
            "procuratorate_notified_at",
        ]


_HAND_OVER_EXAMPLE = {
    "handed_over_at": "2026-05-10T10:30:00+08:00",
    "place": "杭州市西湖区司法局社区矫正中心",
    "institution_signatory": "王警官",
    "cci_signatory": "陈科长",
    "documents": "暂予监外执行决定书、罪犯改造表现鉴定",
    "condition": "病情稳定",
}


def _not_yet_handed_over(case: Case) -> None:
    if hasattr(case, "hand_over"):
        raise ValidationError(_("The hand-over is already recorded."))


def _not_in_future(at: dt.datetime) -> None:
    if at > timezone.now():
        raise ValidationError(_("The hand-over time is in the future."))


def _hand_over_clean(case: Case, params: Params) -> None:
    _not_yet_handed_over(case)
    prep = getattr(case, "release_preparation", None)
    # The form gives minutes: a hand-over in the minute of the release is not "before" it.
    released_minute = prep.released_at.replace(second=0, microsecond=0) if prep else None
    if released_minute is not None and params["handed_over_at"] < released_minute:
        raise ValidationError(_("The hand-over cannot precede the release."))
    _not_in_future(params["handed_over_at"])


def _hand_over_saved(firing: Firing) -> HandOver:
    case, actor, params = firing.case, firing.actor, firing.params
    scan = evidence_store(
        case=case,
        actor=actor,
        kind=EvidenceKind.HAND_OVER_RECORD,
        upload=params["signed_record"],
        description=str(_("Hand-over record signed by both sides")),
    )
    record = HandOver(
        case=case,
        handed_over_at=params["handed_over_at"],
        place=params["place"],
        institution_signatory=params["institution_signatory"],
        cci_signatory=params["cci_signatory"],
        documents=params["documents"],
        condition=params.get("condition", ""),
        signed_record=scan,
        procuratorate_notified_at=timezone.now(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    firing.payload.update(hand_over_id=record.pk, sha256=scan.sha256)
    _hand_over_effects(case, record, actor)
    return record


def _hand_over_effects(case: Case, record: HandOver, actor: User) -> None:
    """What a signed hand-over record sets off, whoever hands over: D-14 met (late or not),
    the procuratorate told at once (P2014 Art 16, DOC-23), the community-correction
    institution asked to register the reception (CCL Art 22)."""
    handed_over_at, place = record.handed_over_at, record.place
    deadline_meet(
        subject=case, code="D-14", event="hand-over record signed", actor=actor, at=handed_over_at
    )
    procuratorates = organisations_of(case, Capacity.PROCURATORATE)
    if procuratorates and actor.organisation is not None:
        # The notice of the hand-over awaits each procuratorate's acknowledgement (签收): the
        # sender's soft clock D-09a (P2014 Art 13 ¶3).
        deadline_open(
            code="D-09a",
            subject=record,
            trigger_at=record.procuratorate_notified_at or timezone.now(),
            responsible_organisation=actor.organisation,
            actor=actor,
        )
    for procuratorate in procuratorates:
        notice_send_to_role(
            organisation_id=procuratorate.pk,
            roles=[Role.PROCURATOR],
            key=f"hand-over:{case.pk}:{procuratorate.pk}",
            subject=_("Hand-over of %(case)s to community correction (P2014 Art 16)")
            % {"case": case.number},
            body=_("Handed over at %(place)s on %(at)s.")
            % {"place": place, "at": timezone.localtime(handed_over_at).strftime("%Y-%m-%d %H:%M")},
            link=case.get_absolute_url(),
        )
    _notify_cci(
        case,
        key=f"hand-over:{case.pk}",
        subject=_("%(case)s handed over: register the reception") % {"case": case.number},
        body=_("CCL Art 22: check the documents, verify identity, register and open the file."),
    )


HAND_OVER_RECORD = Act(
    name="hand_over_record",
    label=gettext_lazy("Record the hand-over"),
    article="P2014 Arts 16, 19; CCL Art 21",
    may=require_clerk_of,
    states=frozenset({CaseState.ESCORT}),
    clean=_hand_over_clean,
    effects=_hand_over_saved,
    audit="case.handed_over",
    params=HandOverParams,
    result=HandOverResult,
    example={"expected_state": "escort", **_HAND_OVER_EXAMPLE},
)


# T-A06 on bail or residential surveillance.


def _ps_hand_over_clean(case: Case, params: Params) -> None:
    _not_yet_handed_over(case)
    received_at = _institution_received_at(case)
    # The form gives minutes: a hand-over in the minute of the receipt is not "before" it.
    at: dt.datetime = params["handed_over_at"]
    if received_at is not None and at < received_at.replace(second=0, microsecond=0):
        raise ValidationError(
            _("The hand-over cannot precede the public security organ's receipt of the decision.")
        )
    _not_in_future(at)


def public_security_hand_over_party_of(case: Case, actor: User) -> Organisation:
    """Who records the hand-over on bail or residential surveillance: an officer of the public
    security organ executing it, once the court's grant made it take part in the case (issue
    13), or the receiving officer, who signs for the other side (CCL Art 21 ¶2)."""
    if actor.role_codes & EXECUTING_PUBLIC_SECURITY_ROLES:
        organ = next(
            (
                o
                for o in organisations_of(case, Capacity.EXECUTING_PUBLIC_SECURITY)
                if o.pk == actor.organisation_id
            ),
            None,
        )
        if organ is None:
            raise PermissionDenied(
                _(
                    "Only the public security organ executing this person's bail or residential "
                    "surveillance, or the receiving community-correction officer, records the "
                    "hand-over."
                )
            )
        return organ
    return receiving_officer_of(case, actor)


def _ps_hand_over_saved(firing: Firing) -> HandOver:
    """Nobody was held, so nothing is released: the case passes through the release steps
    (the runner fired `prepare_release`; this takes `release`) to the hand-over."""
    case = firing.case
    case.release()
    case.save()
    record = _hand_over_saved(firing)
    firing.payload.update(bail_branch=True)
    return record


PUBLIC_SECURITY_HAND_OVER_RECORD = Act(
    name="public_security_hand_over_record",
    label=gettext_lazy("Record the hand-over by the public security organ"),
    article="P2014 Art 19; CCL Art 21 ¶2",
    may=public_security_hand_over_party_of,
    transition="prepare_release",
    requires=_requires("public_security_hand_over"),
    clean=_ps_hand_over_clean,
    effects=_ps_hand_over_saved,
    audit="case.handed_over_by_public_security",
    params=HandOverParams,
    result=HandOverResult,
    example={
        "expected_state": "approved",
        **_HAND_OVER_EXAMPLE,
        "institution_signatory": "西湖分局 刘警官",
    },
    description=(
        "An officer of the public security organ executing the bail or residential "
        "surveillance records the hand-over with the scan signed by both sides; the receiving "
        "officer, who signs for the receiving side, may record it instead."
    ),
)


# T-B14 / T-A06: the reception (CCL Art 22).


class ReceptionParams(serializers.Serializer[Any]):
    file_number = serializers.CharField(max_length=40, help_text="The correction file number.")
    documents_checked = serializers.BooleanField(help_text="The decision and documents checked.")
    identity_verified = serializers.BooleanField(help_text="The person's identity verified.")
    file_opened = serializers.BooleanField(help_text="Registered and the file opened.")
    rules_announced = serializers.BooleanField(
        help_text="The offence, the term and the rules announced."
    )
    received_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="When (now if left out)."
    )


class ReceptionResult(serializers.ModelSerializer[Reception]):
    class Meta:
        model = Reception
        fields = [
            "id",
            "institution",
            "received_at",
            "file_number",
            "documents_checked",
            "identity_verified",
            "file_opened",
            "rules_announced",
        ]


def _reception_requires(case: Case, params: Params) -> list[Requirement]:
    unmet = list(missing(case, "receive_into_supervision"))
    if not params:
        return unmet
    if not params.get("documents_checked"):
        unmet.append(Requirement("CCL Art 22", _("Check the decision and documents received.")))
    if not params.get("identity_verified"):
        unmet.append(Requirement("CCL Art 22", _("Verify the person's identity.")))
    if not params.get("file_opened"):
        unmet.append(Requirement("CCL Art 22", _("Register the person and open the file.")))
    if not params.get("rules_announced"):
        unmet.append(
            Requirement("CCL Art 22", _("Announce the offence, the term and the rules to observe."))
        )
    if not str(params.get("file_number", "")).strip():
        unmet.append(Requirement("CCL Art 22", _("Give the number of the correction file.")))
    return unmet


def _received(firing: Firing) -> Reception:
    case, actor, params, cci = firing.case, firing.actor, firing.params, firing.organisation
    received_at = params.get("received_at") or timezone.now()
    reception = Reception.objects.create(
        case=case,
        institution=cci,
        received_at=received_at,
        documents_checked=params["documents_checked"],
        identity_verified=params["identity_verified"],
        file_opened=params["file_opened"],
        rules_announced=params["rules_announced"],
        file_number=str(params["file_number"]).strip(),
        officer=actor,
    )
    from .community_acts import supervision_open

    record = supervision_open(case=case, organisation=cci, at=received_at, actor=actor)
    firing.payload.update(reception_id=reception.pk, supervision_id=record.pk)
    if case.ground_medical:
        deadline_open(
            code="D-15",
            subject=case,
            trigger_at=received_at,
            responsible_organisation=cci,
            actor=actor,
        )
    recipients = [
        (o, list(APPROVING_ROLES | COURT_ROLES))
        for o in organisations_of(case, Capacity.DECISION_ORGAN)
    ]
    institution = custodial_institution(case)
    if institution is not None:
        recipients.append((institution, list(CUSTODY_ROLES)))
    for organisation, roles in recipients:
        notice_send_to_role(
            organisation_id=organisation.pk,
            roles=roles,
            key=f"received:{case.pk}:{organisation.pk}",
            subject=_("%(case)s received into community correction by %(cci)s")
            % {"case": case.number, "cci": cci},
            link=case.get_absolute_url(),
        )
    return reception


RECEPTION_REGISTER = Act(
    name="reception_register",
    label=gettext_lazy("Register the reception"),
    article="CCL Art 22",
    may=receiving_officer_of,
    transition="receive_into_supervision",
    requires=_reception_requires,
    effects=_received,
    audit="case.receive_into_supervision",
    params=ReceptionParams,
    result=ReceptionResult,
    example={
        "expected_state": "escort",
        "file_number": "西司矫〔2026〕015号",
        "documents_checked": True,
        "identity_verified": True,
        "file_opened": True,
        "rules_announced": True,
    },
)

#: The acts of the release page, in the order they are taken.
SUPERVISION_ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        RELEASE_PREPARE,
        RELEASE_RECORD_SAVE,
        RELEASE,
        EMERGENCY_ANNOUNCEMENT_RECORD,
        HAND_OVER_RECORD,
        PUBLIC_SECURITY_HAND_OVER_RECORD,
        RECEPTION_REGISTER,
    )
}
acts_register(SUPERVISION_ACTS.values())
