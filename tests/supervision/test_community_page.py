"""The community-correction page of one person: the supervision record, its clocks with their
rules, and the acts the officer may take; a refused act draws the same page again with the
article; the page does not exist before the reception, nor for another province's officer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernel.accounts.roles import OrganisationType, Role
from supervision.models import ConditionReview
from tests.factories import OrganisationFactory, UserFactory

from .test_release_and_hand_over import SH

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_25 = dt.datetime(2026, 6, 25, 10, tzinfo=SH)


def test_the_officer_sees_the_record_its_clocks_and_the_review_form(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(JUNE_25, tick=False):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    assert 'id="supervision"' in page and 'id="submit-condition_review"' in page
    assert 'id="community-clocks"' in page and 'id="clock-D-15-' in page


def test_a_review_taken_from_the_page_comes_back_to_it(world, supervised) -> None:
    client = world.client_for(world.officer)
    url = f"/supervision/cases/{supervised.pk}/"
    data = {
        "expected_state": "under_supervision",
        "reexamined_on": "2026-06-20",
        "hospital": str(world.hospital.pk),
        "doctors": "张医生（主任医师）",
        "findings": "病情稳定，仍需治疗",
        "finding": "persist",
        "condition_change": "unchanged",
    }
    with time_machine.travel(JUNE_25, tick=False):
        response = client.post(url + "supervision/review/", data)
    assert response.status_code == 302
    assert response["Location"].startswith(url + "community/")
    assert ConditionReview.objects.count() == 1


def test_an_invalid_review_draws_the_page_again_and_records_nothing(world, supervised) -> None:
    client = world.client_for(world.officer)
    with time_machine.travel(JUNE_25, tick=False):
        response = client.post(
            f"/supervision/cases/{supervised.pk}/supervision/review/",
            {"expected_state": "under_supervision", "reexamined_on": "2026-06-20"},
        )
    assert response.status_code == 400
    assert 'id="supervision"' in response.content.decode()
    assert not ConditionReview.objects.exists()


def test_there_is_no_community_page_before_the_reception(world, received) -> None:
    client = world.client_for(world.clerk_a)
    assert client.get(f"/supervision/cases/{received.pk}/community/").status_code == 404


def test_another_provinces_officer_gets_404(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构",
        type=OrganisationType.COMMUNITY_CORRECTION,
        region_code="110105",
    )
    stranger = UserFactory(
        username="bj_officer2", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    client = world.client_for(stranger)
    assert client.get(f"/supervision/cases/{supervised.pk}/community/").status_code == 404
