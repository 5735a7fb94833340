"""Every copy supervision sends the procuratorate is acknowledged (签收) by the procuratorate it
is addressed to, and the acknowledgement meets the sender's soft clock D-09a:

- the notice of the hand-over (P2014 Art 16): addressed to the case's procuratorates in the
  capacity PROCURATORATE (the record names none);
- the copy of the proposal for imprisonment (CCL Art 49 ¶1): addressed to the procuratorate
  the proposal names (`procuratorate_copy_to`);
- the report on the return to custody (P2014 Art 24 ¶4): addressed to the copy's recipient,
  the county procuratorate of the residence; the receipt is written on the copy too;
- the notice of death (P2014 Art 28; CCL Art 51): to the case's procuratorates;
- a decision delivered to the procuratorate: D-09a on the delivery, met by its receipt.

Acknowledging twice, a day before the sending, or for another procuratorate is refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from approvals.models import Delivery
from cases.models import CaseState
from kernel.deadlines.models import Deadline, DeadlineStatus
from procuracy.receipt.models import RecordAcknowledgement
from supervision.caseload.models import SupervisionDocument, SupervisionDocumentKind
from supervision.services import death_record
from tests.approvals.conftest import proposed  # noqa: F401
from tests.supervision.conftest import approved, receive, received, supervised  # noqa: F401

from .receipt_helpers import SH
from .receipt_supervision_helpers import acknowledge, report_sent, revocation_sent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _d09a(record) -> Deadline:
    return Deadline.objects.get(
        kind="D-09a",
        subject_type__model=record._meta.model_name,
        subject_type__app_label=record._meta.app_label,
        subject_id=record.pk,
    )


def _inbox(world, user) -> str:
    response = world.client_for(user).get(reverse("procuracy:receipt_inbox"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_hand_over_notice_goes_to_the_case_s_procuratorate_and_is_acknowledged_once(
    world,
    supervised,  # noqa: F811
) -> None:
    hand_over = supervised.hand_over
    deadline = _d09a(hand_over)
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.responsible_organisation == world.prison_a  # the prison handed over
    row = f'id="inbox-record-hand_over-{hand_over.pk}"'
    assert row in _inbox(world, world.procurator_a)
    assert row not in _inbox(world, world.procurator_b)
    with pytest.raises(ValidationError, match=r"before it was sent|早于发送日期"):
        acknowledge(world, supervised, "hand_over", hand_over.pk, on=dt.date(2026, 3, 29))
    with pytest.raises((PermissionDenied, Http404)):
        acknowledge(
            world,
            supervised,
            "hand_over",
            hand_over.pk,
            on=dt.date(2026, 3, 31),
            actor=world.procurator_b,
        )
    acknowledgement = acknowledge(
        world, supervised, "hand_over", hand_over.pk, on=dt.date(2026, 3, 31)
    )
    assert acknowledgement.procuratorate == world.proc_a
    assert acknowledgement.received_on == dt.date(2026, 3, 31)
    assert _d09a(hand_over).status == DeadlineStatus.MET
    with pytest.raises(ValidationError, match=r"already been acknowledged|不能重复签收"):
        acknowledge(world, supervised, "hand_over", hand_over.pk, on=dt.date(2026, 4, 1))
    assert RecordAcknowledgement.objects.count() == 1
    page = _inbox(world, world.procurator_a)
    assert row not in page and f'id="recent-record-hand_over-{hand_over.pk}"' in page


def test_the_copy_of_the_proposal_for_imprisonment_goes_to_the_procuratorate_it_names(
    world,
    supervised,  # noqa: F811
) -> None:
    proposal = revocation_sent(world, supervised)
    assert proposal.procuratorate_copy_to == world.proc_a
    deadline = _d09a(proposal)
    assert deadline.responsible_organisation == world.cja  # the sender: the county's examiner
    row = f'id="inbox-record-revocation_copy-{proposal.pk}"'
    assert row in _inbox(world, world.procurator_a)
    assert row not in _inbox(world, world.procurator_b)
    with pytest.raises(ValidationError, match=r"before it was sent|早于发送日期"):
        acknowledge(world, supervised, "revocation_copy", proposal.pk, on=dt.date(2026, 6, 27))
    # One acknowledgement through the API.
    with time_machine.travel(dt.datetime(2026, 6, 29, 10, tzinfo=SH), tick=False):
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{supervised.pk}/acts/procuratorate_record_acknowledge/",
            {"kind": "revocation_copy", "record_id": proposal.pk, "received_on": "2026-06-29"},
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["kind"] == "revocation_copy" and body["target_id"] == proposal.pk
    assert body["received_on"] == "2026-06-29" and body["procuratorate"] == world.proc_a.pk
    assert _d09a(proposal).status == DeadlineStatus.MET


def test_the_report_on_the_return_is_acknowledged_by_the_county_procuratorate_informed(
    world,
    supervised,  # noqa: F811
) -> None:
    copy = report_sent(world, supervised)
    assert copy.recipient == world.proc_county
    assert _d09a(copy).responsible_organisation == world.prison_a
    row = f'id="inbox-record-custody_report-{copy.pk}"'
    assert row in _inbox(world, world.procurator_county)
    assert row not in _inbox(world, world.procurator_a)
    # proc_a takes part in the case but the report is not addressed to it.
    with pytest.raises(PermissionDenied):
        acknowledge(world, supervised, "custody_report", copy.pk, on=dt.date(2026, 6, 3))
    acknowledge(
        world,
        supervised,
        "custody_report",
        copy.pk,
        on=dt.date(2026, 6, 3),
        actor=world.procurator_county,
    )
    copy.refresh_from_db()
    assert copy.received_at is not None and copy.received_at.date() == dt.date(2026, 6, 3)
    assert _d09a(copy).status == DeadlineStatus.MET
    assert row not in _inbox(world, world.procurator_county)


def test_a_decision_delivered_to_the_procuratorate_opens_d09a_met_by_its_receipt(
    world,
    approved,  # noqa: F811
) -> None:
    _case, decision = approved
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    deadline = _d09a(delivery)
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.responsible_organisation == decision.authority == world.pab
    others = decision.deliveries.exclude(purpose=Delivery.Purpose.PROCURATORATE)
    assert not Deadline.objects.filter(kind="D-09a", subject_id__in=others.values("pk")).filter(
        subject_type__model="delivery"
    )
    receive(world, decision, purpose=Delivery.Purpose.PROCURATORATE, actor=world.procurator_prov)
    assert _d09a(delivery).status == DeadlineStatus.MET


def test_the_notice_of_death_goes_to_the_case_s_procuratorates(
    world,
    supervised,  # noqa: F811
) -> None:
    with time_machine.travel(dt.datetime(2026, 5, 12, 10, tzinfo=SH), tick=False):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            discovered_on=dt.date(2026, 5, 11),
            cause="肝癌晚期多器官衰竭",
            reported_by="保证人 张某某",
        )
    notice = SupervisionDocument.objects.get(
        supervision__case=supervised, kind=SupervisionDocumentKind.DEATH_NOTICE
    )
    assert _d09a(notice).responsible_organisation == world.cci  # the CCI sent it
    row = f'id="inbox-record-death_notice-{notice.pk}"'
    assert row in _inbox(world, world.procurator_a)
    assert row not in _inbox(world, world.procurator_b)
    acknowledge(world, supervised, "death_notice", notice.pk, on=dt.date(2026, 5, 13))
    assert _d09a(notice).status == DeadlineStatus.MET
