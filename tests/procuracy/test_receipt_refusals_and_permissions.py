"""Only a procurator of the procuratorate a copy is addressed to acknowledges it; twice, or a
receipt before the sending or in the future, is refused clearly."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procuracy.receipt.models import CopyAcknowledgement
from tests.approvals.conftest import proposed  # noqa: F401

from .receipt_helpers import SH, acknowledge, copy_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
AT = dt.datetime(2026, 3, 18, 10, tzinfo=SH)


def test_acknowledging_twice_is_refused(world, proposed) -> None:  # noqa: F811
    acknowledge(world, proposed, on=dt.date(2026, 3, 17), at=AT)
    with pytest.raises(ValidationError, match="already been acknowledged"):
        acknowledge(world, proposed, on=dt.date(2026, 3, 18), at=AT)
    assert CopyAcknowledgement.objects.count() == 1


def test_a_receipt_before_the_sending_is_refused(world, proposed) -> None:  # noqa: F811
    with pytest.raises(ValidationError, match="before it was sent"):
        acknowledge(world, proposed, on=dt.date(2026, 3, 16), at=AT)  # sent on 17 March
    assert copy_of(proposed).received_on is None


def test_a_receipt_in_the_future_is_refused(world, proposed) -> None:  # noqa: F811
    with pytest.raises(ValidationError, match="in the future"):
        acknowledge(world, proposed, on=dt.date(2026, 3, 19), at=AT)


def test_only_a_procurator_of_the_addressed_procuratorate_acknowledges(
    world,
    proposed,  # noqa: F811
) -> None:
    for actor in (world.clerk_a, world.approver, world.procurator_b):
        with pytest.raises(PermissionDenied):
            acknowledge(world, proposed, on=dt.date(2026, 3, 17), at=AT, actor=actor)
    assert not CopyAcknowledgement.objects.exists()


def test_the_lane_offers_the_form_and_the_post_answers_by_role(world, proposed) -> None:  # noqa: F811
    copy = copy_of(proposed)
    url = reverse("procuracy:receipt_copy_acknowledge", args=[proposed.pk])
    body = {"copy_id": copy.pk, "received_on": "2026-03-17"}
    lane = world.client_for(world.procurator_a).get(reverse("procuracy:lane", args=[proposed.pk]))
    page = lane.content.decode()
    assert 'id="section-receipt"' in page and f'id="acknowledge-copy-{copy.pk}"' in page
    clerk_lane = world.client_for(world.clerk_a).get(reverse("procuracy:lane", args=[proposed.pk]))
    assert f'id="acknowledge-copy-{copy.pk}"' not in clerk_lane.content.decode()
    with time_machine.travel(AT, tick=False):
        assert world.client_for(world.clerk_a).post(url, body).status_code == 403
        assert world.client_for(world.procurator_b).post(url, body).status_code == 404
        refused = world.client_for(world.procurator_a).post(
            url, {**body, "received_on": "2026-03-10"}
        )
        assert refused.status_code == 400
        assert "收到日期不能早于发送日期" in refused.content.decode()
        done = world.client_for(world.procurator_a).post(url, body)
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("procuracy:lane", args=[proposed.pk]))
    lane = world.client_for(world.procurator_a).get(reverse("procuracy:lane", args=[proposed.pk]))
    assert f'id="copy-acknowledged-{copy.pk}"' in lane.content.decode()
