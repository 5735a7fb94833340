"""The county judicial administration examines the proposal (P2014 Art 23 ¶1): approved, it
goes to the deciding organ (or the organ of the execution place the officer chose, CCL Art 49
¶1) with a copy to the procuratorate, each told; not approved, the person stays under
supervision and the officer is told. Only the head of the county judicial administration on
the case examines: the officer is refused (403), the head of another county finds nothing
(404)."""

from __future__ import annotations

import pytest

from cases.models import CaseParticipant
from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.audit.models import AuditEvent
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.models import Supervision, SupervisionState
from supervision.revocation.models import ProposalStatus
from tests.factories import OrganisationFactory, UserFactory

from .discipline_helpers import on
from .revocation_steps import EXAMINED_ON, examine, propose_on_review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _state(case) -> str:
    return Supervision.objects.get(case=case).state


def test_approved_it_is_sent_to_the_deciding_organ_with_a_copy_to_the_procuratorate(
    world, supervised
) -> None:
    propose_on_review(world, supervised)
    proposal = examine(world, supervised, approve=True)
    assert proposal.status == ProposalStatus.SENT
    assert proposal.sent_to == world.pab and proposal.sent_at is not None
    assert proposal.procuratorate_copy_to == world.proc_a
    assert proposal.examined_by == world.cja_head and proposal.examination_opinion
    assert _state(supervised) == SupervisionState.REVOCATION_PROPOSED
    assert Notice.objects.filter(recipient=world.approver, subject__contains="proposal").exists()
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="copy").exists()
    assert Notice.objects.filter(recipient=world.officer, subject__contains="approved").exists()
    assert AuditEvent.objects.filter(action="supervision.revocation_approved").exists()


def test_not_approved_the_person_stays_under_supervision(world, supervised) -> None:
    propose_on_review(world, supervised)
    proposal = examine(world, supervised, approve=False)
    assert proposal.status == ProposalStatus.WITHDRAWN and proposal.sent_to is None
    assert _state(supervised) == SupervisionState.UNDER_SUPERVISION
    assert Notice.objects.filter(recipient=world.officer, subject__contains="not approved").exists()
    event = AuditEvent.objects.get(action="supervision.revocation_not_approved")
    assert event.reason == "证据不足，不同意"
    # The ground is free again for a later proposal.
    from supervision.revocation.acts import grounds_open

    assert grounds_open(Supervision.objects.get(case=supervised)).count() == 1


def test_nothing_to_examine_is_refused_naming_the_article(world, supervised) -> None:
    CaseParticipant.objects.create(
        case=supervised, organisation=world.cja, capacity="judicial_administration"
    )
    with pytest.raises(TransitionRefused) as refused:
        examine(world, supervised, approve=True)
    assert {r.article for r in refused.value.requirements} == {"P2014 Art 23 ¶1"}


def test_the_execution_place_organ_chosen_receives_it_and_sees_the_case(world, supervised) -> None:
    organ = OrganisationFactory(
        name="杭州市中级人民法院执行地",
        abbreviation="杭法",
        type=OrganisationType.COURT,
        level=Level.CITY,
        region_code="330100",
    )
    judge = UserFactory(username="exec_judge", organisation=organ, roles=[Role.JUDGE])
    propose_on_review(world, supervised, execution_place_organ=organ)
    proposal = examine(world, supervised, approve=True)
    assert proposal.sent_to == organ
    assert Notice.objects.filter(recipient=judge, subject__contains="proposal").exists()
    with on(EXAMINED_ON):
        page = world.client_for(judge).get(f"/supervision/cases/{supervised.pk}/community/")
    assert page.status_code == 200


def test_an_organ_of_another_province_cannot_be_chosen(world, supervised) -> None:
    from django.core.exceptions import ValidationError

    elsewhere = OrganisationFactory(
        name="江苏省监狱管理局", type=OrganisationType.PRISON_ADMINISTRATION, region_code="320000"
    )
    with pytest.raises(ValidationError):
        propose_on_review(world, supervised, execution_place_organ=elsewhere)


def _examine_url(case) -> str:
    return f"/supervision/cases/{case.pk}/community/revocation/examine/"


EXAMINE = {"expected_state": "under_supervision", "approve": "yes", "opinion": "同意"}


def test_the_head_opens_the_page_and_approves_from_it(world, supervised) -> None:
    propose_on_review(world, supervised)
    client = world.client_for(world.cja_head)
    with on(EXAMINED_ON):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="section-revocation"' in html and 'id="submit-revocation_examine"' in html
        assert 'id="submit-revocation_propose"' not in html
        response = client.post(_examine_url(supervised), EXAMINE)
    assert response.status_code == 302
    assert supervised.supervision.revocation_proposals.get().status == ProposalStatus.SENT


def test_the_officer_cannot_examine(world, supervised) -> None:
    propose_on_review(world, supervised)
    with on(EXAMINED_ON):
        response = world.client_for(world.officer).post(_examine_url(supervised), EXAMINE)
    assert response.status_code == 403
    assert supervised.supervision.revocation_proposals.get().status == (
        ProposalStatus.AWAITING_APPROVAL
    )


def test_the_head_of_another_county_finds_nothing(world, supervised) -> None:
    propose_on_review(world, supervised)
    other = OrganisationFactory(
        name="杭州市上城区司法局",
        type=OrganisationType.JUDICIAL_ADMINISTRATION,
        level=Level.COUNTY,
        region_code="330102",
    )
    head = UserFactory(username="sc_head", organisation=other, roles=[Role.JUDICIAL_ADMIN_HEAD])
    with on(EXAMINED_ON):
        client = world.client_for(head)
        assert client.post(_examine_url(supervised), EXAMINE).status_code == 404
        api = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/revocation_examine/",
            {"expected_state": "under_supervision", "approve": True, "opinion": "同意"},
            content_type="application/json",
        )
        assert api.status_code == 404
    assert supervised.supervision.revocation_proposals.get().status == (
        ProposalStatus.AWAITING_APPROVAL
    )


def test_the_api_takes_the_examination(world, supervised) -> None:
    propose_on_review(world, supervised)
    with on(EXAMINED_ON):
        response = world.client_for(world.cja_head).post(
            f"/api/v1/cases/{supervised.pk}/acts/revocation_examine/",
            {"expected_state": "under_supervision", "approve": True, "opinion": "同意"},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "sent" and body["sent_to"] == world.pab.pk
    assert body["procuratorate_copy_to"] == world.proc_a.pk
