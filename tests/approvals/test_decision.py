"""The approving authority decides within 15 working days (P2014 Art 14; legal-spec T-B11,
T-B11x): opinions answered first, the decision issued as a PDF, the clocks moved on."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from approvals.models import ApprovalDecision
from approvals.services import case_decide, opinion_answer
from cases.models import CaseState, ProcuratorialOpinion
from cases.services.workflow import CaseConflict, TransitionRefused
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _decide(world, case, *, approve=True, members=9, actor=None, expected="proposed"):
    with time_machine.travel(dt.datetime(2026, 3, 25, 10, tzinfo=SH), tick=False):
        return case_decide(
            case_id=case.pk,
            actor=actor or world.approver,
            approve=approve,
            reasons="病情属实，符合保外就医条件",
            committee_held_on=dt.date(2026, 3, 24),
            committee_members_present=members,
            expected_state=expected,
        )


def test_approval_issues_the_decision_and_moves_the_clocks(world, proposed) -> None:
    decision = _decide(world, proposed)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.APPROVED
    assert decision.number.endswith("号")
    assert decision.document.title == "暂予监外执行决定书"
    assert decision.document.file.read().startswith(b"%PDF")
    d04 = Deadline.objects.get(kind="D-04")
    assert d04.status == DeadlineStatus.MET
    d05 = Deadline.objects.get(kind="D-05")
    assert d05.responsible_organisation == world.pab
    assert d05.due_date == dt.date(2026, 4, 1)  # 5 working days from 03-25
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains=proposed.number)
    assert AuditEvent.objects.filter(action="case.approve", to_state="approved").exists()


def test_refusal_opens_the_non_approval_delivery_clock(world, proposed) -> None:
    decision = _decide(world, proposed, approve=False)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.REJECTED
    assert decision.document.title == "不予批准暂予监外执行决定书"
    assert Deadline.objects.filter(kind="D-06").exists()


def test_an_unanswered_procuratorial_opinion_blocks_the_decision(world, proposed) -> None:
    opinion = ProcuratorialOpinion.objects.create(
        case=proposed,
        procuratorate=world.proc_a,
        author=world.procurator_a,
        issued_on=dt.date(2026, 3, 20),
        conforms=False,
        content="保证人条件存疑",
        chief_approved=True,
    )
    with pytest.raises(TransitionRefused) as exc:
        _decide(world, proposed)
    assert "P2014 Art 13 ¶3; SPP-Rules Art 630" in {r.article for r in exc.value.requirements}
    opinion_answer(opinion_id=opinion.pk, actor=world.approver, answer="经核实，保证人符合条件")
    _decide(world, proposed)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.APPROVED
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="Answer")


def test_the_prison_administrations_committee_needs_its_quorum(world, proposed) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _decide(world, proposed, members=5)
    assert {r.article for r in exc.value.requirements} == {"MOJ 2016 Art 3"}
    proposed.refresh_from_db()
    assert proposed.state == CaseState.PROPOSED
    assert not ApprovalDecision.objects.exists()


def test_only_the_approving_authority_decides(world, proposed) -> None:
    for user in (world.clerk_a, world.mps_approver, world.procurator_prov):
        with pytest.raises(PermissionDenied):
            _decide(world, proposed, actor=user)


def test_two_approvers_at_once_one_wins_the_other_is_told(world, proposed) -> None:
    from kernel.accounts.roles import Role
    from tests.factories import UserFactory

    head = UserFactory(username="pab_head", organisation=world.pab, roles=[Role.APPROVING_HEAD])
    _decide(world, proposed)
    with pytest.raises(CaseConflict):
        _decide(world, proposed, actor=head, approve=False)
    assert ApprovalDecision.objects.count() == 1


def test_decision_screen_for_the_approver(world, proposed, signing) -> None:
    client = world.client_for(world.approver)
    page = client.get(f"/cases/{proposed.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="decide"' in page
    form = client.get(f"/approvals/cases/{proposed.pk}/decide/").content.decode()
    assert 'id="decision"' in form
    bad = client.post(
        f"/approvals/cases/{proposed.pk}/decide/",
        {
            "expected_state": "proposed",
            "approve": "yes",
            "reasons": "",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": signing(),
        },
    )
    assert bad.status_code == 400
    ok = client.post(
        f"/approvals/cases/{proposed.pk}/decide/",
        {
            "expected_state": "proposed",
            "approve": "yes",
            "reasons": "符合条件",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": signing(),
        },
    )
    assert ok.status_code == 302
    stale = client.post(
        f"/approvals/cases/{proposed.pk}/decide/",
        {
            "expected_state": "proposed",
            "approve": "no",
            "reasons": "x",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": signing(),
        },
    )
    assert stale.status_code == 409
    assert (
        world.client_for(world.mps_approver)
        .get(f"/approvals/cases/{proposed.pk}/decide/")
        .status_code
        == 404
    )
    assert (
        world.client_for(world.clerk_a).get(f"/approvals/cases/{proposed.pk}/decide/").status_code
        == 403
    )


def test_decision_is_delivered_and_receipts_move_the_clocks(world, proposed) -> None:
    from django.core.exceptions import ValidationError

    from approvals.models import Delivery
    from approvals.services import delivery_receipt_record

    decision = _decide(world, proposed)
    purposes = dict(decision.deliveries.values_list("purpose", "recipient"))
    assert purposes["institution"] == world.prison_a.pk
    assert purposes["procuratorate"] == world.proc_prov.pk
    assert purposes["cci"] == world.cci.pk  # the residence 330106
    prison = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    proc = decision.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    received = dt.datetime(2026, 3, 27, 10, tzinfo=SH)
    delivery_receipt_record(delivery_id=prison.pk, actor=world.approver, received_at=received)
    assert Deadline.objects.get(kind="D-05").status == DeadlineStatus.MET
    delivery_receipt_record(delivery_id=proc.pk, actor=world.approver, received_at=received)
    d10 = Deadline.objects.get(kind="D-10")
    assert d10.responsible_organisation == world.proc_prov
    assert d10.due_date == dt.date(2026, 4, 27)  # one month from 03-27 (Art 30; CPL Art 267)
    with pytest.raises(ValidationError, match="already recorded"):
        delivery_receipt_record(delivery_id=proc.pk, actor=world.approver)
    with pytest.raises(PermissionDenied):
        delivery_receipt_record(delivery_id=proc.pk, actor=world.clerk_a)


def test_receipt_screen(world, proposed) -> None:
    decision = _decide(world, proposed)
    delivery = decision.deliveries.first()
    client = world.client_for(world.approver)
    page = client.get(f"/approvals/cases/{proposed.pk}/decide/").content.decode()
    assert 'id="deliveries"' in page
    url = f"/approvals/cases/{proposed.pk}/deliveries/{delivery.pk}/receipt/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 400
    assert world.client_for(world.mps_approver).post(url).status_code == 404


def test_duty_crime_case_is_filed_for_review_before_the_decision(world, proposed) -> None:
    from django.core.exceptions import ValidationError

    from approvals.services import filing_record
    from cases.models import Case

    Case.objects.filter(pk=proposed.pk).update(filing_required=True)
    proposed.refresh_from_db()
    with pytest.raises(TransitionRefused) as exc:
        _decide(world, proposed)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 2 ¶2"}
    with pytest.raises(PermissionDenied):
        filing_record(
            case_id=proposed.pk,
            actor=world.clerk_a,
            filed_with=world.proc_prov,
            filed_on=dt.date(2026, 3, 20),
        )
    filing_record(
        case_id=proposed.pk,
        actor=world.approver,
        filed_with=world.proc_prov,
        filed_on=dt.date(2026, 3, 20),
        reference="备2026-1",
    )
    with pytest.raises(ValidationError, match="already recorded"):
        filing_record(
            case_id=proposed.pk,
            actor=world.approver,
            filed_with=world.proc_prov,
            filed_on=dt.date(2026, 3, 20),
        )
    _decide(world, proposed)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.APPROVED
    assert AuditEvent.objects.filter(action="case.filed_for_review").exists()


def test_filing_screen(world, proposed) -> None:
    from cases.models import Case

    Case.objects.filter(pk=proposed.pk).update(filing_required=True)
    client = world.client_for(world.approver)
    assert 'id="filing"' in client.get(f"/approvals/cases/{proposed.pk}/decide/").content.decode()
    url = f"/approvals/cases/{proposed.pk}/filing/"
    assert client.post(url, {"filed_on": "bad"}).status_code == 400
    assert (
        client.post(url, {"filed_with": world.proc_prov.pk, "filed_on": "2026-03-20"}).status_code
        == 302
    )
