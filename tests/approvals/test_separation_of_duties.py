"""Separation of duties (legal-spec §3.6; P2014 Art 32; issue 14).

The person who entered the diagnosis cannot decide on the proposal: the act refuses them
(403 naming the article) on the page and in the API, and neither offers them the control. The
head of the institution's sign-off before submission is a recorded act
(`prison_head_signoff`): taken by a leader of the institution only, audited, shown on the
case's step tracker, and the submission is refused without it, naming the rule.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from approvals.services import case_decide
from cases.acts.proposal import case_advance
from cases.models import CaseState, ProposalSignOff
from kernel.accounts.models import RoleGrant, User
from kernel.accounts.roles import Role
from kernel.audit.models import AuditEvent
from kernel.refusals import TransitionRefused
from tests.cases.steps import attach_dossier, to_publicity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
AFTER_PUBLICITY = dt.datetime(2026, 3, 17, 15, tzinfo=SH)


def _api(case, name: str) -> str:
    return f"/api/v1/cases/{case.pk}/acts/{name}/"


# The head's sign-off before the submission.


@pytest.fixture
def ready(world):
    """A case whose publicity is over and whose dossier is attached, not yet signed off."""
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    case.refresh_from_db()
    return case


def test_the_submission_is_refused_without_the_heads_signoff_naming_the_rule(world, ready) -> None:
    with time_machine.travel(AFTER_PUBLICITY, tick=False), pytest.raises(TransitionRefused) as exc:
        case_advance(
            case_id=ready.pk, actor=world.clerk_a, step="submit", expected_state="publicity"
        )
    (refusal,) = exc.value.requirements
    assert refusal.article == "P2014 Art 13 ¶2"
    assert "has not signed the proposal off" in str(refusal.message)
    ready.refresh_from_db()
    assert ready.state == CaseState.PUBLICITY


def test_the_page_refuses_the_submission_without_the_signoff(world, ready) -> None:
    with time_machine.travel(AFTER_PUBLICITY, tick=False):
        response = world.client_for(world.clerk_a).post(
            reverse("cases:case_step", args=[ready.pk, "submit"]),
            {"expected_state": "publicity"},
            **EN,
        )
    assert response.status_code == 400
    assert "has not signed the proposal off" in response.content.decode()


def test_the_head_signs_off_on_the_case_page_audited_and_shown_on_the_tracker(world, ready) -> None:
    client = world.client_for(world.leader_a)
    page = client.get(reverse("cases:case_detail", args=[ready.pk]), **EN).content.decode()
    assert reverse("cases:case_step", args=[ready.pk, "prison_head_signoff"]) in page
    response = client.post(
        reverse("cases:case_step", args=[ready.pk, "prison_head_signoff"]),
        {"expected_state": "publicity"},
    )
    assert response.status_code == 302
    signoff = ProposalSignOff.objects.get(case=ready)
    assert signoff.signed_by == world.leader_a
    assert signoff.institution == world.prison_a
    event = AuditEvent.objects.get(action="case.prison_head_signoff")
    assert event.actor_id == world.leader_a.pk
    page = client.get(reverse("cases:case_detail", args=[ready.pk]), **EN).content.decode()
    assert '<li class="done" id="tracker-signoff">Signed off by the head of the institution' in page
    assert str(world.leader_a) in page
    with time_machine.travel(AFTER_PUBLICITY, tick=False):
        case_advance(
            case_id=ready.pk, actor=world.clerk_a, step="submit", expected_state="publicity"
        )
    ready.refresh_from_db()
    assert ready.state == CaseState.PROPOSED


def test_a_clerk_cannot_sign_off_on_the_page_or_in_the_api(world, ready) -> None:
    client = world.client_for(world.clerk_a)
    page = client.get(reverse("cases:case_detail", args=[ready.pk]), **EN).content.decode()
    assert "prison_head_signoff" not in page
    web = client.post(
        reverse("cases:case_step", args=[ready.pk, "prison_head_signoff"]),
        {"expected_state": "publicity"},
    )
    assert web.status_code == 403
    api = client.post(
        _api(ready, "prison_head_signoff"),
        {"expected_state": "publicity"},
        content_type="application/json",
        **EN,
    )
    assert api.status_code == 403
    assert "head of the prison or detention centre" in api.json()["detail"]
    assert not ProposalSignOff.objects.filter(case=ready).exists()


def test_the_head_of_another_prison_does_not_find_the_case(world, ready) -> None:
    from tests.factories import UserFactory

    other_head = UserFactory(organisation=world.prison_b, roles=[Role.PRISON_LEADER])
    api = world.client_for(other_head).post(
        _api(ready, "prison_head_signoff"),
        {"expected_state": "publicity"},
        content_type="application/json",
    )
    assert api.status_code == 404


def test_the_head_signs_off_through_the_api_once(world, ready) -> None:
    client = world.client_for(world.leader_a)
    body = {"expected_state": "publicity", "reason": "同意提请。"}
    first = client.post(_api(ready, "prison_head_signoff"), body, content_type="application/json")
    assert first.status_code == 200, first.content
    assert ProposalSignOff.objects.get(case=ready).comment == "同意提请。"
    again = client.post(_api(ready, "prison_head_signoff"), body, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["requirements"][0]["article"] == "P2014 Art 13 ¶2"


# The person who entered the diagnosis does not decide.


def _moved_to_the_authority(world) -> User:
    """The clerk who entered the case's diagnosis, since moved to the approving authority."""
    clerk = world.clerk_a
    clerk.organisation = world.pab
    clerk.save(update_fields=["organisation"])
    RoleGrant.objects.filter(user=clerk).delete()
    RoleGrant.objects.create(user=clerk, role=Role.APPROVER)
    return User.objects.get(pk=clerk.pk)


def test_the_person_who_entered_the_diagnosis_cannot_decide(world, proposed) -> None:
    entrant = _moved_to_the_authority(world)
    with pytest.raises(PermissionDenied) as exc:
        case_decide(
            case_id=proposed.pk,
            actor=entrant,
            approve=True,
            reasons="符合条件",
            committee_held_on=dt.date(2026, 3, 24),
            committee_members_present=9,
            expected_state="proposed",
            otp_code="123456",
        )
    assert "P2014 Art 32" in str(exc.value)
    proposed.refresh_from_db()
    assert proposed.state == CaseState.PROPOSED


def test_the_decide_page_does_not_offer_the_decision_to_the_entrant(world, proposed) -> None:
    entrant = _moved_to_the_authority(world)
    client = world.client_for(entrant)
    page = client.get(reverse("approvals:decide", args=[proposed.pk]), **EN).content.decode()
    assert 'id="duty-conflict"' in page
    assert "separation of duties, P2014 Art 32" in page
    assert 'id="issue-decision"' not in page
    case_page = client.get(reverse("cases:case_detail", args=[proposed.pk]), **EN)
    assert 'id="decide"' not in case_page.content.decode()
    refused = client.post(
        reverse("approvals:decide", args=[proposed.pk]),
        {
            "expected_state": "proposed",
            "approve": "yes",
            "reasons": "符合条件",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": "123456",
        },
        **EN,
    )
    assert refused.status_code == 403


def test_the_api_refuses_the_entrant_and_does_not_offer_the_act(world, proposed) -> None:
    entrant = _moved_to_the_authority(world)
    client = world.client_for(entrant)
    offers = {o["name"]: o for o in client.get(f"/api/v1/cases/{proposed.pk}/acts/").json()}
    assert not offers["decision_issue"]["allowed"]
    response = client.post(
        _api(proposed, "decision_issue"),
        {
            "expected_state": "proposed",
            "approve": True,
            "reasons": "符合条件",
            "committee_held_on": "2026-03-24",
            "committee_members_present": 9,
            "otp_code": "123456",
        },
        content_type="application/json",
        **EN,
    )
    assert response.status_code == 403
    assert "P2014 Art 32" in response.json()["detail"]


def test_another_approver_is_offered_the_decision(world, proposed) -> None:
    client = world.client_for(world.approver)
    page = client.get(reverse("approvals:decide", args=[proposed.pk]), **EN).content.decode()
    assert 'id="issue-decision"' in page
    assert 'id="duty-conflict"' not in page
    offers = {o["name"]: o for o in client.get(f"/api/v1/cases/{proposed.pk}/acts/").json()}
    assert offers["decision_issue"]["allowed"]
