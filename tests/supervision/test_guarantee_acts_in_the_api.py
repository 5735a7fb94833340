"""The acts of the guarantee part answer from the generated API like any other: a change of the
execution place requested and decided through `/api/v1/cases/{id}/acts/...`, a refusal naming
its article with 400."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernel.accounts.roles import OrganisationType
from supervision.guarantee.models import MovementKind, MovementRequest, MovementState
from tests.factories import OrganisationFactory

from .test_guarantee_guarantor_history import SH, UNDER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
NOW = dt.datetime(2026, 7, 1, 10, tzinfo=SH)


def _post(client, case, name, body):
    with time_machine.travel(NOW, tick=False):
        return client.post(
            f"/api/v1/cases/{case.pk}/acts/{name}/",
            {"expected_state": UNDER, **body},
            content_type="application/json",
        )


def test_a_change_of_place_is_requested_and_decided_through_the_api(world, supervised) -> None:
    cci = OrganisationFactory(
        name="滨江区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="330108"
    )
    client = world.client_for(world.officer)
    response = _post(
        client,
        supervised,
        "movement_request_record",
        {
            "kind": "change_place",
            "requested_on": "2026-07-01",
            "reason": "随子女迁居",
            "new_residence": "杭州市滨江区长河街道1号",
            "new_cci": cci.pk,
        },
    )
    assert response.status_code in (200, 201), response.content
    request = MovementRequest.objects.get()
    assert (request.kind, request.new_cci) == (MovementKind.CHANGE_PLACE, cci)
    decided = _post(
        client,
        supervised,
        "movement_decide",
        {"request": request.pk, "approve": True, "reasons": "属实"},
    )
    assert decided.status_code in (200, 201), decided.content
    request.refresh_from_db()
    assert request.state == MovementState.APPROVED


def test_a_refusal_names_its_article(world, supervised) -> None:
    response = _post(
        world.client_for(world.officer),
        supervised,
        "lost_contact_found_record",
        {"lost_contact": 1, "found_at": "2026-07-01T09:00:00+08:00", "outcome": "x"},
    )
    assert response.status_code == 400
    assert "CCL Art 30" in response.content.decode() or "社区矫正法" in response.content.decode()
