"""Two approvers decide the same case at the same moment, in two database connections: one
decision is issued, the other approver is told someone else changed the case (409 on the
page). The row lock of `_locked` serialises them on real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from approvals.models import ApprovalDecision
from approvals.services import case_decide
from cases.models import CaseState
from cases.services.workflow import CaseConflict
from kernel.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english", "loaded_calendar"),
]


def test_two_approvers_at_once_one_wins_the_other_is_told(world, proposed) -> None:
    head = UserFactory(username="pab_head", organisation=world.pab, roles=[Role.APPROVING_HEAD])
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(actor, approve: bool) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[actor.username] = case_decide(
                case_id=proposed.pk,
                actor=actor,
                approve=approve,
                reasons="符合条件" if approve else "不符合条件",
                committee_held_on=dt.date(2026, 3, 24),
                committee_members_present=9,
                expected_state=CaseState.PROPOSED,
            )
        except Exception as exc:  # collected and asserted below
            outcomes[actor.username] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(world.approver, True)),
        threading.Thread(target=decide, args=(head, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [o for o in outcomes.values() if isinstance(o, ApprovalDecision)]
    losers = [o for o in outcomes.values() if isinstance(o, CaseConflict)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "他人刚刚修改了本案" in str(losers[0])  # threads speak the default, Chinese
    assert ApprovalDecision.objects.count() == 1
    proposed.refresh_from_db()
    assert proposed.state == (CaseState.APPROVED if winners[0].approved else CaseState.REJECTED)
