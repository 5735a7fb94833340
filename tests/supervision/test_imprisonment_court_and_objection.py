"""Two ways the decision on imprisonment differs from the approving authority's: the court's
decision takes effect at once and fixes the period not counted (SPC-Interp Arts 517-518), which
moves the expiry and the expiry notice's clock (D-22); and a procuratorial objection
re-examined with "revoke" while the person is under community correction issues the
re-examination result (DOC-39) and the decision on imprisonment by the same procedure
(P2014 Arts 23, 30)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import DecisionKind, Delivery, ProcuratorialObjection, Publication
from approvals.services import delivery_receipt_record, objection_file, objection_review
from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline
from supervision.imprisonment.acts import imprisonment_decide, revocation_receipt_record
from supervision.models import Supervision, SupervisionState
from tests.approvals import conftest as approvals_fixtures
from tests.approvals.test_court_path import Court, _consulted, _decide, court_world
from tests.cases.steps import PDF

from .conftest import receive
from .imprisonment_helpers import SH, proposal_sent

#: The signing key store and one-time passwords of tests/approvals (a fixture).
signing = approvals_fixtures.signing
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
S = SupervisionState


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


def _court_supervised(world, cw: Court):
    """The court's grant (P2014 Art 18), the detention centre's release and hand-over, the
    reception on 10 March 2026 (as tests/approvals/test_court_path.py takes them)."""
    from supervision.services import (
        hand_over_record,
        reception_register,
        release,
        release_prepare,
        release_record_save,
    )

    case = _consulted(world, cw)
    decision = _decide(cw, case)
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, tzinfo=SH), tick=False):
        delivery_receipt_record(delivery_id=delivery.pk, actor=cw.dc_clerk)
        release_prepare(case_id=case.pk, actor=cw.dc_clerk, expected_state=CaseState.APPROVED)
        release_record_save(
            case_id=case.pk,
            actor=cw.dc_clerk,
            data={
                "decision_served_on": dt.date(2026, 3, 9),
                "cci_notified_on": dt.date(2026, 3, 9),
                "escort_officers": "看守所民警",
            },
            obligations_notice=SimpleUploadedFile("告知书.pdf", PDF, "application/pdf"),
        )
        release(case_id=case.pk, actor=cw.dc_clerk, expected_state="release_preparation")
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=SH), tick=False):
        hand_over_record(
            case_id=case.pk,
            actor=cw.dc_clerk,
            handed_over_at=dt.datetime(2026, 3, 10, 9, tzinfo=SH),
            place="市看守所",
            institution_signatory="看守所民警",
            cci_signatory="社区矫正工作人员",
            documents="暂予监外执行决定书及被告人档案",
            condition="",
            signed_record=SimpleUploadedFile("交接.pdf", PDF, "application/pdf"),
        )
        reception_register(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.ESCORT,
            file_number="西矫〔2026〕3号",
            documents_checked=True,
            identity_verified=True,
            file_opened=True,
            rules_announced=True,
        )
    case.refresh_from_db()
    return case


def test_the_court_fixes_the_period_not_counted_and_its_decision_takes_effect_at_once(
    world, cw, signing
) -> None:
    case = _court_supervised(world, cw)
    record = Supervision.objects.get(case=case)
    assert record.deciding_organ == world.court
    expiry_before = record.expiry_date
    d22_before = Deadline.objects.get(kind="D-22").trigger_at
    proposal_sent(world, case, sent_at=dt.datetime(2026, 4, 1, 10, tzinfo=SH))
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, tzinfo=SH), tick=False):
        revocation_receipt_record(case_id=case.pk, actor=cw.clerk)  # a clerk records receipt
    decided_at = dt.datetime(2026, 4, 10, 10, tzinfo=SH)
    with time_machine.travel(decided_at, tick=False):
        decision = imprisonment_decide(
            case_id=case.pk,
            actor=cw.judge,
            imprison=True,
            reasons="罪犯脱离监管十日，情节严重，应当收监执行。",
            non_counted_first_day=dt.date(2026, 3, 15),
            non_counted_last_day=dt.date(2026, 3, 24),
            non_counted_basis="脱逃期间",
            otp_code=signing(cw.judge),
        )
    record.refresh_from_db()
    assert record.state == S.REVOKED_AWAITING_CUSTODY
    assert decision.imprisonment.effective_at == decided_at  # SPC-Interp Art 517
    period = decision.imprisonment.non_counted_period
    assert (period.first_day, period.last_day) == (dt.date(2026, 3, 15), dt.date(2026, 3, 24))
    assert record.expiry_date == expiry_before + dt.timedelta(days=10)
    assert Deadline.objects.get(kind="D-22").trigger_at == d22_before + dt.timedelta(days=10)
    # The court does not serve a copy on itself as the original court.
    assert not decision.deliveries.filter(recipient=world.court).exists()
    assert decision.deliveries.filter(purpose=Delivery.Purpose.CUSTODY_INSTITUTION).exists()


def test_a_judge_of_another_court_cannot_decide(world, cw) -> None:
    case = _court_supervised(world, cw)
    proposal_sent(world, case, sent_at=dt.datetime(2026, 4, 1, 10, tzinfo=SH))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        revocation_receipt_record(case_id=case.pk, actor=cw.other_judge)


def _objected(world, case):
    receive(world, case.decision, Delivery.Purpose.PROCURATORATE, actor=world.procurator_prov)
    with time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=SH), tick=False):
        return objection_file(case_id=case.pk, actor=world.procurator_prov, grounds="病情诊断存疑")


def test_art_30_revocation_under_supervision_decides_imprisonment(
    world, supervised, signing
) -> None:
    teop = supervised.decision
    objection = _objected(world, supervised)
    with time_machine.travel(dt.datetime(2026, 4, 10, 15, tzinfo=SH), tick=False):
        objection_review(
            objection_id=objection.pk,
            actor=world.approver,
            maintain=False,
            reasons="经重新核查，病情诊断程序违法，撤销暂予监外执行决定。",
            otp_code=signing(),
        )
    objection.refresh_from_db()
    assert objection.outcome == ProcuratorialObjection.Outcome.REVOKED
    supervised.refresh_from_db()
    assert supervised.state == CaseState.UNDER_SUPERVISION
    assert Supervision.objects.get(case=supervised).state == S.REVOKED_AWAITING_CUSTODY
    kinds = list(supervised.decisions.order_by("id").values_list("kind", flat=True))
    assert kinds == [DecisionKind.TEOP, DecisionKind.REEXAMINATION, DecisionKind.IMPRISONMENT]
    assert supervised.decision == teop
    reexamination = supervised.decisions.get(kind=DecisionKind.REEXAMINATION)
    assert reexamination.approved is False and "核查" in reexamination.number
    assert reexamination.document.title == "重新核查结果"
    imprisonment = supervised.decisions.get(kind=DecisionKind.IMPRISONMENT)
    assert imprisonment.imprisonment.objection == objection
    assert imprisonment.document.signature.organisation == world.pab  # signed with the code
    assert imprisonment.deliveries.filter(recipient=world.cja).exists()
    assert Publication.objects.get(decision=teop).withdrawn is True


def test_art_30_maintained_is_a_re_examination_decision(world, supervised) -> None:
    objection = _objected(world, supervised)
    objection_review(
        objection_id=objection.pk, actor=world.approver, maintain=True, reasons="经核查维持"
    )
    assert Supervision.objects.get(case=supervised).state == S.UNDER_SUPERVISION
    result = supervised.decisions.get(kind=DecisionKind.REEXAMINATION)
    assert result.approved is True
    assert result.deliveries.get().recipient == world.proc_prov
    assert not supervised.decisions.filter(kind=DecisionKind.IMPRISONMENT).exists()


def test_art_30_waits_while_a_proposal_is_pending(world, supervised) -> None:
    objection = _objected(world, supervised)
    proposal_sent(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        objection_review(
            objection_id=objection.pk, actor=world.approver, maintain=False, reasons="撤销"
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Arts 23, 30"}
    assert not supervised.decisions.exclude(kind=DecisionKind.TEOP).exists()
