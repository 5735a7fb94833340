"""P11 (P2014 Art 23 ¶2; SPP-Rules Art 634): the procurator's lane offers the suggestion to
imprison, the act `revocation_suggest` of the community page, when the person is under
community correction; it is not offered to those who may not take it."""

from __future__ import annotations

import pytest

from tests.supervision.conftest import approved, proposed, received, supervised  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_lane_links_to_the_suggestion_form(world, supervised) -> None:  # noqa: F811
    lane = f"/procuracy/cases/{supervised.pk}/"
    html = world.client_for(world.procurator_a).get(lane).content.decode()
    assert 'id="lane-revocation-suggest"' in html
    assert f"/cases/{supervised.pk}/community/#act-revocation_suggest" in html
    html = world.client_for(world.clerk_a).get(lane).content.decode()
    assert 'id="lane-revocation-suggest"' not in html
