"""The re-examination section of the community page and its forms: the officer of the
executing institution requests and decides a postponement and records a birth from the page;
a prison clerk is refused (403) and an officer of another province does not find the case
(404)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kernel.accounts.roles import OrganisationType, Role
from supervision.medical.models import PostponementState, ReexaminationPostponement
from tests.factories import OrganisationFactory, UserFactory

from .medical_steps import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _request_data() -> dict[str, str]:
    return {
        "expected_state": "under_supervision",
        "requested_by": "person",
        "reason": "住院治疗中",
        "requested_date": "2026-07-15",
    }


def test_the_officer_requests_and_decides_a_postponement_from_the_page(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(at(dt.date(2026, 6, 20)), tick=False):
        page = client.get(reverse("supervision:community", args=[supervised.pk])).content.decode()
        assert 'id="section-medical"' in page and 'id="medical-next-due"' in page
        assert 'id="submit-medical_postponement_request"' in page
        response = client.post(
            reverse("supervision:medical_postponement_request", args=[supervised.pk]),
            _request_data(),
        )
        assert response.status_code == 302
        request = ReexaminationPostponement.objects.get()
        page = client.get(reverse("supervision:community", args=[supervised.pk])).content.decode()
        assert 'id="submit-medical_postponement_decide"' in page
        response = client.post(
            reverse("supervision:medical_postponement_decide", args=[supervised.pk]),
            {
                "expected_state": "under_supervision",
                "postponement": str(request.pk),
                "approve": "1",
                "approved_date": "",
                "reasons": "同意",
            },
        )
    assert response.status_code == 302
    request = ReexaminationPostponement.objects.get(pk=request.pk)
    assert request.state == PostponementState.APPROVED
    assert request.approved_date == dt.date(2026, 7, 15)


def test_an_invalid_request_shows_the_page_again_with_errors(world, supervised) -> None:
    with time_machine.travel(at(dt.date(2026, 6, 20)), tick=False):
        response = world.client_for(world.officer).post(
            reverse("supervision:medical_postponement_request", args=[supervised.pk]),
            {**_request_data(), "requested_date": ""},
        )
    assert response.status_code == 400
    assert not ReexaminationPostponement.objects.exists()


def test_a_clerk_is_refused_and_another_province_does_not_find_the_case(world, supervised) -> None:
    stranger = UserFactory(
        username="js_officer",
        organisation=OrganisationFactory(
            name="玄武区社区矫正机构",
            type=OrganisationType.COMMUNITY_CORRECTION,
            region_code="320102",
        ),
        roles=[Role.CORRECTION_OFFICER],
    )
    routes = ("medical_postponement_request", "medical_postponement_decide", "medical_birth")
    with time_machine.travel(at(dt.date(2026, 6, 20)), tick=False):
        for name in routes:
            url = reverse(f"supervision:{name}", args=[supervised.pk])
            assert world.client_for(world.clerk_a).post(url, _request_data()).status_code == 403
            assert world.client_for(stranger).post(url, _request_data()).status_code == 404
    assert not ReexaminationPostponement.objects.exists()


def test_the_registry_page_is_for_staff(world, client) -> None:
    url = reverse("supervision:medical_hospitals")
    assert client.get(url).status_code == 302  # to the sign-in page
    assert world.client_for(world.clerk_a).get(url).status_code == 200
