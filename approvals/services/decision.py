"""The approving authority's actions (legal-spec §3.1 T-B11, T-B11x; P2014 Art 14)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    FILEHOLDER,
    FILING_RECIPIENT,
    choice_require,
    fileholder_choices,
    filing_recipient_choices,
)
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CasePath, CaseState, ProcuratorialOpinion
from cases.rules import Requirement
from cases.services.workflow import CaseConflict, TransitionRefused, _locked
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType, Role
from kernel.audit.services import audit_record
from kernel.deadlines.models import Deadline
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.models import GeneratedDocument
from kernel.documents.services import document_issue
from kernel.notices.services import notice_send_to_role
from kernel.numbering.services import number_issue
from kernel.signing.otp import second_factor_failures_recorded

from ..models import (
    ApprovalDecision,
    CrossProvinceTransfer,
    Delivery,
    FilingForReview,
    OpinionAnswer,
    ProcuratorialObjection,
    Publication,
)
from ..rules import missing_for_decision

DECIDING_ROLES = frozenset({Role.APPROVER, Role.APPROVING_HEAD})
#: On the court path the court is the deciding organ; its judges and clerks record receipts
#: (proofs of service) and re-examinations for it.
COURT_STAFF_ROLES = frozenset({Role.JUDGE, Role.COURT_CLERK})
#: The procuratorate may object within one month of receiving the decision (P2014 Art 30),
#: whether or not the person has been released in the meantime.
OBJECTIONABLE_STATES = frozenset(
    {
        CaseState.APPROVED,
        CaseState.RELEASE_PREPARATION,
        CaseState.ESCORT,
        CaseState.UNDER_SUPERVISION,
    }
)


#: The series word of each decision number (浙狱暂决〔2026〕001号, 浙狱不批〔2026〕001号): the
#: approving authority's decision to approve (DOC-16) or not (DOC-17); the court's decision
#: (DOC-16C) or its notice that it does not (DOC-18).
DECISION_SERIES = {True: "暂决", False: "不批"}
COURT_DECISION_SERIES = {True: "暂决", False: "不暂通"}


def decision_number_issue(*, authority: Organisation, approve: bool, court: bool = False) -> str:
    """The decision's official number, from the deciding organ's own series for the year;
    call it inside the deciding transaction (`kernel.numbering`)."""
    series = (COURT_DECISION_SERIES if court else DECISION_SERIES)[approve]
    return number_issue(
        organisation=authority,
        series=series,
        year=timezone.localdate().year,
        taken=lambda number: ApprovalDecision.objects.filter(number=number).exists(),
    )


def _authority_of(case: Case, actor: User) -> Organisation:
    authority = next(
        (p.organisation for p in case.participants.all() if p.capacity == Capacity.DECISION_ORGAN),
        None,
    )
    roles = COURT_STAFF_ROLES if case.path == "A" else DECIDING_ROLES
    if authority is None or authority.pk != actor.organisation_id or not (actor.role_codes & roles):
        raise PermissionDenied(_("Only the approving authority of this case can do this."))
    return authority


@transaction.atomic
def opinion_answer(
    *, opinion_id: int, actor: User, answer: str, answered_on: dt.date | None = None
) -> OpinionAnswer:
    """Answer a procuratorial opinion (it must be answered before deciding)."""
    opinion = ProcuratorialOpinion.objects.select_related("case").get(pk=opinion_id)
    _authority_of(opinion.case, actor)
    if not answer.strip():
        raise ValidationError(_("Write the answer to the procuratorate."))
    if hasattr(opinion, "answer"):
        raise ValidationError(_("This opinion has already been answered."))
    record = OpinionAnswer.objects.create(
        opinion=opinion,
        answered_by=actor,
        answered_on=answered_on or timezone.localdate(),
        answer=answer,
    )
    audit_record(
        actor=actor,
        action="case.opinion_answered",
        obj=opinion.case,
        payload={"opinion_id": opinion.pk},
    )
    notice_send_to_role(
        organisation_id=opinion.procuratorate_id,
        roles=[Role.PROCURATOR],
        key=f"opinion-answer:{opinion.pk}",
        subject=_("Answer to your opinion on %(case)s") % {"case": opinion.case.number},
        body=answer[:500],
        link=opinion.case.get_absolute_url(),
    )
    return record


@second_factor_failures_recorded  # a wrong code is counted after this transaction rolls back
@transaction.atomic
def case_decide(
    *,
    case_id: int,
    actor: User,
    approve: bool,
    reasons: str,
    committee_held_on: dt.date,
    committee_members_present: int,
    expected_state: str,
    otp_code: str | None = None,
) -> ApprovalDecision:
    """Decide on the proposal within 15 working days of receipt (Art 14): the decision
    document is issued, D-04 is met, the 5-working-day delivery clock starts (D-05/D-06).

    With `otp_code` the document is signed (PAdES) for the authority in the same
    transaction, confirmed by the approver's one-time password: a wrong code leaves the case
    undecided. The screens always sign; service callers without a code (data migration,
    tests of the clocks) issue an unsigned document that can be signed later."""
    case = _locked(case_id, expected_state)
    authority = _authority_of(case, actor)
    if case.state != CaseState.PROPOSED:
        raise CaseConflict(case.state)
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    unmet = missing_for_decision(
        case, authority_type=authority.type, committee_members_present=committee_members_present
    )
    if unmet:
        raise TransitionRefused(unmet)
    before = case.state
    (case.approve if approve else case.refuse)()
    case.save()
    now = timezone.now()
    number = decision_number_issue(authority=authority, approve=approve)
    title = "暂予监外执行决定书" if approve else "不予批准暂予监外执行决定书"
    from cases.documents import case_document_context

    document = document_issue(
        template="decision",
        number=number,
        title=title,
        issuing_organisation=authority,
        issued_on=timezone.localdate(),
        actor=actor,
        context={
            **case_document_context(case, "decision"),
            "approved": approve,
            "reasons": reasons,
        },
    )
    decision = ApprovalDecision.objects.create(
        case=case,
        approved=approve,
        authority=authority,
        decided_by=actor,
        decided_at=now,
        number=number,
        reasons=reasons,
        committee_held_on=committee_held_on,
        committee_members_present=committee_members_present,
        document=document,
    )
    if otp_code is not None:
        decision_document_sign(document=document, actor=actor, otp_code=otp_code, reason=title)
    audit_record(
        actor=actor,
        action="case.approve" if approve else "case.refuse",
        obj=case,
        from_state=before,
        to_state=case.state,
        reason=reasons,
        payload={"decision": number, "sha256": document.sha256},
    )
    deadline_meet(subject=case, code="D-04", event=f"decision {number}", actor=actor, at=now)
    deadline_open(
        code="D-05" if approve else "D-06",
        subject=case,
        trigger_at=now,
        responsible_organisation=authority,
        actor=actor,
    )
    if approve:
        # CCL Art 20: notify the community-correction institution within 5 days of the
        # decision taking effect, and deliver the legal documents within 10 days.
        for code in ("D-13a", "D-13b"):
            deadline_open(
                code=code,
                subject=case,
                trigger_at=now,
                responsible_organisation=authority,
                actor=actor,
            )
        cci = residence_cci(case)
        if cci is not None:
            CaseParticipant.objects.get_or_create(
                case=case, organisation=cci, capacity=Capacity.EXECUTING_CCI
            )
    institution = next(
        p.organisation for p in case.participants.all() if p.capacity == Capacity.INSTITUTION
    )
    Delivery.objects.bulk_create(_deliveries_for(decision))
    if approve:
        from ..publication import decision_publish

        decision_publish(decision)
    notice_send_to_role(
        organisation_id=institution.pk,
        roles=[Role.PRISON_CLERK, Role.PRISON_LEADER],
        key=f"decision:{decision.pk}",
        subject=_("%(title)s: %(case)s") % {"title": title, "case": case.number},
        body=reasons[:500],
        link=case.get_absolute_url(),
    )
    return decision


def decision_document_sign(
    *, document: GeneratedDocument, actor: User, otp_code: str, reason: str
) -> None:
    """Sign a decision for its deciding organ inside the deciding transaction, confirmed by
    the decider's one-time password: a wrong code or a missing key refuses the whole decision
    (Electronic Signature Law Art 13: the signing key under the signer's sole control).

    The deciding service must be wrapped in `second_factor_failures_recorded`: a wrong code
    rolls the decision back, and only then is it counted towards the lock."""
    from kernel.signing.keystore import SigningUnavailable
    from kernel.signing.services import document_sign

    try:
        document_sign(document=document, actor=actor, otp_code=otp_code, reason=reason)
    except SigningUnavailable as exc:
        raise ValidationError(str(exc)) from exc


def residence_cci(case: Case) -> Organisation | None:
    """The community-correction institution of the place of execution (CCL Art 17): the
    county institution of the residence region."""
    return Organisation.objects.filter(
        type=OrganisationType.COMMUNITY_CORRECTION,
        region_code=case.offender.residence_region_code,
        is_active=True,
    ).first()


def _residence_public_security(case: Case) -> Organisation | None:
    return Organisation.objects.filter(
        type=OrganisationType.COUNTY_PUBLIC_SECURITY,
        region_code=case.offender.residence_region_code,
        is_active=True,
    ).first()


def _deliveries_for(decision: ApprovalDecision) -> list[Delivery]:
    """Art 14: to the institution; copies to the procuratorate at the same level, the original
    sentencing court and (approvals only) the community-correction institution of the
    residence."""
    case = decision.case
    by_capacity = {p.capacity: p.organisation for p in case.participants.all()}
    recipients: list[tuple[Organisation | None, str]] = [
        (by_capacity.get(Capacity.INSTITUTION), Delivery.Purpose.INSTITUTION),
        (by_capacity.get(Capacity.DECISION_PROCURATORATE), Delivery.Purpose.PROCURATORATE),
        (by_capacity.get(Capacity.ORIGINAL_COURT), Delivery.Purpose.ORIGINAL_COURT),
    ]
    if decision.approved:
        cci = residence_cci(case)
        recipients += [
            (cci, Delivery.Purpose.COMMUNITY_CORRECTION),
            (cci, Delivery.Purpose.CCI_DOCUMENTS),
            (_residence_public_security(case), Delivery.Purpose.PUBLIC_SECURITY),
        ]
    now = decision.decided_at
    return [
        Delivery(decision=decision, recipient=org, purpose=purpose, sent_at=now)
        for org, purpose in recipients
        if org is not None
    ]


@transaction.atomic
def delivery_receipt_record(
    *, delivery_id: int, actor: User, received_at: dt.datetime | None = None
) -> Delivery:
    """Record the recipient's receipt: the one entry point of this act, whichever page (the
    decision, the court case, the release page) or API calls it.

    The institution's receipt meets the 5-working-day delivery clock (D-05/D-06) and, on
    approval, starts the 10-day hand-over (D-14, CCL Art 21); on the court path the executing
    organ's receipt of the grant is its service, which meets D-12 (P2014 Art 18 ¶2). The
    community-correction institution's receipts meet D-13a/b (CCL Art 20); the
    procuratorate's starts its one month to object (D-10, P2014 Art 30; CPL Art 267)."""
    delivery = (
        Delivery.objects.select_for_update().select_related("decision__case").get(pk=delivery_id)
    )
    decision = delivery.decision
    if actor.organisation_id != delivery.recipient_id:
        _authority_of(decision.case, actor)
    if delivery.received_at is not None:
        raise ValidationError(_("The receipt is already recorded."))
    received_at = received_at or timezone.now()
    if received_at < delivery.sent_at:
        raise ValidationError(_("A document cannot be received before it was sent."))
    delivery.received_at = received_at
    delivery.save(update_fields=["received_at"])
    case = decision.case
    audit_record(
        actor=actor,
        action="decision.delivery_received",
        obj=case,
        payload={
            "delivery_id": delivery.pk,
            "purpose": delivery.purpose,
            "recipient": delivery.recipient_id,
        },
    )
    if delivery.purpose == Delivery.Purpose.INSTITUTION:
        deadline_meet(
            subject=case,
            code="D-05" if decision.approved else "D-06",
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
        if decision.approved and case.path == CasePath.COURT:
            # Art 18 ¶2: the court's decision is served within 7 days of the judgment taking
            # effect; the detention centre's (or public security organ's) receipt is that
            # service, whoever records it.
            deadline_meet(
                subject=case,
                code="D-12",
                event=f"served on {delivery.recipient}",
                actor=actor,
                at=received_at,
            )
        if decision.approved:
            # CCL Art 21: hand over within 10 days of the institution receiving the decision.
            deadline_open(
                code="D-14",
                subject=case,
                trigger_at=received_at,
                responsible_organisation=delivery.recipient,
                actor=actor,
            )
            notice_send_to_role(
                organisation_id=delivery.recipient_id,
                roles=[Role.PRISON_CLERK, Role.PRISON_LEADER],
                key=f"decision-received:{decision.pk}",
                subject=_("%(case)s: prepare the release and hand over within 10 days")
                % {"case": case.number},
                body=_("P2014 Arts 15-16; CCL Art 21."),
                link=case.get_absolute_url(),
            )
    receipt_clocks = {
        Delivery.Purpose.COMMUNITY_CORRECTION: "D-13a",
        Delivery.Purpose.CCI_DOCUMENTS: "D-13b",
    }
    if delivery.purpose in receipt_clocks:
        deadline_meet(
            subject=case,
            code=receipt_clocks[delivery.purpose],
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
    if delivery.purpose == Delivery.Purpose.PROCURATORATE and decision.approved:
        deadline_open(
            code="D-10",
            subject=case,
            trigger_at=received_at,
            responsible_organisation=delivery.recipient,
            actor=actor,
        )
    return delivery


@transaction.atomic
def objection_file(*, case_id: int, actor: User, grounds: str) -> ProcuratorialObjection:
    """The procuratorate at the deciding organ's level objects within one month of receiving
    the decision (P2014 Art 30; CPL Art 267); the authority must re-examine at once."""
    case = _locked(case_id, None)
    decision = getattr(case, "decision", None)
    if decision is None or not decision.approved or case.state not in OBJECTIONABLE_STATES:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 30",
                    _("Only a decision approving temporary execution in force can be objected to."),
                )
            ]
        )
    delivery = decision.deliveries.filter(
        purpose=Delivery.Purpose.PROCURATORATE, recipient_id=actor.organisation_id
    ).first()
    if Role.PROCURATOR not in actor.role_codes or delivery is None:
        raise PermissionDenied(_("Only the procuratorate the decision was copied to objects."))
    if not grounds.strip():
        raise ValidationError(_("State the grounds of the objection."))
    now = timezone.now()
    from django.contrib.contenttypes.models import ContentType

    window = Deadline.objects.filter(
        subject_type=ContentType.objects.get_for_model(Case),
        subject_id=case.pk,
        kind="D-10",
        responsible_organisation_id=actor.organisation_id,
    ).first()
    if window is not None and window.due_at is not None and now > window.due_at:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 30; CPL Art 267",
                    _("The month to object ended on %(date)s.") % {"date": window.due_date},
                )
            ]
        )
    objection = ProcuratorialObjection.objects.create(
        decision=decision,
        procuratorate_id=actor.organisation_id,
        author=actor,
        filed_at=now,
        grounds=grounds,
    )
    audit_record(
        actor=actor,
        action="decision.objected",
        obj=case,
        reason=grounds,
        payload={"objection_id": objection.pk},
    )
    deadline_meet(subject=case, code="D-10", event="procuratorial objection", actor=actor, at=now)
    deadline_open(
        code="D-11",
        subject=case,
        trigger_at=now,
        responsible_organisation=decision.authority,
        actor=actor,
    )
    notice_send_to_role(
        organisation_id=decision.authority_id,
        roles=list(DECIDING_ROLES),
        key=f"objection:{objection.pk}",
        subject=_("Procuratorial objection to %(number)s: re-examine at once")
        % {"number": decision.number},
        body=grounds[:500],
        link=case.get_absolute_url(),
        severity="danger",
    )
    return objection


@transaction.atomic
def objection_review(
    *, objection_id: int, actor: User, maintain: bool, reasons: str
) -> ProcuratorialObjection:
    """The authority's re-examination: the decision is maintained or revoked, and the
    procuratorate and the institution are told (P2014 Art 30)."""
    objection = (
        ProcuratorialObjection.objects.select_for_update()
        .select_related("decision")
        .get(pk=objection_id)
    )
    decision = objection.decision
    case = _locked(decision.case_id, None)
    _authority_of(case, actor)
    if objection.outcome:
        raise ValidationError(_("This objection has already been re-examined."))
    if not reasons.strip():
        raise ValidationError(_("Give the reasons of the re-examination."))
    now = timezone.now()
    objection.outcome = (
        ProcuratorialObjection.Outcome.MAINTAINED
        if maintain
        else ProcuratorialObjection.Outcome.REVOKED
    )
    objection.reviewed_at, objection.reviewed_by, objection.review_reasons = now, actor, reasons
    objection.save()
    before = case.state
    if not maintain and case.state not in (CaseState.APPROVED, CaseState.RELEASE_PREPARATION):
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Arts 23, 30",
                    _(
                        "The person has already left the institution: revoking the decision "
                        "means deciding imprisonment."
                    ),
                )
            ]
        )
    if not maintain:
        case.revoke_approval()
        case.save()
        Publication.objects.filter(decision=decision).update(withdrawn=True)
    audit_record(
        actor=actor,
        action=f"decision.{objection.outcome}",
        obj=case,
        from_state=before,
        to_state=case.state,
        reason=reasons,
    )
    deadline_meet(
        subject=case, code="D-11", event=f"re-examined: {objection.outcome}", actor=actor, at=now
    )
    institution = next(
        p.organisation for p in case.participants.all() if p.capacity == Capacity.INSTITUTION
    )
    for organisation_id, roles in (
        (objection.procuratorate_id, [Role.PROCURATOR]),
        (institution.pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
    ):
        notice_send_to_role(
            organisation_id=organisation_id,
            roles=roles,
            key=f"objection-review:{objection.pk}",
            subject=_("Re-examination of %(number)s: %(outcome)s")
            % {"number": decision.number, "outcome": objection.get_outcome_display()},
            body=reasons[:500],
            link=case.get_absolute_url(),
        )
    return objection


@transaction.atomic
def filing_record(
    *, case_id: int, actor: User, filed_with: Organisation, filed_on: dt.date, reference: str = ""
) -> FilingForReview:
    """Record the case-by-case filing for review of a duty-crime case (P2014 Art 2 ¶2)."""
    case = _locked(case_id, None)
    _authority_of(case, actor)
    if not case.filing_required:
        raise ValidationError(_("This case does not need filing for review."))
    if hasattr(case, "filing"):
        raise ValidationError(_("The filing for review is already recorded."))
    choice_require(filing_recipient_choices(case), filed_with, FILING_RECIPIENT)
    filing = FilingForReview.objects.create(
        case=case, filed_with=filed_with, filed_on=filed_on, reference=reference, filed_by=actor
    )
    audit_record(
        actor=actor,
        action="case.filed_for_review",
        obj=case,
        payload={"filed_with": filed_with.pk, "reference": reference},
    )
    return filing


# Cross-province residence (P2014 Art 20; legal-spec T-B11c, T-B11d).

_RESIDENCE_AUTHORITY_TYPE = {
    "B": OrganisationType.PRISON_ADMINISTRATION,
    "C": OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
}


def residence_province_authority(case: Case) -> Organisation | None:
    """The prison administration (or public security detention management) of the residence
    province, which designates the institution holding the file."""
    province = case.offender.residence_region_code[:2]
    return (
        Organisation.objects.filter(
            type=_RESIDENCE_AUTHORITY_TYPE.get(case.path, ""),
            region_code__startswith=province,
            is_active=True,
        )
        .order_by("region_code")
        .first()
    )


@transaction.atomic
def cross_province_notify(
    *, case_id: int, actor: User, notified_organ: Organisation | None = None
) -> CrossProvinceTransfer:
    """T-B11c: the deciding organ notifies the residence province in writing (Art 20)."""
    case = _locked(case_id, None)
    authority = _authority_of(case, actor)
    if not CrossProvinceTransfer.required_for(case):
        raise ValidationError(_("The residence is in the province of the institution."))
    if case.state != CaseState.APPROVED:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 20", _("Only an approved case is notified to another province.")
                )
            ]
        )
    if hasattr(case, "cross_province"):
        raise ValidationError(_("The residence province has already been notified."))
    organ = notified_organ or residence_province_authority(case)
    province = case.offender.residence_region_code[:2]
    if (
        organ is None
        or organ.region_code[:2] != province
        or organ.type != _RESIDENCE_AUTHORITY_TYPE.get(case.path)
    ):
        raise ValidationError(
            _(
                "No authority of the residence province is configured (P2014 Art 20): ask the "
                "system administrator to add it."
            )
        )
    transfer = CrossProvinceTransfer.objects.create(
        case=case, notified_organ=organ, notified_at=timezone.now(), notified_by=actor
    )
    CaseParticipant.objects.get_or_create(
        case=case, organisation=organ, capacity=Capacity.RESIDENCE_AUTHORITY
    )
    audit_record(
        actor=actor,
        action="case.cross_province_notified",
        obj=case,
        payload={"organ": organ.pk, "from": authority.pk},
    )
    notice_send_to_role(
        organisation_id=organ.pk,
        roles=list(DECIDING_ROLES),
        key=f"xprov:{case.pk}",
        subject=_(
            "Cross-province execution: designate the institution holding the file of %(case)s"
        )
        % {"case": case.number},
        body=_("P2014 Art 20: the residence is in your province."),
        link=case.get_absolute_url(),
        severity="warning",
    )
    return transfer


@transaction.atomic
def fileholder_designate(
    *, case_id: int, actor: User, fileholder: Organisation
) -> CrossProvinceTransfer:
    """T-B11d: the residence province designates one prison or detention centre to hold the
    file; it notifies the community-correction institution in writing (Art 20)."""
    case = _locked(case_id, None)
    transfer = CrossProvinceTransfer.objects.select_for_update().filter(case=case).first()
    if (
        transfer is None
        or transfer.notified_organ_id != actor.organisation_id
        or not (actor.role_codes & DECIDING_ROLES)
    ):
        raise PermissionDenied(
            _("Only the notified authority of the residence province designates the file holder.")
        )
    if transfer.fileholder_id is not None:
        raise ValidationError(_("The institution holding the file is already designated."))
    choice_require(fileholder_choices(case, transfer.notified_organ), fileholder, FILEHOLDER)
    transfer.fileholder = fileholder
    transfer.designated_at = timezone.now()
    transfer.designated_by = actor
    transfer.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=fileholder, capacity=Capacity.FILEHOLDER
    )
    audit_record(
        actor=actor,
        action="case.fileholder_designated",
        obj=case,
        payload={"fileholder": fileholder.pk},
    )
    notices = [
        (fileholder.pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
        (case_institution(case).pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
    ]
    cci = residence_cci(case)
    if cci is not None:
        notices.append((cci.pk, [Role.CORRECTION_OFFICER]))
    for organisation_id, roles in notices:
        notice_send_to_role(
            organisation_id=organisation_id,
            roles=roles,
            key=f"fileholder:{case.pk}:{organisation_id}",
            subject=_("%(org)s holds the file of %(case)s (P2014 Art 20)")
            % {"org": fileholder, "case": case.number},
            link=case.get_absolute_url(),
        )
    return transfer


def case_institution(case: Case) -> Organisation:
    return next(
        p.organisation for p in case.participants.all() if p.capacity == Capacity.INSTITUTION
    )
