"""CCL Art 62: the addressed organ replies in writing and gives reasons for not adopting; an oral
or already answered opinion takes no written reply; only the addressed organ replies (403 for
another organ of the case); an opinion is addressed only to an organ of the case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kernel.refusals import TransitionRefused
from procuracy.rectification.models import RectificationStatus

from .rectification_helpers import ORAL_DAY, oral, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _serious(world, target=None):
    return take(
        world.procurator_a,
        world.case_a,
        "rectification_written_issue",
        ORAL_DAY,
        target=target or world.prison_a,
        seriousness="serious",
        illegality="对不符合条件的罪犯提请暂予监外执行",
        required_correction="撤回提请",
        chief_approved=True,
    )


def _reply(user, world, opinion, **extra):
    return take(
        user,
        world.case_a,
        "rectification_reply_record",
        ORAL_DAY + dt.timedelta(days=5),
        **{
            "opinion": opinion,
            "replied_on": ORAL_DAY + dt.timedelta(days=5),
            "adopted": True,
            **extra,
        },
    )


def test_not_adopted_without_reasons_is_refused(world) -> None:
    opinion = _serious(world)
    with pytest.raises(TransitionRefused) as refused:
        _reply(world.clerk_a, world, opinion, adopted=False, non_adoption_reasons=" ")
    assert refused.value.requirements[0].article == "CCL Art 62"
    answered = _reply(
        world.clerk_a, world, opinion, adopted=False, non_adoption_reasons="提请符合条件"
    )
    assert answered.adopted is False and answered.non_adoption_reasons == "提请符合条件"


def test_an_oral_or_answered_opinion_takes_no_written_reply(world) -> None:
    written = _serious(world)
    spoken = oral(world)
    with pytest.raises(TransitionRefused) as refused:
        _reply(world.clerk_a, world, spoken)
    assert refused.value.requirements[0].article == "CCL Art 62"
    _reply(world.clerk_a, world, written)
    with pytest.raises(TransitionRefused):
        _reply(world.clerk_a, world, written)


def test_another_organ_of_the_case_cannot_reply(world) -> None:
    to_prison = _serious(world)
    with pytest.raises(PermissionDenied):
        _reply(world.approver, world, to_prison)
    _serious(world, target=world.pab)
    # The approving authority has its own opinion, but not this one.
    with pytest.raises(PermissionDenied):
        _reply(world.approver, world, to_prison)
    to_prison.refresh_from_db()
    assert to_prison.status == RectificationStatus.ISSUED


def test_another_organ_cannot_reply_through_the_page(world) -> None:
    opinion = _serious(world)
    response = world.client_for(world.approver).post(
        f"/procuracy/cases/{world.case_a.pk}/rectification/reply/",
        {"expected_state": world.case_a.state, "opinion": opinion.pk},
    )
    assert response.status_code == 403
    assert world.client_for(world.officer).post(
        f"/procuracy/cases/{world.case_a.pk}/rectification/reply/", {}
    ).status_code in (403, 404)


@pytest.mark.parametrize("outsider", ["cci", "prison_b", "proc_a"])
def test_target_outside_the_case_is_refused(world, outsider) -> None:
    with pytest.raises(ValidationError) as refused:
        oral(world, target=getattr(world, outsider))
    assert "target" in refused.value.message_dict


def test_only_the_supervising_procurator_issues(world) -> None:
    with pytest.raises(PermissionDenied):
        take(
            world.clerk_a,
            world.case_a,
            "rectification_oral_issue",
            ORAL_DAY,
            target=world.prison_a,
            issued_on=ORAL_DAY,
            illegality="x",
            required_correction="y",
        )


def test_suggestion_is_issued_and_answered_with_its_own_clock(world) -> None:
    suggestion = take(
        world.procurator_a,
        world.case_a,
        "procuratorial_suggestion_issue",
        ORAL_DAY,
        target=world.pab,
        risk="指定医院核验缺失",
        suggestion="建立核验制度",
        chief_approved=True,
    )
    clock = suggestion.reply_clock
    assert clock.kind == "D-26s" and clock.responsible_organisation == world.pab
    # Two months from 10 March end on Sunday 10 May: the last day moves on (CPL Art 105 ¶3).
    assert clock.due_date == dt.date(2026, 5, 11)
    with pytest.raises(PermissionDenied):
        take(
            world.clerk_a,
            world.case_a,
            "procuratorial_suggestion_reply_record",
            ORAL_DAY,
            suggestion=suggestion,
            replied_on=ORAL_DAY,
            adopted=True,
        )
    answered = take(
        world.approver,
        world.case_a,
        "procuratorial_suggestion_reply_record",
        ORAL_DAY + dt.timedelta(days=20),
        suggestion=suggestion,
        replied_on=ORAL_DAY + dt.timedelta(days=20),
        adopted=False,
        non_adoption_reasons="现行制度已覆盖",
    )
    assert answered.status == "answered"
    clock.refresh_from_db()
    assert clock.status == "met"
