"""Leave and moves (CCL Art 27 ¶1): the CCI approves or refuses with reasons; the return
(销假) is recorded; a leave not returned from by its last day alerts the officer, once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.guarantee.acts import (
    LEAVE_RETURN_RECORD,
    MOVEMENT_DECIDE,
    MOVEMENT_REQUEST_RECORD,
)
from supervision.guarantee.models import MovementState
from supervision.guarantee.services import guarantee_sweep

from .test_guarantee_guarantor_history import SH, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JULY_1 = dt.datetime(2026, 7, 1, 10, tzinfo=SH)


def leave(world, case):
    return run(
        MOVEMENT_REQUEST_RECORD,
        world,
        case,
        at=JULY_1,
        kind="leave",
        requested_on=JULY_1.date(),
        reason="赴上海复查病情",
        destination="上海市",
        leave_from=dt.date(2026, 7, 5),
        leave_until=dt.date(2026, 7, 8),
    )


def decide(world, case, request, approve=True):
    return run(
        MOVEMENT_DECIDE,
        world,
        case,
        at=JULY_1,
        request=request.pk,
        approve=approve,
        reasons="理由正当" if approve else "复查可在本地指定医院进行",
    )


def test_a_leave_is_approved_and_the_return_recorded(world, supervised) -> None:
    request = decide(world, supervised, leave(world, supervised))
    assert request.state == MovementState.APPROVED and request.decided_by == world.officer
    back = run(
        LEAVE_RETURN_RECORD,
        world,
        supervised,
        at=dt.datetime(2026, 7, 8, 18, tzinfo=SH),
        request=request.pk,
        returned_on=dt.date(2026, 7, 8),
    )
    assert back.state == MovementState.RETURNED
    with time_machine.travel(dt.datetime(2026, 7, 10, tzinfo=SH), tick=False):
        assert guarantee_sweep()["leave_overdue_alerted"] == 0


def test_a_refused_leave_cannot_be_returned_from(world, supervised) -> None:
    request = decide(world, supervised, leave(world, supervised), approve=False)
    assert request.state == MovementState.REFUSED
    assert request.decision_reasons
    with pytest.raises(TransitionRefused) as exc:
        run(LEAVE_RETURN_RECORD, world, supervised, request=request.pk, returned_on=JULY_1.date())
    assert {r.article for r in exc.value.requirements} == {"CCL Art 27 ¶1"}


def test_not_back_by_the_last_day_alerts_the_officer_once(world, supervised) -> None:
    request = decide(world, supervised, leave(world, supervised))
    with time_machine.travel(dt.datetime(2026, 7, 8, 20, tzinfo=SH), tick=False):
        assert guarantee_sweep()["leave_overdue_alerted"] == 0
    with time_machine.travel(dt.datetime(2026, 7, 9, 9, tzinfo=SH), tick=False):
        assert guarantee_sweep()["leave_overdue_alerted"] == 1
        assert guarantee_sweep()["leave_overdue_alerted"] == 0
    alerts = Notice.objects.filter(recipient=world.officer, subject__contains="not back from leave")
    assert alerts.count() == 1
    request.refresh_from_db()
    assert request.overdue_alerted_at is not None


def test_a_decision_needs_a_pending_request(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        run(MOVEMENT_DECIDE, world, supervised, request=1, approve=True, reasons="x")
    assert {r.article for r in exc.value.requirements} == {"CCL Art 27"}


def test_an_approved_move_asks_the_officer_to_check_the_guarantor_again(world, supervised) -> None:
    move = run(
        MOVEMENT_REQUEST_RECORD,
        world,
        supervised,
        at=JULY_1,
        kind="move",
        requested_on=JULY_1.date(),
        reason="租住房屋到期",
        new_residence="杭州市西湖区文三路2号",
    )
    assert decide(world, supervised, move).state == MovementState.APPROVED
    assert Notice.objects.filter(
        recipient=world.officer, subject__contains="check again that the guarantor"
    ).exists()
