"""D-30 passed without a new guarantor raises the revocation ground of SPC-Interp Art 516(7),
once however often the periodic check runs; a guarantor accepted in time raises nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from supervision.guarantee.services import guarantee_sweep
from supervision.models import RevocationGround, RevocationGroundKind

from .test_guarantee_guarantor_history import SH, accept, end_term, propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
AFTER_D30 = dt.datetime(2026, 8, 20, 9, tzinfo=SH)


def test_the_lapse_raises_spc_516_7_once(world, supervised) -> None:
    term = end_term(world, supervised)
    with time_machine.travel(dt.datetime(2026, 8, 10, 9, tzinfo=SH), tick=False):
        assert guarantee_sweep()["grounds_raised"] == 0
    with time_machine.travel(AFTER_D30, tick=False):
        assert guarantee_sweep()["grounds_raised"] == 1
        assert guarantee_sweep()["grounds_raised"] == 0
    (ground,) = RevocationGround.objects.all()
    assert ground.ground == RevocationGroundKind.SPC_7
    assert ground.source == term


def test_a_guarantor_accepted_in_time_raises_nothing(world, supervised) -> None:
    end_term(world, supervised)
    accept(world, supervised, propose(world, supervised))
    with time_machine.travel(AFTER_D30, tick=False):
        assert guarantee_sweep()["grounds_raised"] == 0
    assert not RevocationGround.objects.exists()
