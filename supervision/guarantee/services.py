"""What the acts of this part write besides their own record (called from their effects, inside
the runner's transaction), and the periodic check (`guarantee_sweep`): a leave not returned
from by its last day alerts the officer; a D-30 passed without a new guarantor raises the
ground of SPC-Interp Art 516(7), once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cases.jurisdiction import CAPACITY_ROLES, Capacity
from cases.models import Case, CaseParticipant
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType, Role
from kernel.deadlines.models import OPEN_STATUSES, DeadlineStatus
from kernel.deadlines.selectors import deadlines_of
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_post, notice_send_to_role

from ..models import ContactRole, RevocationGroundKind, Supervision, SupervisionContact
from .models import (
    GuarantorReport,
    GuarantorTerm,
    LostContact,
    MovementKind,
    MovementRequest,
    MovementState,
    TermState,
)

_OFFICERS = [Role.CORRECTION_OFFICER]
_DECISION_ORGAN_STAFF = CAPACITY_ROLES[Capacity.DECISION_ORGAN]
_PROCURATORS = CAPACITY_ROLES[Capacity.PROCURATORATE]
_PUBLIC_SECURITY = (
    OrganisationType.COUNTY_PUBLIC_SECURITY,
    OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
)


def report_late_after() -> dt.timedelta:
    """P2014 Art 12 ¶2 says "immediately" and sets no period (legal-spec D-31: no clock). A
    report made later than this after the event is flagged late (setting
    `TEOP_GUARANTOR_REPORT_LATE_HOURS`, default 24 hours)."""
    return dt.timedelta(hours=getattr(settings, "TEOP_GUARANTOR_REPORT_LATE_HOURS", 24))


def _notify(
    organisation: Organisation | None,
    roles: Any,
    *,
    record: Supervision,
    key: str,
    subject: str,
    body: str = "",
    severity: str = "info",
) -> None:
    if organisation is None:
        return
    case = record.case
    notice_send_to_role(
        organisation_id=organisation.pk,
        roles=roles,
        key=f"{key}:{case.pk}:{organisation.pk}",
        subject=subject,
        body=body,
        link=case.get_absolute_url(),
        severity=severity,
    )


def person_sms(record: Supervision, *, key: str, text: str) -> bool:
    """An SMS to the person under supervision at their current number, sent on commit through
    the configured backend (`TEOP_SMS_BACKEND`); False when no number is on file (the officer
    tells them in person)."""
    contact = record.contacts.filter(role=ContactRole.PERSON, active=True).first()
    if contact is None:
        return False
    backend = import_string(
        getattr(settings, "TEOP_SMS_BACKEND", "kernel.notices.channels.LoggingSmsBackend")
    )()
    phone = contact.phone
    transaction.on_commit(lambda: backend.send(phone=phone, text=text, key=key))
    return True


# The guarantor (P2014 Arts 10-12).


def guarantor_current(record: Supervision) -> GuarantorTerm | Any | None:
    """The current guarantor: the active term, or (before any term is recorded) the guarantor
    confirmed before the release, with the letter of guarantee filed."""
    active = record.guarantor_terms.filter(state=TermState.ACTIVE).first()
    if active is not None:
        return active
    if record.guarantor_terms.exists():
        return None
    return (
        record.case.guarantors.in_force()  # type: ignore[attr-defined]
        .filter(confirmed=True)
        .order_by("-id")
        .first()
    )


def guarantor_current_ensure(record: Supervision, *, actor: User) -> GuarantorTerm | None:
    """The active term, made from the guarantor confirmed before the release the first time
    the history is written (the guarantor who signed at release is the first of it)."""
    current = guarantor_current(record)
    if current is None or isinstance(current, GuarantorTerm):
        return current
    term = GuarantorTerm.objects.create(
        supervision=record,
        signed_at_release=current,
        name=current.name,
        id_number=current.id_number,
        relationship=current.relationship,
        proposed_by=current.proposed_by,
        full_capacity_and_willing=current.full_capacity_and_willing,
        freedom_not_restricted=current.freedom_not_restricted,
        fixed_residence_and_income=current.fixed_residence_and_income,
        lives_with_or_nearby=current.lives_with_or_nearby,
        examined_on=current.examined_on,
        letter_filed_on=current.letter_filed_on,
        recorded_by=actor,
    )
    active = record.contacts.filter(role=ContactRole.GUARANTOR, active=True).first()
    if active is not None and active.name == term.name:
        term.contact = active
    term.accept()
    term.save()
    return term


def guarantor_contact_set(
    record: Supervision, term: GuarantorTerm, *, phone: str
) -> SupervisionContact:
    """The guarantor's active contact (one per supervision): the same person's number is
    updated; another person's contact is kept, inactive, and a new one made."""
    active = (
        record.contacts.select_for_update().filter(role=ContactRole.GUARANTOR, active=True).first()
    )
    if active is not None and active.name == term.name and term.contact_id in (None, active.pk):
        active.phone = phone
        active.full_clean()
        active.save(update_fields=["phone"])
        contact = active
    else:
        if active is not None:
            active.active = False
            active.save(update_fields=["active"])
        contact = SupervisionContact(
            supervision=record, role=ContactRole.GUARANTOR, name=term.name, phone=phone
        )
        contact.full_clean()
        contact.save()
    term.contact = contact
    term.save(update_fields=["contact"])
    return contact


def guarantor_report_create(record: Supervision, *, actor: User, **params: Any) -> GuarantorReport:
    late = params["reported_at"] - params["happened_at"] > report_late_after()
    return GuarantorReport.objects.create(
        supervision=record, recorded_by=actor, late=late, **params
    )


def guarantor_term_end(
    record: Supervision,
    *,
    reason: str,
    ended_on: dt.date,
    details: str,
    organisation: Organisation,
    actor: User,
) -> GuarantorTerm:
    """The guarantor lost the conditions, was disqualified or died: the term ends, the contact
    is kept inactive, D-30 opens for proposing a new guarantor, the person and the officers
    are told (SPC-Interp Art 516(7))."""
    term = guarantor_current_ensure(record, actor=actor)
    assert term is not None
    term.end()
    term.ended_on = ended_on
    term.end_reason = reason
    term.end_details = details
    term.ended_by = actor
    term.save()
    record.contacts.filter(role=ContactRole.GUARANTOR, active=True).update(active=False)
    deadline = deadline_open(
        code="D-30",
        subject=record.case,
        trigger_at=dt.datetime.combine(
            ended_on, dt.time(0), tzinfo=timezone.get_current_timezone()
        ),
        responsible_organisation=organisation,
        actor=actor,
    )
    due = deadline.shown_due_date
    text = _(
        "Your guarantor %(name)s can no longer act as guarantor. Propose a new guarantor "
        "by %(date)s, or the temporary execution may be revoked (SPC-Interp Art 516(7))."
    ) % {"name": term.name, "date": due}
    person_sms(record, key=f"guarantor-ended:{term.pk}", text=text)
    _notify(
        record.executing_cci,
        _OFFICERS,
        record=record,
        key=f"guarantor-ended:{term.pk}",
        subject=_("%(case)s: the guarantor's term ended; a new guarantor is due by %(date)s")
        % {"case": record.case.number, "date": due},
        body=term.get_end_reason_display(),
        severity="warning",
    )
    return term


def guarantor_accept(
    record: Supervision, *, term: GuarantorTerm, letter_filed_on: dt.date, phone: str, actor: User
) -> GuarantorTerm:
    """The new guarantor meets Art 11 and filed the letter: the active guarantor and contact;
    D-30 is met."""
    term.accept()
    term.letter_filed_on = letter_filed_on
    term.save()
    guarantor_contact_set(record, term, phone=phone)
    deadline_meet(subject=record.case, code="D-30", event="new guarantor accepted", actor=actor)
    return term


# CCL Art 27: leave, moves, change of the execution place.


def movement_decide(
    record: Supervision, *, request: MovementRequest, approve: bool, reasons: str, actor: User
) -> MovementRequest:
    """Approve or refuse with the reasons. An approved change of the execution place is
    notified to the deciding organ and the new place's institution, which joins the case to
    receive the documents and the person (CCL Art 27 ¶2)."""
    if approve:
        request.approve()
    else:
        request.refuse()
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.decision_reasons = reasons
    request.save()
    case = record.case
    if approve and request.kind == MovementKind.MOVE:
        _guarantor_recheck(record, record.executing_cci, request)
    if approve and request.kind == MovementKind.CHANGE_PLACE and request.new_cci is not None:
        CaseParticipant.objects.get_or_create(
            case=case, organisation=request.new_cci, capacity=Capacity.EXECUTING_CCI
        )
        subject = _("%(case)s: execution place changed to %(cci)s (CCL Art 27)") % {
            "case": case.number,
            "cci": request.new_cci.name,
        }
        body = _("New residence: %(residence)s.") % {"residence": request.new_residence}
        _notify(
            record.deciding_organ,
            _DECISION_ORGAN_STAFF,
            record=record,
            key=f"execution-place:{request.pk}",
            subject=subject,
            body=body,
        )
        _notify(
            request.new_cci,
            _OFFICERS,
            record=record,
            key=f"execution-place:{request.pk}",
            subject=subject,
            body=body
            + " "
            + _(
                "Receive the person and forward the documents to the "
                "procuratorate and public security of your place."
            ),
            severity="warning",
        )
    return request


def _local(organisation: Organisation, types: Any) -> Organisation | None:
    if not organisation.region_code:
        return None
    return (
        Organisation.objects.filter(type__in=types, region_code=organisation.region_code)
        .order_by("type", "id")
        .first()
    )


def execution_place_receive(
    record: Supervision, *, request: MovementRequest, new_cci: Organisation, actor: User
) -> MovementRequest:
    """The new place's institution receives the person: it executes from now on (the case's
    executing CCI changes, the former one leaves the case), the open clocks pass to it, and the
    documents go to the procuratorate and public security of the place (CCL Art 27 ¶2)."""
    case = record.case
    previous = record.executing_cci
    request.transfer()
    request.received_at = timezone.now()
    request.previous_cci = previous
    request.save()
    record.executing_cci = new_cci
    record.save(update_fields=["executing_cci"])
    CaseParticipant.objects.filter(case=case, capacity=Capacity.EXECUTING_CCI).exclude(
        organisation=new_cci
    ).delete()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=new_cci, capacity=Capacity.EXECUTING_CCI
    )
    deadlines_of(case).filter(
        status__in=[*OPEN_STATUSES, DeadlineStatus.SUSPENDED], responsible_organisation=previous
    ).update(responsible_organisation=new_cci)
    subject = _("%(case)s: received into community correction at %(cci)s (CCL Art 27)") % {
        "case": case.number,
        "cci": new_cci.name,
    }
    procuratorate = _local(new_cci, [OrganisationType.PROCURATORATE])
    if procuratorate is not None:
        CaseParticipant.objects.get_or_create(
            case=case, organisation=procuratorate, capacity=Capacity.PROCURATORATE
        )
    _notify(procuratorate, _PROCURATORS, record=record, key="execution-place-docs", subject=subject)
    public_security = _local(new_cci, _PUBLIC_SECURITY)
    if public_security is not None:
        notice_post(
            organisation_id=public_security.pk,
            key=f"execution-place-docs:{case.pk}:{request.pk}",
            subject=subject,
        )
    _notify(
        previous,
        _OFFICERS,
        record=record,
        key=f"execution-place-done:{request.pk}",
        subject=subject,
    )
    _guarantor_recheck(record, new_cci, request)
    return request


def _guarantor_recheck(record: Supervision, cci: Organisation, request: MovementRequest) -> None:
    """After a move the guarantor condition of P2014 Art 11(4) is checked again (legal-spec
    E-15)."""
    _notify(
        cci,
        _OFFICERS,
        record=record,
        key=f"guarantor-recheck:{request.pk}",
        subject=_(
            "%(case)s: check again that the guarantor lives with the person or in the "
            "same city or county (P2014 Art 11)"
        )
        % {"case": record.case.number},
    )


# CCL Art 30: lost contact.


def lost_contact_record(
    record: Supervision,
    *,
    actor: User,
    public_security_informed_at: dt.datetime | None = None,
    **params: Any,
) -> LostContact:
    """The search starts now; public security of the place is asked to assist."""
    now = timezone.now()
    public_security = _local(record.executing_cci, _PUBLIC_SECURITY)
    if public_security_informed_at is None and public_security is not None:
        public_security_informed_at = now
    lost = LostContact.objects.create(
        supervision=record,
        search_started_at=now,
        public_security_informed_at=public_security_informed_at,
        recorded_by=actor,
        **params,
    )
    if public_security is not None:
        notice_post(
            organisation_id=public_security.pk,
            key=f"lost-contact:{record.case_id}:{lost.pk}",
            subject=_(
                "%(case)s: please assist the search for a person under community "
                "correction who lost contact (CCL Art 30)"
            )
            % {"case": record.case.number},
            body=lost.last_known,
        )
    _notify(
        record.executing_cci,
        _OFFICERS,
        record=record,
        key=f"lost-contact:{lost.pk}",
        subject=_("%(case)s: contact lost, search under way (CCL Art 30)")
        % {"case": record.case.number},
        body=lost.last_known,
        severity="danger",
    )
    return lost


# The periodic check.


def guarantee_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Idempotent: a leave overdue alerts once (claimed by a conditional update); the ground
    of SPC-Interp Art 516(7) is raised once per ended term (`revocation_ground_raise` keeps one
    per source)."""
    from ..grounds import revocation_ground_raise

    now = now or timezone.now()
    today = timezone.localdate(now)
    alerted = 0
    overdue = MovementRequest.objects.filter(
        kind=MovementKind.LEAVE,
        state=MovementState.APPROVED,
        leave_until__lt=today,
        overdue_alerted_at__isnull=True,
    ).select_related("supervision__case", "supervision__executing_cci")
    for request in overdue:
        with transaction.atomic():
            claimed = MovementRequest.objects.filter(
                pk=request.pk, overdue_alerted_at__isnull=True
            ).update(overdue_alerted_at=now)
            if not claimed:
                continue
            record = request.supervision
            _notify(
                record.executing_cci,
                _OFFICERS,
                record=record,
                key=f"leave-overdue:{request.pk}",
                subject=_("%(case)s: not back from leave, which ended on %(date)s (CCL Art 27)")
                % {"case": record.case.number, "date": request.leave_until},
                body=request.destination,
                severity="danger",
            )
            alerted += 1
    raised = 0
    lapsed = (
        deadlines_of(Case)
        .filter(kind="D-30", status__in=OPEN_STATUSES, due_at__lte=now)
        .values_list("subject_id", flat=True)
    )
    for record in Supervision.objects.filter(case_id__in=list(lapsed)).select_related("case"):
        if record.guarantor_terms.filter(state=TermState.ACTIVE).exists():
            continue
        ended = record.guarantor_terms.filter(state=TermState.ENDED).order_by("-ended_on").first()
        if ended is None or ended.ended_by is None:
            continue
        with transaction.atomic():
            before = record.revocation_grounds.count()
            revocation_ground_raise(
                supervision=record,
                ground=RevocationGroundKind.SPC_7,
                reason=_(
                    "No new guarantor was proposed and accepted within the period after "
                    "%(name)s's term ended on %(date)s."
                )
                % {"name": ended.name, "date": ended.ended_on},
                source=ended,
                actor=ended.ended_by,
            )
            raised += record.revocation_grounds.count() - before
    return {"leave_overdue_alerted": alerted, "grounds_raised": raised}
