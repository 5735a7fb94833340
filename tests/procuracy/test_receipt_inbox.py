"""The procuratorate's inbox lists what is addressed to it awaiting acknowledgement, then the
recently acknowledged, in a constant number of queries; it is the procurators' page only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.approvals.conftest import proposed  # noqa: F401

from .receipt_helpers import SH, acknowledge, copy_of, more_copies

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _get(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("procuracy:receipt_inbox"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_inbox_lists_awaiting_then_acknowledged_in_constant_queries(
    world,
    proposed,  # noqa: F811
) -> None:
    client = world.client_for(world.procurator_a)
    acknowledge(
        world,
        proposed,
        stage="assessment",
        on=dt.date(2026, 3, 17),
        at=dt.datetime(2026, 3, 18, 10, tzinfo=SH),
    )
    proposal = copy_of(proposed)
    _get(client)  # the first request of a session reads more (session, sign-in)
    page, few = _get(client)
    assert f'id="inbox-copy-{proposal.pk}"' in page
    assert f'id="acknowledge-copy-{proposal.pk}"' in page
    assert f'id="recent-copy-{copy_of(proposed, "assessment").pk}"' in page
    assert world.prison_a.name in page and proposed.number in page and "D-09" in page
    extra = more_copies(world, 6)
    page, many = _get(client)
    assert all(f'id="inbox-copy-{c.pk}"' in page for c in extra)
    assert many == few


def test_only_procurators_open_the_inbox_and_see_their_own(world, proposed) -> None:  # noqa: F811
    assert (
        world.client_for(world.clerk_a).get(reverse("procuracy:receipt_inbox")).status_code == 403
    )
    page, _n = _get(world.client_for(world.procurator_b))
    assert proposed.number not in page
    nav = world.client_for(world.procurator_a).get(reverse("cases:my_work")).content.decode()
    assert reverse("procuracy:receipt_inbox") in nav
