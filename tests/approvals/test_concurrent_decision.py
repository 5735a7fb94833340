"""Two approvers decide the same case at the same moment, in two database connections: one
decision is issued, the other approver is told someone else changed the case (409 on the
page). The row lock of `case_lock_for_update` serialises them on real PostgreSQL. Two
decisions of one authority on two cases at the same moment get two numbers: the counter row of
`kernel.numbering` serialises the numbering."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
import zoneinfo

import pytest
import time_machine
from django.db import connection

import approvals.acts.decision
from approvals.models import ApprovalDecision
from approvals.services import case_decide
from cases.models import Case, CaseState
from cases.services import case_open, offender_register
from cases.services.workflow import CaseConflict
from kernel.accounts.roles import Role
from tests.cases.steps import advance, attach_dossier, to_publicity
from tests.factories import UserFactory, identity_number

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


def _second_proposed_case(world) -> Case:
    """Another prisoner of the first prison, proposed to the same authority."""
    offender = offender_register(
        actor=world.clerk_a,
        offender_data={
            "name": "赵六",
            "id_number": identity_number(sequence=31),
            "sex": "M",
            "date_of_birth": dt.date(1970, 5, 17),
            "residence_address": "浙江省杭州市西湖区",
            "residence_region_code": "330106",
        },
        sentence_data={
            "judgment_number": "(2019)浙0106刑初31号",
            "offences": "盗窃罪",
            "original_type": "fixed_term",
            "original_years": 12,
            "original_months": 0,
            "execution_start": dt.date(2020, 1, 1),
            "custody_days": 0,
        },
    )
    case = case_open(
        actor=world.clerk_a, offender=offender, opened_on=dt.date(2026, 3, 2), ground_medical=True
    )
    to_publicity(world, case)
    attach_dossier(world, case)
    sh = zoneinfo.ZoneInfo("Asia/Shanghai")
    with time_machine.travel(dt.datetime(2026, 3, 17, 15, tzinfo=sh), tick=False):
        advance(world, case, "submit")
    case.refresh_from_db()
    return case


def test_two_decisions_of_one_authority_at_once_get_distinct_numbers(
    world, proposed, monkeypatch
) -> None:
    """Each approver decides a different case of the same authority in their own connection.
    Both decisions are issued and their numbers differ; the database holds them both."""
    other = _second_proposed_case(world)
    head = UserFactory(username="pab_head", organisation=world.pab, roles=[Role.APPROVING_HEAD])
    start = threading.Barrier(2)
    # Hold each issuer just after it drew its number until the other has drawn too (or a few
    # seconds have passed): drawing from a count of the decisions, both would print 001.
    drawn = threading.Barrier(2)
    issue = approvals.acts.decision.document_issue

    def document_issue_when_both_drew(**kwargs):
        # A broken barrier: the other issuer waits for this one's counter row, the lock at work.
        with contextlib.suppress(threading.BrokenBarrierError):
            drawn.wait(timeout=3)
        return issue(**kwargs)

    monkeypatch.setattr(approvals.acts.decision, "document_issue", document_issue_when_both_drew)
    outcomes: dict[str, object] = {}

    def decide(actor, case) -> None:
        try:
            start.wait(timeout=10)
            outcomes[actor.username] = case_decide(
                case_id=case.pk,
                actor=actor,
                approve=True,
                reasons="符合条件",
                committee_held_on=dt.date(2026, 3, 24),
                committee_members_present=9,
                expected_state=CaseState.PROPOSED,
            )
        except Exception as exc:  # collected and asserted below
            outcomes[actor.username] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(world.approver, proposed)),
        threading.Thread(target=decide, args=(head, other)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    decisions = [o for o in outcomes.values() if isinstance(o, ApprovalDecision)]
    assert len(decisions) == 2, outcomes
    numbers = sorted(d.number for d in decisions)
    assert numbers[0] != numbers[1]
    assert all(re.fullmatch(r"浙狱暂决〔\d{4}〕00[12]号", n) for n in numbers), numbers
    assert sorted(ApprovalDecision.objects.values_list("number", flat=True)) == numbers
