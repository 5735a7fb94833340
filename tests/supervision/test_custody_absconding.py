"""At large after the decision on imprisonment (P2014 Art 25; CCL Art 50): the officer records
it (S5 → S5b) and the county public security organ of the residence pursues; the return waits
for the arrest; the arrest keeps S5b and shows the days at large as a candidate period not
counted (CPL Art 268 ¶3); then the institution records the return (S5b → S6)."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.custody.rules import escape_period
from supervision.models import Supervision, SupervisionState

from .custody_helpers import SH, revoke, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
ARRESTED = dt.datetime(2026, 6, 20, 9, tzinfo=SH)
TAKEN_IN = dt.datetime(2026, 6, 20, 16, tzinfo=SH)


def _state(case) -> str:
    return Supervision.objects.get(case=case).state


def test_absconding_then_arrest_then_return(world, supervised) -> None:
    # Not before the decision: the person is still under supervision.
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "abscond_record",
            dt.date(2026, 5, 20),
            world.officer,
            absconded_on=dt.date(2026, 5, 20),
            facts="下落不明",
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 25; CCL Art 50"}
    revoke(world, supervised)
    custody = take(
        world,
        supervised,
        "abscond_record",
        dt.date(2026, 6, 5),
        world.officer,
        absconded_on=dt.date(2026, 6, 3),
        facts="收监执行决定作出后下落不明",
    )
    assert _state(supervised) == SupervisionState.ABSCONDED
    assert custody.pursuing_organ == world.cpsb
    assert Notice.objects.filter(recipient=world.approver, subject__contains="at large")
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="at large")
    # The return waits for the arrest.
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_a,
            taken_in_at=TAKEN_IN,
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 25"}
    custody = take(
        world, supervised, "arrest_record", ARRESTED, world.officer, arrested_at=ARRESTED
    )
    assert _state(supervised) == SupervisionState.ABSCONDED
    assert custody.arrested_by == str(world.cpsb)
    period = escape_period(custody.absconded_on, custody.arrested_at)
    assert period == {
        "first_day": dt.date(2026, 6, 3),
        "last_day": dt.date(2026, 6, 19),
        "days": 17,
    }
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="arrested")
    with pytest.raises(TransitionRefused):
        take(world, supervised, "arrest_record", ARRESTED, world.officer, arrested_at=ARRESTED)
    custody = take(
        world, supervised, "custody_return_record", TAKEN_IN, world.clerk_a, taken_in_at=TAKEN_IN
    )
    assert _state(supervised) == SupervisionState.RETURNED_TO_CUSTODY
    assert custody.report is not None


def test_an_arrest_the_same_day_leaves_no_period() -> None:
    assert escape_period(dt.date(2026, 6, 3), dt.datetime(2026, 6, 3, 20, tzinfo=SH)) is None
    assert escape_period(None, dt.datetime(2026, 6, 3, 20, tzinfo=SH)) is None
