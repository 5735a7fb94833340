"""D-08: the court decides before the legal documents for executing the penalty are served
(P2014 Art 18 ¶1, ¶3), which are served within 10 days of the judgment taking effect (CPL
Art 264; SPC-Interp Art 511): the court's own decision window is a clock (issue 10 item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from approvals.court import execution_documents_served_record
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.deadlines.services import sweep
from tests.approvals.test_court_path import (
    JUDGMENT_EFFECTIVE,
    SH,
    Court,
    _consulted,
    _decide,
    _open,
    court_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


def test_opening_the_court_case_starts_d08_on_the_court_from_the_judgment(world, cw) -> None:
    case = _open(world, cw)
    d08 = Deadline.objects.get(kind="D-08", subject_id=case.pk)
    assert d08.responsible_organisation == world.court
    assert d08.status == DeadlineStatus.OPEN
    assert d08.trigger_at.astimezone(SH).date() == JUDGMENT_EFFECTIVE
    assert d08.due_date == JUDGMENT_EFFECTIVE + dt.timedelta(days=10)  # CPL Art 264
    assert d08.in_custody  # detained: the last day does not move past a rest day
    assert "P2014 Art 18 ¶1" in d08.legal_basis


def test_the_court_page_shows_d08(world, cw) -> None:
    case = _open(world, cw)
    body = world.client_for(cw.judge).get(f"/approvals/court/cases/{case.pk}/").content.decode()
    clocks = body[body.index('id="clocks"') :]
    assert 'id="clock-D-08"' in clocks
    assert (JUDGMENT_EFFECTIVE + dt.timedelta(days=10)).isoformat() in clocks


@pytest.mark.parametrize("grant", [True, False])
def test_the_decision_granting_or_not_meets_d08(world, cw, grant) -> None:
    case = _consulted(world, cw)
    decision = _decide(cw, case, grant=grant)
    d08 = Deadline.objects.get(kind="D-08", subject_id=case.pk)
    assert d08.status == DeadlineStatus.MET
    assert decision.number in d08.met_by
    assert d08.met_at <= d08.due_at


def test_an_unmet_d08_goes_overdue_in_the_courts_inbox(world, cw) -> None:
    """Due on 03-12; on 03-16 the court has still not decided: the sweeper marks it overdue
    and the judge's inbox shows it in red."""
    case = _open(world, cw)
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=SH), tick=False):
        sweep()
        body = world.client_for(cw.judge).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert Deadline.objects.get(kind="D-08", subject_id=case.pk).status == DeadlineStatus.OVERDUE
    table = body[body.index('id="deadlines"') :]
    assert '<tr class="overdue">' in table
    assert "Court decides before the execution documents are served" in table
    # Another court's judge answers for nothing of this case.
    other = world.client_for(cw.other_judge).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Court decides before the execution documents are served" not in other


def test_service_of_the_execution_documents_closes_d08_without_a_decision(world, cw) -> None:
    case = _consulted(world, cw)
    execution_documents_served_record(
        case_id=case.pk, actor=cw.clerk, served_on=dt.date(2026, 3, 5)
    )
    d08 = Deadline.objects.get(kind="D-08", subject_id=case.pk)
    assert d08.status == DeadlineStatus.WAIVED
    assert "2026-03-05" in d08.waived_reason
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=SH), tick=False):
        sweep()
    assert Deadline.objects.get(pk=d08.pk).status == DeadlineStatus.WAIVED
