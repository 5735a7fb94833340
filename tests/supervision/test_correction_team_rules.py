"""The correction team (CCL Art 25): at least one woman when the person is a woman (¶2), the
guarantor among the members (P2014 Art 12), the guardian for a juvenile (CCL Art 53); the plan
is not adopted, and a member does not leave, while the team falls short, and the refusal names
the article. Members who leave keep their row."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.acts.runner import act_run
from kernel.refusals import TransitionRefused
from supervision.correction.acts import PLAN_ADOPT, TEAM_MEMBER_ADD, TEAM_MEMBER_REMOVE
from supervision.correction.models import TeamMember
from supervision.models import Supervision

from .test_release_and_hand_over import SH

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
APRIL_2 = dt.datetime(2026, 4, 2, 10, tzinfo=SH)
UNDER = "under_supervision"


def member_add(world, case, *, at=APRIL_2, **params) -> TeamMember:
    data = {"name": "王社工", "role": "social_worker", "sex": "M", "joined_on": at.date()}
    data.update(params)
    with time_machine.travel(at, tick=False):
        return act_run(
            TEAM_MEMBER_ADD, case_id=case.pk, actor=world.officer, expected_state=UNDER, **data
        )


def plan_adopt(world, case, *, grade="ordinary", at=APRIL_2):
    with time_machine.travel(at, tick=False):
        return act_run(
            PLAN_ADOPT,
            case_id=case.pk,
            actor=world.officer,
            expected_state=UNDER,
            situation="男，56岁，肝硬化，盗窃罪，悔罪较好",
            measures="每月走访；督促病情复查",
            grade=grade,
            adopted_on=at.date(),
        )


def team_with_guarantor(world, case) -> None:
    """The officer and the guarantor of the case file (张父, confirmed by the prison)."""
    member_add(world, case, name="陈矫正官", role="cci_officer")
    member_add(world, case, name="", role="guarantor")


def _articles(exc: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in exc.value.requirements}


def test_a_woman_without_a_woman_in_the_team_has_no_plan_refused_with_ccl_25(
    world, supervised
) -> None:
    supervised.offender.sex = "F"
    supervised.offender.save(update_fields=["sex"])
    team_with_guarantor(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        plan_adopt(world, supervised)
    assert _articles(exc) == {"CCL Art 25 ¶2"}
    member_add(world, supervised, name="王红", role="volunteer", sex="F")
    plan = plan_adopt(world, supervised)
    assert plan.version == 1


def test_the_last_woman_cannot_leave_the_team_of_a_woman(world, supervised) -> None:
    supervised.offender.sex = "F"
    supervised.offender.save(update_fields=["sex"])
    team_with_guarantor(world, supervised)
    woman = member_add(world, supervised, name="王红", role="volunteer", sex="F")
    plan_adopt(world, supervised)
    with pytest.raises(TransitionRefused) as exc, time_machine.travel(APRIL_2, tick=False):
        act_run(
            TEAM_MEMBER_REMOVE,
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=UNDER,
            member=woman.pk,
            left_on=APRIL_2.date(),
            reason="调离",
        )
    assert _articles(exc) == {"CCL Art 25 ¶2"}
    woman.refresh_from_db()
    assert woman.left_on is None


def test_the_guarantor_is_a_member_of_the_team(world, supervised) -> None:
    member_add(world, supervised, name="陈矫正官", role="cci_officer")
    with pytest.raises(TransitionRefused) as exc:
        plan_adopt(world, supervised)
    assert _articles(exc) == {"CCL Art 25; P2014 Art 12"}
    assert "张父" in exc.value.requirements[0].message
    guarantor = member_add(world, supervised, name="", role="guarantor")
    assert guarantor.name == "张父"  # taken from the confirmed guarantor of the case file
    plan_adopt(world, supervised)
    record = Supervision.objects.get(case=supervised)
    assert record.plans.count() == 1


def test_a_member_who_leaves_keeps_the_row(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    volunteer = member_add(world, supervised, name="李志愿", role="volunteer")
    plan_adopt(world, supervised)
    with time_machine.travel(APRIL_2 + dt.timedelta(days=30), tick=False):
        act_run(
            TEAM_MEMBER_REMOVE,
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=UNDER,
            member=volunteer.pk,
            left_on=dt.date(2026, 5, 1),
            reason="志愿者工作调动",
        )
    volunteer.refresh_from_db()
    assert volunteer.left_on == dt.date(2026, 5, 1)
    assert volunteer.left_reason == "志愿者工作调动"
    assert TeamMember.objects.filter(supervision__case=supervised).count() == 3


def test_a_juvenile_needs_the_guardian_in_the_team_refused_with_ccl_53(world, supervised) -> None:
    supervised.offender.date_of_birth = dt.date(2009, 1, 1)
    supervised.offender.save(update_fields=["date_of_birth"])
    team_with_guarantor(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        plan_adopt(world, supervised)
    assert _articles(exc) == {"CCL Art 53"}
    member_add(world, supervised, name="张母", role="guardian", sex="F")
    plan_adopt(world, supervised)
    assert Supervision.objects.get(case=supervised).juvenile is True
