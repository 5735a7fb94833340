"""The revocation section of the community page and its routes: the officer proposes from the
page (302 back to it) with the raised ground pre-selected, and opens DOC-27 (audited); a
refused proposal draws the page again naming the article (400); a prison clerk is refused
(403); another province's officer finds nothing (404); the API takes the proposal with its
uploads."""

from __future__ import annotations

import re

import pytest

from kernel.accounts.roles import OrganisationType, Role
from kernel.audit.models import AuditEvent
from supervision.revocation.models import RevocationProposal
from tests.factories import OrganisationFactory, UserFactory

from .discipline_helpers import on, scan
from .revocation_steps import PROPOSED_ON, disappeared

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _url(case, tail: str) -> str:
    return f"/supervision/cases/{case.pk}/community/revocation/{tail}"


def _data(ground) -> dict:
    return {
        "expected_state": "under_supervision",
        "grounds": ["cpl_268_3", "spc_516_6"],
        "raised_grounds": [ground.pk],
        "reasons": "保外就医情形消失",
    }


def test_the_officer_proposes_from_the_page_and_opens_the_proposal(world, supervised) -> None:
    ground = disappeared(world, supervised)
    client = world.client_for(world.officer)
    with on(PROPOSED_ON):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        assert 'id="section-revocation"' in page and 'id="submit-revocation_propose"' in page
        assert f'id="raised-ground-{ground.pk}"' in page
        assert re.search(r'value="cpl_268_3"[^>]*checked', page)
        assert re.search(r'value="spc_516_6"[^>]*checked', page)
        assert not re.search(r'value="spc_516_8"[^>]*checked', page)
        response = client.post(_url(supervised, "propose/"), _data(ground))
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    proposal = RevocationProposal.objects.get()
    assert f'id="proposal-{proposal.pk}"' in page and proposal.number in page
    pdf = client.get(_url(supervised, f"documents/{proposal.document_id}.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="document.viewed").exists()
    assert client.get(_url(supervised, "documents/999999.pdf")).status_code == 404


def test_a_refused_proposal_draws_the_page_with_the_article(world, supervised) -> None:
    with on(PROPOSED_ON):
        response = world.client_for(world.officer).post(
            _url(supervised, "propose/"),
            {"expected_state": "under_supervision", "reasons": "无", "grounds": ["spc_516_1"]},
        )
    assert response.status_code == 400
    text = response.content.decode()
    assert "has no evidence" in text or "没有证据" in text
    assert "Art 49 ¶1" in text or "第四十九条第一款" in text
    assert not RevocationProposal.objects.exists()


def test_a_prison_clerk_is_refused(world, supervised) -> None:
    ground = disappeared(world, supervised)
    with on(PROPOSED_ON):
        response = world.client_for(world.clerk_a).post(_url(supervised, "propose/"), _data(ground))
    assert response.status_code == 403
    assert not RevocationProposal.objects.exists()


def test_another_provinces_officer_finds_nothing(world, supervised) -> None:
    ground = disappeared(world, supervised)
    stranger = UserFactory(
        username="bj_officer_r",
        organisation=OrganisationFactory(
            name="朝阳区社区矫正机构",
            type=OrganisationType.COMMUNITY_CORRECTION,
            region_code="110105",
        ),
        roles=[Role.CORRECTION_OFFICER],
    )
    with on(PROPOSED_ON):
        response = world.client_for(stranger).post(_url(supervised, "propose/"), _data(ground))
    assert response.status_code == 404
    assert not RevocationProposal.objects.exists()


def test_the_api_takes_the_proposal_with_its_uploads(world, supervised) -> None:
    with on(PROPOSED_ON):
        response = world.client_for(world.officer).post(
            f"/api/v1/cases/{supervised.pk}/acts/revocation_propose/",
            {
                "expected_state": "under_supervision",
                "grounds": ["spc_516_8", "cpl_268_2"],
                "reasons": "多次违反监督管理规定",
                "evidence_spc_516_8": scan("facts.pdf"),
                "evidence_cpl_268_2": scan("more.pdf"),
            },
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "awaiting_approval" and body["number"].startswith("西湖矫收建")
    assert set(body["ground_evidence"]) == {"spc_516_8", "cpl_268_2"}
    assert body["supervision_state"] == "revocation_proposed"
