"""A procuratorial objection within one month of receiving the decision, and the authority's
immediate re-examination: maintained or revoked, and everyone told (P2014 Art 30; CPL Art 267)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from approvals.models import Delivery, ProcuratorialObjection, Publication
from approvals.services import delivery_receipt_record, objection_file, objection_review
from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from tests.approvals.test_decision import _decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def approved(world, proposed):
    decision = _decide(world, proposed)
    copy = decision.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    delivery_receipt_record(
        delivery_id=copy.pk,
        actor=world.approver,
        received_at=dt.datetime(2026, 3, 27, 10, tzinfo=SH),
    )
    proposed.refresh_from_db()
    return proposed


def _object(world, case, when=dt.datetime(2026, 4, 10, 10, tzinfo=SH)):
    with time_machine.travel(when, tick=False):
        return objection_file(
            case_id=case.pk, actor=world.procurator_prov, grounds="诊断医师之一系罪犯近亲属，未回避"
        )


def test_objection_meets_the_month_and_asks_for_an_immediate_re_examination(
    world, approved
) -> None:
    _object(world, approved)
    assert Deadline.objects.get(kind="D-10").status == DeadlineStatus.MET
    d11 = Deadline.objects.get(kind="D-11")
    assert d11.responsible_organisation == world.pab
    assert Notice.objects.filter(recipient=world.approver, subject__contains="objection")


def test_objection_after_the_month_is_refused_with_the_article(world, approved) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _object(world, approved, when=dt.datetime(2026, 4, 29, 10, tzinfo=SH))
    assert "P2014 Art 30; CPL Art 267" in str(exc.value.requirements[0].article)
    assert not ProcuratorialObjection.objects.exists()


def test_only_the_procuratorate_that_received_the_decision_objects(world, approved) -> None:
    with pytest.raises(PermissionDenied):
        objection_file(case_id=approved.pk, actor=world.procurator_a, grounds="x")
    with pytest.raises(PermissionDenied):
        objection_file(case_id=approved.pk, actor=world.clerk_a, grounds="x")


def test_revoking_on_re_examination_withdraws_the_publication(world, approved) -> None:
    objection = _object(world, approved)
    objection_review(
        objection_id=objection.pk,
        actor=world.approver,
        maintain=False,
        reasons="经重新核查，诊断程序违法，撤销原决定",
    )
    approved.refresh_from_db()
    assert approved.state == CaseState.REJECTED
    assert Publication.objects.get().withdrawn is True
    assert Deadline.objects.get(kind="D-11").status == DeadlineStatus.MET
    assert Notice.objects.filter(recipient=world.procurator_prov, subject__contains="revoked")
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="revoked")


def test_maintaining_keeps_the_decision(world, approved) -> None:
    objection = _object(world, approved)
    objection_review(
        objection_id=objection.pk,
        actor=world.approver,
        maintain=True,
        reasons="经核查，回避声明属实，维持原决定",
    )
    approved.refresh_from_db()
    assert approved.state == CaseState.APPROVED
    with pytest.raises(Exception, match="already been re-examined"):
        objection_review(
            objection_id=objection.pk, actor=world.approver, maintain=False, reasons="x"
        )


def test_objection_and_re_examination_screens(world, approved) -> None:
    procurator = world.client_for(world.procurator_prov)
    page = procurator.get(f"/cases/{approved.pk}/").content.decode()
    assert 'id="object"' in page
    url = f"/approvals/cases/{approved.pk}/objection/"
    with time_machine.travel(dt.datetime(2026, 4, 10, 10, tzinfo=SH), tick=False):
        assert procurator.post(url, {"grounds": ""}).status_code == 400
        assert procurator.post(url, {"grounds": "回避不当"}).status_code == 302
    # After the month (today's real date is long past April 2026) the objection is refused.
    assert procurator.post(url, {"grounds": "again"}).status_code == 400
    objection = ProcuratorialObjection.objects.get()
    approver = world.client_for(world.approver)
    assert (
        f'id="objection-{objection.pk}"'
        in approver.get(f"/approvals/cases/{approved.pk}/decide/").content.decode()
    )
    url = f"/approvals/cases/{approved.pk}/objections/{objection.pk}/reexamine/"
    assert approver.post(url, {"maintain": "yes", "reasons": ""}).status_code == 400
    assert approver.post(url, {"maintain": "yes", "reasons": "维持"}).status_code == 302
    assert (
        world.client_for(world.clerk_a).post(url, {"maintain": "no", "reasons": "x"}).status_code
        == 403
    )
