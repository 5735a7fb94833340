"""The case file's records and acts are declared once (issue 10 items 1-2): one record act per
kind of record with the states of its step, the court keeping its own four kinds, and a case
page that offers what the declarations allow, not a restated rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases.acts.opinions import PROCURATORIAL_OPINION_FILE
from cases.acts.proposal import PROPOSAL_ACTS
from cases.acts.records import RECORD_ACTS, RECORD_PROCURATORATE_COPY, record_act_of
from cases.acts.registry import ACTS
from cases.acts.runner import act_allowed, act_run
from cases.models import Case, CaseState, Guarantor, ProcuratorateCopy
from cases.services.workflow import (
    RECORD_STATES,
    TransitionRefused,
    procuratorial_opinion_file,
    require_assessor_of,
    require_clerk_of,
)
from kernel.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

#: The kinds the court records itself on the court path (approvals COURT_RECORD_STATES).
COURT_KINDS = {
    "WrittenApplication",
    "MedicalCertificate",
    "SelfCareIdentification",
    "RecusalDeclaration",
}


def test_every_kind_of_record_has_one_act_taken_at_its_step() -> None:
    assert {model.__name__ for model in RECORD_ACTS} == set(RECORD_STATES)
    for model, act in RECORD_ACTS.items():
        assert ACTS[act.name] is act
        assert act.states == RECORD_STATES[model.__name__]
        assert act.audit_action == f"case.record.{model.__name__}"
        assert act.params is not None and act.params.Meta.model is model
        assert act.example and act.example.get("expected_state") in act.states


def test_the_court_keeps_its_own_four_kinds_of_record_art_17() -> None:
    for model, act in RECORD_ACTS.items():
        expected = require_assessor_of if model.__name__ in COURT_KINDS else require_clerk_of
        assert act.may is expected, model.__name__


def test_a_record_from_the_api_body_is_built_checked_saved_and_audited(world) -> None:
    case = world.case_a
    saved = act_run(
        RECORD_PROCURATORATE_COPY,
        case_id=case.pk,
        actor=world.clerk_a,
        expected_state=case.state,
        stage=ProcuratorateCopy.Stage.ASSESSMENT,
        procuratorate=world.proc_a,
        sent_on=dt.date(2026, 3, 5),
    )
    assert isinstance(saved, ProcuratorateCopy) and saved.case_id == case.pk
    event = AuditEvent.objects.filter(action="case.record.ProcuratorateCopy").latest("id")
    assert event.payload == {"record_id": saved.pk, "created": True}


def test_a_record_is_refused_outside_its_step_with_the_article(world) -> None:
    act = record_act_of(Guarantor)
    with pytest.raises(TransitionRefused) as refused:
        act_run(act, case_id=world.case_a.pk, actor=world.clerk_a, expected_state=None)
    assert [r.article for r in refused.value.requirements] == [act.article]


def test_only_the_institutions_clerk_records_a_copy(world) -> None:
    with pytest.raises(PermissionDenied):
        act_run(
            RECORD_PROCURATORATE_COPY,
            case_id=world.case_a.pk,
            actor=world.leader_a,
            expected_state=None,
            stage=ProcuratorateCopy.Stage.ASSESSMENT,
            procuratorate=world.proc_a,
            sent_on=dt.date(2026, 3, 5),
        )


def test_the_case_file_offers_the_clerk_the_steps_the_declarations_allow(world) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).get(f"/cases/{case.pk}/")
    offered = [step["name"] for step in response.context["steps"]]
    allowed = [name for name, act in PROPOSAL_ACTS.items() if act_allowed(act, world.clerk_a, case)]
    assert offered == allowed
    assert "screen" in offered and "not_propose" in offered
    assert response.context["may_upload"] is True


def test_the_case_file_offers_a_leader_no_step_and_no_record(world) -> None:
    response = world.client_for(world.leader_a).get(f"/cases/{world.case_a.pk}/")
    assert response.status_code == 200
    assert response.context["steps"] == []
    assert response.context["records_of_step"] == []
    assert response.context["may_upload"] is False
    assert 'id="next-steps"' not in response.content.decode()


def test_a_leader_posting_a_step_is_refused_with_who_may_before_the_input(world) -> None:
    response = world.client_for(world.leader_a).post(f"/cases/{world.case_a.pk}/steps/screen/", {})
    assert response.status_code == 403


def test_the_opinion_is_offered_to_the_supervising_procurator_as_the_act_allows(world) -> None:
    case = world.case_a
    response = world.client_for(world.procurator_a).get(f"/cases/{case.pk}/")
    assert response.context["may_give_opinion"] is act_allowed(
        PROCURATORIAL_OPINION_FILE, world.procurator_a, case
    )
    assert response.context["may_give_opinion"] is True


def test_no_opinion_on_a_case_not_proposed_art_13(world) -> None:
    case = world.case_a
    Case.objects.filter(pk=case.pk).update(state=CaseState.NOT_PROPOSED)
    case.refresh_from_db()
    assert not act_allowed(PROCURATORIAL_OPINION_FILE, world.procurator_a, case)
    response = world.client_for(world.procurator_a).get(f"/cases/{case.pk}/")
    assert response.context["may_give_opinion"] is False
    with pytest.raises(TransitionRefused):
        procuratorial_opinion_file(
            case_id=case.pk,
            actor=world.procurator_a,
            issued_on=dt.date(2026, 4, 1),
            conforms=True,
            content="意见",
            chief_approved=True,
        )


def test_decision_offered_only_to_the_deciding_organ_by_its_declaration(world) -> None:
    case = world.case_a
    assert world.client_for(world.clerk_a).get(f"/cases/{case.pk}/").context["may_decide"] is False
    Case.objects.filter(pk=case.pk).update(state=CaseState.PROPOSED)
    case.refresh_from_db()
    page = world.client_for(world.approver).get(f"/cases/{case.pk}/")
    assert page.context["may_decide"] is True
    assert act_allowed(ACTS["decision_issue"], world.approver, case)
    assert page.context["decide_url"] == f"/approvals/cases/{case.pk}/decide/"


def test_on_the_court_path_the_case_file_offers_the_court_its_own_acts_art_17(world) -> None:
    from tests.approvals.test_court_path import _open, court_world
    from tests.cases.steps import assessed_eligible

    cw = court_world(world)
    case = _open(world, cw)
    assessed_eligible(case)
    client = world.client_for(cw.clerk)
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    offered = [step["name"] for step in page.context["steps"]]
    assert "screen" in offered and "not_propose" not in offered  # no proposal: Art 17
    response = client.post(
        f"/cases/{case.pk}/steps/screen/", {"expected_state": case.state, "reason": ""}
    )
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.state == CaseState.SCREENED
