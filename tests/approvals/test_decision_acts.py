"""The deciding organ's acts are declared once (issue 10): the approving authority's decision
and the court's are one procedure with two profiles; each path offers only its own decision;
an act on a record of a case finds that record only among the case's own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from approvals.acts.decision import AUTHORITY, COURT, COURT_DECISION_ISSUE, DECISION_ISSUE
from approvals.acts.objections import OBJECTIONABLE_STATES
from approvals.services import delivery_receipt_record, opinion_answer
from cases.acts.registry import ACTS
from cases.acts.runner import act_allowed, act_missing, act_run
from cases.models import ProcuratorialOpinion
from tests.approvals.test_court_path import _consulted, _decide, cw  # noqa: F401
from tests.approvals.test_decision import _decide as _authority_decides

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

DEPARTMENT_ACTS = {
    "decision_issue",
    "court_decision_issue",
    "opinion_answer",
    "delivery_receipt_record",
    "objection_file",
    "objection_review",
    "filing_record",
    "cross_province_notify",
    "fileholder_designate",
}


def test_every_act_of_the_deciding_organ_is_declared_with_its_api_body() -> None:
    for name in DEPARTMENT_ACTS:
        act = ACTS[name]
        assert act.params is not None and act.example is not None, name
        assert act.article, name


def test_both_decisions_are_one_signed_procedure_with_two_profiles() -> None:
    assert DECISION_ISSUE.signed and COURT_DECISION_ISSUE.signed
    for act in (DECISION_ISSUE, COURT_DECISION_ISSUE):
        assert "otp_code" in act.params().fields  # type: ignore[misc]
    # The difference between the two organs is data.
    assert (AUTHORITY.window, COURT.window) == ("D-04", "D-08")
    assert (AUTHORITY.series[False], COURT.series[False]) == ("不批", "不暂通")


def test_the_approver_is_offered_the_authoritys_decision_not_the_courts(world, proposed) -> None:
    assert act_allowed(DECISION_ISSUE, world.approver, proposed)
    assert not act_allowed(COURT_DECISION_ISSUE, world.approver, proposed)
    assert not act_allowed(DECISION_ISSUE, world.clerk_a, proposed)


def test_the_judge_is_offered_the_courts_decision_not_the_authoritys(world, cw) -> None:  # noqa: F811
    case = _consulted(world, cw)
    assert act_allowed(COURT_DECISION_ISSUE, cw.judge, case)
    assert not act_allowed(DECISION_ISSUE, cw.judge, case)
    assert not act_allowed(COURT_DECISION_ISSUE, cw.clerk, case)  # the clerk prepares only
    assert act_missing(COURT_DECISION_ISSUE, case) == []


def test_the_committee_quorum_is_asked_only_once_its_size_is_given(world, proposed) -> None:
    assert act_missing(DECISION_ISSUE, proposed) == []
    unmet = act_missing(DECISION_ISSUE, proposed, {"committee_members_present": 5})
    assert [r.article for r in unmet] == ["MOJ 2016 Art 3"]


def test_the_objection_is_declared_for_the_objectionable_states() -> None:
    assert ACTS["objection_file"].states == OBJECTIONABLE_STATES


def test_an_opinion_of_another_case_is_not_answered_on_this_one(world, proposed) -> None:
    other = ProcuratorialOpinion.objects.create(
        case=world.case_b,
        procuratorate=world.proc_a,
        author=world.procurator_a,
        issued_on=dt.date(2026, 3, 20),
        conforms=False,
        content="保证人条件存疑",
        chief_approved=True,
    )
    with pytest.raises(Http404):
        act_run(
            ACTS["opinion_answer"],
            case_id=proposed.pk,
            actor=world.approver,
            expected_state=None,
            opinion_id=other.pk,
            answer="已核实",
        )
    with pytest.raises(Http404):
        opinion_answer(opinion_id=10**9, actor=world.approver, answer="已核实")
    assert not hasattr(other, "answer")


def test_a_delivery_of_another_case_is_not_received_on_this_one(world, proposed, cw) -> None:  # noqa: F811
    decision = _authority_decides(world, proposed)
    court_case = _consulted(world, cw)
    court_decision = _decide(cw, court_case)
    foreign = court_decision.deliveries.first()
    with pytest.raises(Http404):
        act_run(
            ACTS["delivery_receipt_record"],
            case_id=proposed.pk,
            actor=world.approver,
            expected_state=None,
            delivery_id=foreign.pk,
        )
    with pytest.raises(Http404):
        delivery_receipt_record(delivery_id=10**9, actor=world.approver)
    own = decision.deliveries.first()
    assert delivery_receipt_record(delivery_id=own.pk, actor=world.approver).received_at
