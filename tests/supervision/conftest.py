"""An approved case whose decision the prison has received, as the approving side leaves it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from approvals.models import Delivery
from approvals.services import case_decide, delivery_receipt_record
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
DECIDED = dt.datetime(2026, 3, 25, 10, tzinfo=SH)
RECEIVED = dt.datetime(2026, 3, 27, 10, tzinfo=SH)


def decide(world, case):
    with time_machine.travel(DECIDED, tick=False):
        return case_decide(
            case_id=case.pk,
            actor=world.approver,
            approve=True,
            reasons="病情属实，符合保外就医条件",
            committee_held_on=dt.date(2026, 3, 24),
            committee_members_present=9,
            expected_state="proposed",
        )


def receive(world, decision, purpose=Delivery.Purpose.INSTITUTION, actor=None):
    delivery = decision.deliveries.get(purpose=purpose)
    with time_machine.travel(RECEIVED, tick=False):
        return delivery_receipt_record(
            delivery_id=delivery.pk, actor=actor or world.clerk_a, received_at=RECEIVED
        )


@pytest.fixture
def approved(world, proposed):  # noqa: F811
    decision = decide(world, proposed)
    proposed.refresh_from_db()
    return proposed, decision


@pytest.fixture
def received(world, approved):
    case, decision = approved
    receive(world, decision)
    case.refresh_from_db()
    return case


@pytest.fixture
def supervised(world, received):
    """Case A (medical parole) received into community correction on 31 March 2026."""
    from .test_release_and_hand_over import _hand_over, _receive, _released

    _released(world, received)
    _hand_over(world, received)
    _receive(world, received)
    received.refresh_from_db()
    return received
