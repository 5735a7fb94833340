"""The decision of the deciding organ (P2014 Art 14; legal-spec T-B11, DOC-16/17): the answer
to the procuratorial opinion, the decision with its official number, document and signature,
the clocks it opens and meets, the deliveries it creates."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, CaseState, ProcuratorialOpinion
from cases.services.workflow import CaseConflict, TransitionRefused, case_lock_for_update
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.documents.models import GeneratedDocument
from kernel.documents.services import document_issue
from kernel.notices.services import notice_send_to_role
from kernel.numbering.services import number_issue
from kernel.signing.otp import second_factor_failures_recorded

from ..models import ApprovalDecision, Delivery, OpinionAnswer
from ..rules import missing_for_decision
from ._common import _authority_of
from .deliveries import _deliveries_for, residence_cci

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
    case = case_lock_for_update(case_id, expected_state)
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
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
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
