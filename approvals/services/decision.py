"""The decision of the deciding organ (P2014 Art 14; legal-spec T-B11, DOC-16/17): the answer
to the procuratorial opinion, the decision's official number and signature, and the named calls
of the acts declared in `approvals.acts.decision` (the decision itself: its document, clocks
and deliveries)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.models import ProcuratorialOpinion
from kernel.accounts.models import Organisation, User
from kernel.documents.models import GeneratedDocument
from kernel.numbering.services import number_issue

from ..models import ApprovalDecision, OpinionAnswer
from ._common import case_of

#: The series word of each decision number (浙狱暂决〔2026〕001号, 浙狱不批〔2026〕001号): the
#: approving authority's decision to approve (DOC-16) or not (DOC-17); the court's decision
#: (DOC-16C) or its notice that it does not (DOC-18).
DECISION_SERIES = {True: "暂决", False: "不批"}
COURT_DECISION_SERIES = {True: "暂决", False: "不暂通"}


def decision_number_issue(*, authority: Organisation, series: str) -> str:
    """The decision's official number, from the deciding organ's own series for the year;
    call it inside the deciding transaction (`kernel.numbering`: no gap, no duplicate)."""
    return number_issue(
        organisation=authority,
        series=series,
        year=timezone.localdate().year,
        taken=lambda number: ApprovalDecision.objects.filter(number=number).exists(),
    )


def opinion_answer(
    *, opinion_id: int, actor: User, answer: str, answered_on: dt.date | None = None
) -> OpinionAnswer:
    """Answer a procuratorial opinion (it must be answered before deciding): the act
    `opinion_answer`, on the case of the opinion."""
    record: OpinionAnswer = act_run(
        ACTS["opinion_answer"],
        case_id=case_of(ProcuratorialOpinion.objects.filter(pk=opinion_id)),
        actor=actor,
        expected_state=None,
        opinion_id=opinion_id,
        answer=answer,
        answered_on=answered_on,
    )
    return record


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
    """T-B11 / T-B11x: the approving authority decides within 15 working days of receipt
    (Art 14): the act `decision_issue` (`approvals.acts.decision`).

    With `otp_code` the document is signed (PAdES) for the authority in the same
    transaction, confirmed by the approver's one-time password: a wrong code leaves the case
    undecided. The screens always sign; service callers without a code (data migration,
    tests of the clocks) issue an unsigned document that can be signed later."""
    decision: ApprovalDecision = act_run(
        ACTS["decision_issue"],
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        approve=approve,
        reasons=reasons,
        committee_held_on=committee_held_on,
        committee_members_present=committee_members_present,
        otp_code=otp_code,
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
