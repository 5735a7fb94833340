"""The supervision section of the release page: the executing institution's officer records a
review from a one-column form and sees the history; the clerk may look, not act (403);
an officer of another province's institution does not see the case (404)."""

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


def _review_data(world) -> dict[str, str]:
    return {
        "expected_state": "under_supervision",
        "reexamined_on": "2026-06-20",
        "hospital": str(world.hospital.pk),
        "doctors": "张医生（主任医师）",
        "findings": "病情稳定，仍需治疗",
        "finding": "uncertain",
        "condition_change": "unchanged",
    }


def test_the_officer_records_a_review_from_the_page(world, supervised) -> None:
    client = world.client_for(world.officer)
    url = f"/supervision/cases/{supervised.pk}/"
    with time_machine.travel(JUNE_25, tick=False):
        page = client.get(url + "release/").content.decode()
        assert 'id="supervision"' in page and 'id="submit-condition_review"' in page
        response = client.post(url + "supervision/review/", _review_data(world))
        assert response.status_code == 302
        page = client.get(url + "release/").content.decode()
    review = ConditionReview.objects.get()
    assert review.feedback_to == world.pab
    assert "张医生（主任医师）" in page


def test_the_clerk_may_look_but_not_review(world, supervised) -> None:
    client = world.client_for(world.clerk_a)
    url = f"/supervision/cases/{supervised.pk}/"
    page = client.get(url + "release/").content.decode()
    assert 'id="supervision"' in page and 'id="submit-condition_review"' not in page
    response = client.post(url + "supervision/review/", _review_data(world))
    assert response.status_code == 403


def test_another_provinces_officer_gets_404(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构",
        type=OrganisationType.COMMUNITY_CORRECTION,
        region_code="110105",
    )
    stranger = UserFactory(
        username="bj_officer", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    client = world.client_for(stranger)
    response = client.post(
        f"/supervision/cases/{supervised.pk}/supervision/review/", _review_data(world)
    )
    assert response.status_code == 404
    assert not ConditionReview.objects.exists()
