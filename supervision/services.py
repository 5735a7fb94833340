"""Release, escort, hand-over and reception (legal-spec T-B12 … T-B14, T-A06; P2014 Arts 15-16,
19; CCL Arts 19-22; Prison Law Art 27).

Each action checks who may act, locks the case, refuses what the law does not allow yet with
the article, and writes its records, audit event, clocks and notices in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import Case, CaseState, EvidenceKind
from cases.rules import Requirement
from cases.services.workflow import (
    CaseConflict,
    TransitionRefused,
    case_lock_for_update,
    evidence_store,
    evidence_upload,
    require_clerk_of,
)
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES, Role
from kernel.audit.services import audit_record
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role

from .models import HandOver, Reception, ReleasePreparation
from .rules import court_bail_branch, missing

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


def _organisations(case: Case, capacity: str) -> list[Organisation]:
    return [p.organisation for p in case.participants.all() if p.capacity == capacity]


def custodial_institution(case: Case) -> Organisation | None:
    """Where later notices go: the institution designated to hold the file in a
    cross-province case (P2014 Art 20), otherwise the institution that held the person."""
    return next(iter(_organisations(case, Capacity.FILEHOLDER)), None) or next(
        iter(_organisations(case, Capacity.INSTITUTION)), None
    )


def _fire(case: Case, step: str, actor: User, *, reason: str = "") -> str:
    """Check the law's requirements and take the transition; returns the state before."""
    from django_fsm import can_proceed

    method = getattr(case, step)
    if not can_proceed(method, check_conditions=False):
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Arts 15-16",
                    _("This step cannot be taken while the case is “%(state)s”.")
                    % {"state": case.get_state_display()},
                )
            ]
        )
    unmet = missing(case, step)
    if unmet:
        raise TransitionRefused(unmet)
    before = str(case.state)
    method()
    case.save()
    audit_record(
        actor=actor,
        action=f"case.{step}",
        obj=case,
        from_state=before,
        to_state=case.state,
        reason=reason,
    )
    return before


def _notify_cci(case: Case, *, key: str, subject: str, body: str = "") -> None:
    for cci in _organisations(case, Capacity.EXECUTING_CCI):
        notice_send_to_role(
            organisation_id=cci.pk,
            roles=[Role.CORRECTION_OFFICER],
            key=f"{key}:{cci.pk}",
            subject=subject,
            body=body,
            link=case.get_absolute_url(),
        )


@transaction.atomic
def release_prepare(*, case_id: int, actor: User, expected_state: str | None) -> ReleasePreparation:
    """T-B12: the institution has received the decision and starts the release formalities
    (P2014 Art 15). In a cross-province case the file holder must be designated (Art 20)."""
    case = case_lock_for_update(case_id, expected_state)
    require_clerk_of(case, actor)
    _fire(case, "prepare_release", actor)
    from approvals.models import Delivery

    receipt = (
        case.decision.deliveries.filter(purpose=Delivery.Purpose.INSTITUTION)  # type: ignore[attr-defined]
        .values_list("received_at", flat=True)
        .first()
    )
    return ReleasePreparation.objects.create(
        case=case,
        decision_received_on=timezone.localdate(receipt),
        residence_address=case.offender.residence_address,
        residence_region_code=case.offender.residence_region_code,
        updated_by=actor,
    )


@transaction.atomic
def release_record_save(
    *,
    case_id: int,
    actor: User,
    data: dict[str, Any],
    obligations_notice: UploadedFile | None = None,
) -> ReleasePreparation:
    """Record what was done to prepare the release; the signed notice of obligations is
    uploaded as a scan, checked like any evidence (P2014 Art 15 ¶2; CCL Art 19)."""
    case = case_lock_for_update(case_id, CaseState.RELEASE_PREPARATION)
    require_clerk_of(case, actor)
    prep = ReleasePreparation.objects.select_for_update().get(case=case)
    for name in RELEASE_FIELDS:
        if name in data:
            setattr(prep, name, data[name] if data[name] is not None else _empty(prep, name))
    if obligations_notice is not None:
        prep.obligations_notice = evidence_upload(
            case_id=case.pk,
            actor=actor,
            kind=EvidenceKind.OBLIGATIONS_NOTICE,
            upload=obligations_notice,
            description=_("Notice of obligations signed by the prisoner"),
        )
    prep.updated_by = actor
    prep.full_clean()
    prep.save()
    audit_record(
        actor=actor,
        action="case.record.ReleasePreparation",
        obj=case,
        payload={"fields": sorted(k for k in data if k in RELEASE_FIELDS)},
    )
    if data.get("cci_notified_on"):
        _notify_cci(
            case,
            key=f"release-notice:{case.pk}",
            subject=_("Written notice: %(case)s will be released to your institution")
            % {"case": case.number},
            body=_("P2014 Art 15 ¶2: prepare to receive the person."),
        )
    return prep


def _empty(prep: ReleasePreparation, name: str) -> Any:
    field = ReleasePreparation._meta.get_field(name)
    return "" if isinstance(field, models.CharField) else None


@transaction.atomic
def release(*, case_id: int, actor: User, expected_state: str | None) -> Case:
    """T-B13: the release formalities are done and staff escort the person with the decision
    (P2014 Arts 15-16). After an emergency release without publicity, the announcement in
    the institution is due within 3 working days (P2014 Art 13 ¶1, D-03)."""
    case = case_lock_for_update(case_id, expected_state)
    require_clerk_of(case, actor)
    _fire(case, "release", actor)
    now = timezone.now()
    ReleasePreparation.objects.filter(case=case).update(released_at=now)
    if case.publicity_waived:
        institution = _organisations(case, Capacity.INSTITUTION)[0]
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


@transaction.atomic
def emergency_announcement_record(*, case_id: int, actor: User, announced_on: dt.date) -> Case:
    """The announcement in the institution after an emergency release (P2014 Art 13 ¶1):
    meets D-03."""
    case = case_lock_for_update(case_id, None)
    require_clerk_of(case, actor)
    prep = getattr(case, "release_preparation", None)
    if not case.publicity_waived or prep is None or prep.released_at is None:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 13 ¶1",
                    _("Only an emergency release without publicity is announced afterwards."),
                )
            ]
        )
    if announced_on < timezone.localdate(prep.released_at):
        raise ValidationError(_("The announcement cannot precede the release."))
    at = dt.datetime.combine(announced_on, dt.time(12), tzinfo=timezone.get_current_timezone())
    audit_record(
        actor=actor, action="case.emergency_announced", obj=case, payload={"on": str(announced_on)}
    )
    deadline_meet(
        subject=case, code="D-03", event="announced in the institution", actor=actor, at=at
    )
    return case


@transaction.atomic
def hand_over_record(
    *,
    case_id: int,
    actor: User,
    handed_over_at: dt.datetime,
    place: str,
    institution_signatory: str,
    cci_signatory: str,
    documents: str,
    condition: str,
    signed_record: UploadedFile,
) -> HandOver:
    """DOC-22: the hand-over at the residence, signed by both sides (P2014 Arts 16, 19;
    CCL Art 21). Meets D-14 (late or not: lateness stays visible); the procuratorate is told
    at once (Art 16, DOC-23) and the community-correction institution is asked to register
    the reception."""
    case = case_lock_for_update(case_id, CaseState.ESCORT)
    require_clerk_of(case, actor)
    if hasattr(case, "hand_over"):
        raise ValidationError(_("The hand-over is already recorded."))
    prep = getattr(case, "release_preparation", None)
    # The form gives minutes: a hand-over in the minute of the release is not "before" it.
    released_minute = prep.released_at.replace(second=0, microsecond=0) if prep else None
    if released_minute is not None and handed_over_at < released_minute:
        raise ValidationError(_("The hand-over cannot precede the release."))
    if handed_over_at > timezone.now():
        raise ValidationError(_("The hand-over time is in the future."))
    scan = evidence_upload(
        case_id=case.pk,
        actor=actor,
        kind=EvidenceKind.HAND_OVER_RECORD,
        upload=signed_record,
        description=_("Hand-over record signed by both sides"),
    )
    now = timezone.now()
    record = HandOver(
        case=case,
        handed_over_at=handed_over_at,
        place=place,
        institution_signatory=institution_signatory,
        cci_signatory=cci_signatory,
        documents=documents,
        condition=condition,
        signed_record=scan,
        procuratorate_notified_at=now,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="case.handed_over",
        obj=case,
        payload={"hand_over_id": record.pk, "sha256": scan.sha256},
    )
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
    for procuratorate in _organisations(case, Capacity.PROCURATORATE):
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


@transaction.atomic
def public_security_hand_over_record(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    handed_over_at: dt.datetime,
    place: str,
    institution_signatory: str,
    cci_signatory: str,
    documents: str,
    condition: str,
    signed_record: UploadedFile,
) -> HandOver:
    """T-A06 on bail or residential surveillance: the public security organ executing it
    hands the defendant over to the community-correction institution within 10 days of
    receiving the court's decision (P2014 Art 19; CCL Art 21 ¶2; D-14).

    That organ usually has no users here (as for the court's proofs of service), so the
    receiving institution's correction officer, who signs the record for the receiving side,
    records it with the scan signed by both sides. Nobody was held, so nothing is released:
    the case passes through the release steps to the hand-over in this one act, and the
    officer then registers the reception (CCL Art 22)."""
    case = case_lock_for_update(case_id, expected_state)
    _require_receiving_officer(case, actor)
    if hasattr(case, "hand_over"):
        raise ValidationError(_("The hand-over is already recorded."))
    unmet = missing(case, "public_security_hand_over")
    if unmet:
        raise TransitionRefused(unmet)
    from approvals.models import Delivery

    received_at = (
        case.decision.deliveries.filter(purpose=Delivery.Purpose.INSTITUTION)  # type: ignore[attr-defined]
        .values_list("received_at", flat=True)
        .first()
    )
    # The form gives minutes: a hand-over in the minute of the receipt is not "before" it.
    if received_at is not None and handed_over_at < received_at.replace(second=0, microsecond=0):
        raise ValidationError(
            _("The hand-over cannot precede the public security organ's receipt of the decision.")
        )
    if handed_over_at > timezone.now():
        raise ValidationError(_("The hand-over time is in the future."))
    scan = evidence_store(
        case=case,
        actor=actor,
        kind=EvidenceKind.HAND_OVER_RECORD,
        upload=signed_record,
        description=str(_("Hand-over record signed by both sides")),
    )
    before = str(case.state)
    case.prepare_release()
    case.release()
    case.save()
    record = HandOver(
        case=case,
        handed_over_at=handed_over_at,
        place=place,
        institution_signatory=institution_signatory,
        cci_signatory=cci_signatory,
        documents=documents,
        condition=condition,
        signed_record=scan,
        procuratorate_notified_at=timezone.now(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="case.handed_over_by_public_security",
        obj=case,
        from_state=before,
        to_state=case.state,
        payload={"hand_over_id": record.pk, "sha256": scan.sha256, "bail_branch": True},
    )
    _hand_over_effects(case, record, actor)
    return record


def _require_receiving_officer(case: Case, actor: User) -> Organisation:
    cci = next(
        (o for o in _organisations(case, Capacity.EXECUTING_CCI) if o.pk == actor.organisation_id),
        None,
    )
    if cci is None or Role.CORRECTION_OFFICER not in actor.role_codes:
        raise PermissionDenied(
            _("Only an officer of the residence's community-correction institution can do this.")
        )
    return cci


@transaction.atomic
def reception_register(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    file_number: str,
    documents_checked: bool,
    identity_verified: bool,
    file_opened: bool,
    rules_announced: bool,
    received_at: dt.datetime | None = None,
) -> Reception:
    """T-B14 / T-A06: the community-correction institution receives the person: documents
    checked, identity verified, registered, file opened, offence, term and rules announced
    (CCL Art 22). The case is then under community correction; for medical parole the
    three-monthly review of the condition starts (P2014 Art 21, D-15)."""
    case = case_lock_for_update(case_id, expected_state)
    cci = _require_receiving_officer(case, actor)
    unmet = []
    if not documents_checked:
        unmet.append(Requirement("CCL Art 22", _("Check the decision and documents received.")))
    if not identity_verified:
        unmet.append(Requirement("CCL Art 22", _("Verify the person's identity.")))
    if not file_opened:
        unmet.append(Requirement("CCL Art 22", _("Register the person and open the file.")))
    if not rules_announced:
        unmet.append(
            Requirement("CCL Art 22", _("Announce the offence, the term and the rules to observe."))
        )
    if not file_number.strip():
        unmet.append(Requirement("CCL Art 22", _("Give the number of the correction file.")))
    if unmet:
        raise TransitionRefused(unmet)
    _fire(case, "receive_into_supervision", actor)
    received_at = received_at or timezone.now()
    reception = Reception.objects.create(
        case=case,
        institution=cci,
        received_at=received_at,
        documents_checked=documents_checked,
        identity_verified=identity_verified,
        file_opened=file_opened,
        rules_announced=rules_announced,
        file_number=file_number.strip(),
        officer=actor,
    )
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
        for o in _organisations(case, Capacity.DECISION_ORGAN)
    ]
    institution = custodial_institution(case)
    if institution is not None:
        recipients.append((institution, [Role.PRISON_CLERK, Role.PRISON_LEADER]))
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


__all__ = [
    "CaseConflict",
    "TransitionRefused",
    "court_bail_branch",
    "custodial_institution",
    "emergency_announcement_record",
    "hand_over_record",
    "public_security_hand_over_record",
    "reception_register",
    "release",
    "release_prepare",
    "release_record_save",
]
