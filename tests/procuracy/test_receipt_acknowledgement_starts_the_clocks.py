"""Receipt is the procuratorate's act (issue 13): the procurator acknowledges the prison's copy
and the decision itself, and the clocks that run from receipt start then (D-09: SPP-Rules Art
630, ten days; D-10: P2014 Art 30, one month). The prison no longer enters a receipt date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from approvals.models import Delivery
from cases.acts.registry import ACTS
from kernel.deadlines.models import Deadline, DeadlineStatus
from procuracy.receipt.models import CopyAcknowledgement
from tests.approvals.conftest import proposed  # noqa: F401
from tests.supervision.conftest import decide

from .receipt_helpers import SH, acknowledge, copy_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_prison_no_longer_enters_the_receipt_date(world, proposed) -> None:  # noqa: F811
    params = ACTS["record_procuratorate_copy"].params
    assert params is not None and "received_on" not in params().fields
    copy = copy_of(proposed)
    assert copy.received_on is None
    assert not Deadline.objects.filter(kind="D-09").exists()
    assert Deadline.objects.get(kind="D-09a", subject_id=copy.pk).status == DeadlineStatus.OPEN


def test_acknowledging_the_proposal_copy_starts_d09_ten_days_from_receipt(
    world,
    proposed,  # noqa: F811
) -> None:
    copy = copy_of(proposed)
    acknowledge(
        world, proposed, on=dt.date(2026, 3, 17), at=dt.datetime(2026, 3, 18, 10, tzinfo=SH)
    )
    copy.refresh_from_db()
    assert copy.received_on == dt.date(2026, 3, 17)
    ack = CopyAcknowledgement.objects.get(copy=copy)
    assert ack.acknowledged_by == world.procurator_a and ack.procuratorate == world.proc_a
    d09 = Deadline.objects.get(kind="D-09")
    assert d09.responsible_organisation == world.proc_a
    assert d09.due_date == dt.date(2026, 3, 27)  # 17 March + 10 calendar days
    assert Deadline.objects.get(kind="D-09a", subject_id=copy.pk).status == DeadlineStatus.MET


def test_an_earlier_stage_copy_is_acknowledged_without_starting_d09(
    world,
    proposed,  # noqa: F811
) -> None:
    acknowledge(
        world,
        proposed,
        stage="materials",
        on=dt.date(2026, 3, 17),
        at=dt.datetime(2026, 3, 18, 10, tzinfo=SH),
    )
    assert copy_of(proposed, "materials").received_on == dt.date(2026, 3, 17)
    assert not Deadline.objects.filter(kind="D-09").exists()


def test_the_procuratorate_s_receipt_of_the_decision_starts_d10(world, proposed) -> None:  # noqa: F811
    decision = decide(world, proposed)
    delivery = decision.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    procurator = world.procurator_prov if delivery.recipient == world.proc_prov else None
    assert procurator is not None, delivery.recipient
    client = world.client_for(procurator)
    inbox = client.get(reverse("procuracy:receipt_inbox"))
    assert f'id="acknowledge-delivery-{delivery.pk}"' in inbox.content.decode()
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, tzinfo=SH), tick=False):
        response = client.post(
            reverse("procuracy:receipt_delivery_acknowledge", args=[proposed.pk]),
            {"delivery_id": delivery.pk, "received_on": "2026-03-27", "back": "inbox"},
        )
    assert response.status_code == 302 and response["Location"] == reverse(
        "procuracy:receipt_inbox"
    )
    delivery.refresh_from_db()
    assert delivery.received_at is not None
    d10 = Deadline.objects.get(kind="D-10")
    assert d10.responsible_organisation == world.proc_prov
    assert d10.due_date == dt.date(2026, 4, 27)  # one month from 27 March


def test_one_act_through_the_api(world, proposed) -> None:  # noqa: F811
    copy = copy_of(proposed)
    client = world.client_for(world.procurator_a)
    with time_machine.travel(dt.datetime(2026, 3, 18, 10, tzinfo=SH), tick=False):
        response = client.post(
            f"/api/v1/cases/{proposed.pk}/acts/procuratorate_copy_acknowledge/",
            {"copy_id": copy.pk, "received_on": "2026-03-18"},
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    body = response.json()
    assert body["received_on"] == "2026-03-18" and body["copy"] == copy.pk
    assert Deadline.objects.get(kind="D-09").due_date == dt.date(2026, 3, 30)  # 28th: Saturday
