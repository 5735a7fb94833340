"""The court page offers each act of the court path to whom the declaration allows it, in the
state it belongs to, and nobody else (issue 10 item 2: views ask `act_allowed` /
`act_missing`, never restate a rule)."""

from __future__ import annotations

import datetime as dt

import pytest

from approvals.court import COURT_ACTS, execution_documents_served_record
from cases.acts.registry import ACTS
from tests.approvals.test_court_path import Court, _assessed, _consulted, court_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def cw(world) -> Court:
    return court_world(world)


def _page(world, user, case) -> str:
    response = world.client_for(user).get(f"/approvals/court/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_court_acts_are_registered_with_an_article_params_and_an_example() -> None:
    for name, act in COURT_ACTS.items():
        assert ACTS[name] is act
        assert act.article and act.params is not None and act.example
        fields = set(act.params().fields)
        assert set(act.example) - {"expected_state"} <= fields, name


def test_the_assessed_case_offers_consultation_and_entrustment_to_the_court_only(world, cw) -> None:
    case = _assessed(world, cw)
    clerk = _page(world, cw.clerk, case)
    assert "consult/" in clerk and 'id="investigation-entrust"' in clerk and 'id="served"' in clerk
    procurator = _page(world, cw.procurator, case)
    assert "consult/" not in procurator and 'id="investigation-entrust"' not in procurator
    assert 'id="served"' not in procurator


def test_once_served_the_entrustment_is_no_longer_offered_art_18(world, cw) -> None:
    case = _assessed(world, cw)
    execution_documents_served_record(
        case_id=case.pk, actor=cw.clerk, served_on=dt.date(2026, 3, 5)
    )
    page = _page(world, cw.clerk, case)
    assert 'id="investigation-entrust"' not in page and 'id="served"' not in page


def test_the_consulted_procurator_is_offered_the_reply_and_the_judge_the_decision(
    world, cw
) -> None:
    case = _consulted(world, cw)
    assert 'id="reply"' in _page(world, cw.procurator, case)
    assert 'id="reply"' not in _page(world, cw.judge, case)
    assert 'id="issue-decision"' in _page(world, cw.judge, case)
    # A court clerk prepares the decision but does not take it (P2014 Art 18).
    assert 'id="issue-decision"' not in _page(world, cw.clerk, case)
