"""The deciding organ answers the proposal for imprisonment (legal-spec T-S04, T-S05, T-S05x;
P2014 Art 23; CCL Art 49 ¶2; SPC-Interp Art 517): receipt starts the 30 days (D-20); the
decision on imprisonment (DOC-28) is signed with the decider's one-time password, numbered in
its own series, served on the five recipients the law names and moves the supervision to
"awaiting custody"; a rejection with reasons returns the person to supervision."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import ApprovalDecision, DecisionKind, Delivery
from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.documents.models import GeneratedDocument
from kernel.notices.models import Notice
from kernel.signing.otp import SecondFactorRefused
from supervision.imprisonment.acts import (
    ART_DECIDE,
    ART_RECEIPT,
    imprisonment_decide,
    revocation_receipt_record,
)
from supervision.models import Supervision, SupervisionState
from supervision.revocation.models import ProposalStatus
from tests.approvals import conftest as approvals_fixtures

from .discipline_helpers import pdf_text
from .imprisonment_helpers import DECIDED, RECEIVED, proposal_sent

#: The signing key store and one-time passwords of tests/approvals (a fixture).
signing = approvals_fixtures.signing
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
S = SupervisionState


def _articles(exc: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in exc.value.requirements}


def _state(case) -> str:
    return Supervision.objects.get(case=case).state


def _receive(world, case, actor=None):
    with time_machine.travel(RECEIVED, tick=False):
        return revocation_receipt_record(
            case_id=case.pk, actor=actor or world.approver, received_at=RECEIVED
        )


@pytest.fixture
def under_review(world, supervised):
    proposal_sent(world, supervised)
    _receive(world, supervised)
    return supervised


def test_receipt_opens_the_thirty_days_to_decide(world, supervised) -> None:
    proposal = proposal_sent(world, supervised)
    assert _state(supervised) == S.REVOCATION_PROPOSED
    _receive(world, supervised)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RECEIVED
    assert proposal.received_at == RECEIVED
    assert proposal.received_by == world.approver
    assert _state(supervised) == S.REVOCATION_UNDER_REVIEW
    d20 = Deadline.objects.get(kind="D-20")
    assert d20.due_date == dt.date(2026, 6, 5)  # 30 calendar days from 6 May
    assert d20.responsible_organisation == world.pab
    assert Notice.objects.filter(recipient=world.approver, subject__contains="received").exists()


def test_receipt_cannot_predate_the_sending(world, supervised) -> None:
    proposal_sent(world, supervised)
    with time_machine.travel(RECEIVED, tick=False), pytest.raises(ValidationError):
        revocation_receipt_record(
            case_id=supervised.pk,
            actor=world.approver,
            received_at=RECEIVED - dt.timedelta(days=3),
        )
    assert _state(supervised) == S.REVOCATION_PROPOSED


def test_only_the_organ_the_proposal_was_sent_to_records_receipt(world, supervised) -> None:
    proposal_sent(world, supervised)
    for outsider in (world.mps_approver, world.officer, world.clerk_a, world.cja_head):
        with pytest.raises(PermissionDenied):
            _receive(world, supervised, actor=outsider)
    assert _state(supervised) == S.REVOCATION_PROPOSED
    assert not Deadline.objects.filter(kind="D-20").exists()


def test_deciding_before_receipt_is_refused_with_the_article(world, supervised) -> None:
    proposal_sent(world, supervised)
    with time_machine.travel(DECIDED, tick=False), pytest.raises(TransitionRefused) as exc:
        imprisonment_decide(
            case_id=supervised.pk, actor=world.approver, imprison=True, reasons="病情消失"
        )
    assert _articles(exc) == {ART_RECEIPT}


def test_deciding_without_a_proposal_is_refused_with_the_article(world, supervised) -> None:
    with time_machine.travel(DECIDED, tick=False), pytest.raises(TransitionRefused) as exc:
        imprisonment_decide(
            case_id=supervised.pk, actor=world.approver, imprison=True, reasons="病情消失"
        )
    assert _articles(exc) == {ART_DECIDE}


def test_imprisonment_signed_with_the_right_code(world, under_review, signing, tmp_path) -> None:
    case = under_review
    teop = case.decision
    with time_machine.travel(DECIDED, tick=False):
        decision = imprisonment_decide(
            case_id=case.pk,
            actor=world.approver,
            imprison=True,
            reasons="经审查，罪犯保外就医情形已消失且刑期未满，应当收监执行。",
            otp_code=signing(),
        )
    assert _state(case) == S.REVOKED_AWAITING_CUSTODY
    assert decision.kind == DecisionKind.IMPRISONMENT
    assert decision.approved is True
    assert "收决" in decision.number and decision.number != teop.number
    assert decision.document.signature.organisation == world.pab
    assert decision.imprisonment.effective_at is None  # only a court's takes effect at once
    proposal = decision.imprisonment.proposal
    assert proposal.status == ProposalStatus.DECIDED
    assert proposal.decision == decision
    served = {(d.recipient, d.purpose) for d in decision.deliveries.all()}
    purpose = Delivery.Purpose
    assert {
        (world.cja, purpose.JUDICIAL_ADMINISTRATION),
        (world.cci, purpose.JUDICIAL_ADMINISTRATION),
        (world.prison_a, purpose.CUSTODY_INSTITUTION),
        (world.proc_prov, purpose.PROCURATORATE),
        (world.cpsb, purpose.PUBLIC_SECURITY),
    } <= served
    assert all(d.sent_at == DECIDED for d in decision.deliveries.all())
    assert Deadline.objects.get(kind="D-20").status == DeadlineStatus.MET
    text = pdf_text(decision.document, tmp_path)
    assert "张三" in text
    assert decision.number in text.replace(" ", "").replace("\n", "") or "收决" in text
    assert "收监执行决定书" in text
    # The case now has several decisions; `case.decision` is still the TEOP one.
    case.refresh_from_db()
    assert case.decision == teop
    assert set(case.decisions.values_list("kind", flat=True)) == {
        DecisionKind.TEOP,
        DecisionKind.IMPRISONMENT,
    }
    assert case.state == CaseState.UNDER_SUPERVISION
    assert Notice.objects.filter(recipient=world.officer, subject__contains=decision.number)
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains=decision.number)
    assert Notice.objects.filter(recipient=world.cja_head, subject__contains=decision.number)
    # The county judicial administration was served: it sees the case and records its receipt.
    delivery = decision.deliveries.get(recipient=world.cja)
    from approvals.services import delivery_receipt_record

    with time_machine.travel(DECIDED + dt.timedelta(days=1), tick=False):
        delivery_receipt_record(delivery_id=delivery.pk, actor=world.cja_head)
    delivery.refresh_from_db()
    assert delivery.received_at is not None
    assert not Deadline.objects.filter(kind="D-10", trigger_at__gte=DECIDED).exists()


def test_a_wrong_code_changes_nothing(world, under_review, signing) -> None:
    documents = GeneratedDocument.objects.count()
    with time_machine.travel(DECIDED, tick=False):
        right = signing()
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        with pytest.raises(SecondFactorRefused):
            imprisonment_decide(
                case_id=under_review.pk,
                actor=world.approver,
                imprison=True,
                reasons="病情消失",
                otp_code=wrong,
            )
    assert _state(under_review) == S.REVOCATION_UNDER_REVIEW
    assert not ApprovalDecision.objects.filter(kind=DecisionKind.IMPRISONMENT).exists()
    assert GeneratedDocument.objects.count() == documents
    assert Deadline.objects.get(kind="D-20").status != DeadlineStatus.MET


def test_a_rejection_with_reasons_returns_the_person_to_supervision(world, under_review) -> None:
    with time_machine.travel(DECIDED, tick=False):
        decision = imprisonment_decide(
            case_id=under_review.pk,
            actor=world.approver,
            imprison=False,
            reasons="复查结论尚不足以认定病情消失，继续社区矫正。",
        )
    assert _state(under_review) == S.UNDER_SUPERVISION
    assert decision.kind == DecisionKind.IMPRISONMENT and decision.approved is False
    assert "不收决" in decision.number
    assert decision.imprisonment.proposal.status == ProposalStatus.REJECTED
    assert Deadline.objects.get(kind="D-20").status == DeadlineStatus.MET
    assert not decision.deliveries.filter(purpose=Delivery.Purpose.CUSTODY_INSTITUTION).exists()
    assert Notice.objects.filter(recipient=world.officer, subject__contains=decision.number)
    assert Notice.objects.filter(recipient=world.procurator_prov, subject__contains=decision.number)


def test_reasons_are_required(world, under_review) -> None:
    with time_machine.travel(DECIDED, tick=False), pytest.raises(ValidationError):
        imprisonment_decide(
            case_id=under_review.pk, actor=world.approver, imprison=True, reasons=" "
        )


def test_only_a_court_fixes_a_period_not_counted(world, under_review) -> None:
    with time_machine.travel(DECIDED, tick=False), pytest.raises(ValidationError):
        imprisonment_decide(
            case_id=under_review.pk,
            actor=world.approver,
            imprison=True,
            reasons="脱逃",
            non_counted_first_day=dt.date(2026, 4, 1),
            non_counted_last_day=dt.date(2026, 4, 10),
            non_counted_basis="脱逃期间",
        )
    assert _state(under_review) == S.REVOCATION_UNDER_REVIEW


def test_only_the_deciding_organs_approver_decides(world, under_review) -> None:
    for outsider in (world.officer, world.mps_approver, world.judge, world.cja_head):
        with time_machine.travel(DECIDED, tick=False), pytest.raises(PermissionDenied):
            imprisonment_decide(
                case_id=under_review.pk, actor=outsider, imprison=True, reasons="病情消失"
            )
