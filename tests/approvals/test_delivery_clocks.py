"""Each delivery shows the clock it answers to (Art 14: D-05/D-06; CCL Art 20: D-13a, D-13b)
and a receipt after the due time is marked late; the late receipt still meets the clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from approvals.models import Delivery
from approvals.selectors import delivery_rows
from approvals.services import delivery_receipt_record
from kernel.deadlines.models import DeadlineStatus
from tests.supervision.conftest import decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_every_delivery_answers_to_its_clock_and_lateness_shows(world, proposed) -> None:
    decision = decide(world, proposed)
    rows = {row.delivery.purpose: row for row in delivery_rows(proposed)}
    assert rows[Delivery.Purpose.INSTITUTION].clock.kind == "D-05"
    assert rows[Delivery.Purpose.PROCURATORATE].clock.kind == "D-05"  # "at the same time"
    assert rows[Delivery.Purpose.COMMUNITY_CORRECTION].clock.kind == "D-13a"
    assert rows[Delivery.Purpose.CCI_DOCUMENTS].clock.kind == "D-13b"
    institution = decision.deliveries.get(purpose=Delivery.Purpose.INSTITUTION)
    late = dt.datetime(2026, 4, 10, 10, tzinfo=SH)  # D-05 fell due on 2026-04-01
    delivery_receipt_record(delivery_id=institution.pk, actor=world.clerk_a, received_at=late)
    row = next(r for r in delivery_rows(proposed) if r.delivery.pk == institution.pk)
    assert row.late
    assert row.clock.status == DeadlineStatus.MET
    page = world.client_for(world.approver).get(f"/approvals/cases/{proposed.pk}/decide/")
    body = page.content.decode()
    assert 'data-clock="D-13a"' in body and 'data-clock="D-13b"' in body
    assert 'class="overdue"' in body
