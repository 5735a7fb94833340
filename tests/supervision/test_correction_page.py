"""The correction section of the community page: the executing CCI's officer takes the acts
from one-column forms (302 back to the page), a prison clerk sees the section read-only and
is refused a POST (403), another province's officer does not find the case (404); the acts are
in the REST API."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kernel.accounts.roles import OrganisationType, Role
from supervision.correction.models import FieldVerification, TeamMember
from tests.cases.steps import PDF
from tests.factories import OrganisationFactory, UserFactory

from .test_correction_team_rules import APRIL_2, plan_adopt, team_with_guarantor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

MEMBER = {
    "expected_state": "under_supervision",
    "name": "王红",
    "role": "social_worker",
    "sex": "F",
    "phone": "13900001111",
    "joined_on": "2026-04-02",
}


def _url(case, tail: str) -> str:
    return f"/supervision/cases/{case.pk}/community/correction/{tail}"


def test_the_officer_adds_a_member_from_the_page_and_comes_back_to_it(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(APRIL_2, tick=False):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        response = client.post(_url(supervised, "team/add/"), MEMBER)
    assert 'id="section-correction"' in page
    assert 'id="submit-correction_team_add"' in page
    # The plan waits for the guarantor to join the team, and the page says so.
    plan = page[page.index('id="act-correction_plan_adopt"') :]
    assert "submit-correction_plan_adopt" not in page and "张父" in plan[: plan.index("</details>")]
    assert response.status_code == 302
    assert response["Location"].startswith(f"/supervision/cases/{supervised.pk}/community/")
    assert TeamMember.objects.get(supervision__case=supervised).name == "王红"


def test_a_prison_clerk_sees_the_section_read_only_and_is_refused(world, supervised) -> None:
    client = world.client_for(world.clerk_a)
    with time_machine.travel(APRIL_2, tick=False):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        response = client.post(_url(supervised, "team/add/"), MEMBER)
    assert 'id="section-correction"' in page and "submit-correction_" not in page
    assert response.status_code == 403
    assert not TeamMember.objects.exists()


def test_another_provinces_officer_does_not_find_the_case(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="110105"
    )
    stranger = UserFactory(
        username="bj_officer3", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    with time_machine.travel(APRIL_2, tick=False):
        response = world.client_for(stranger).post(_url(supervised, "team/add/"), MEMBER)
    assert response.status_code == 404


def test_an_invalid_form_draws_the_page_again_with_the_errors(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(APRIL_2, tick=False):
        response = client.post(_url(supervised, "team/add/"), {**MEMBER, "sex": ""})
    assert response.status_code == 400
    assert 'id="act-correction_team_add" open' in response.content.decode()


def test_a_verification_with_evidence_from_the_page(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="strict")
    client = world.client_for(world.officer)
    data = {
        "expected_state": "under_supervision",
        "method": "video_roll_call",
        "verified_at": "2026-04-03T10:00",
        "place": "视频点验（本人住所）",
        "findings": "本人在家",
        "evidence": SimpleUploadedFile("截图.pdf", PDF, "application/pdf"),
    }
    with time_machine.travel(APRIL_2.replace(day=3, hour=12), tick=False):
        response = client.post(_url(supervised, "verification/"), data)
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    assert response.status_code == 302
    verification = FieldVerification.objects.get()
    assert verification.evidence is not None
    assert 'id="correction-verifications"' in page and "2026-04-10" in page


def test_the_api_endpoint_adds_a_member(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(APRIL_2, tick=False):
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/correction_team_member_add/",
            {**MEMBER, "name": "", "role": "guarantor", "sex": "M", "phone": ""},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "张父"
    assert response.json()["role"] == "guarantor"
