"""The decisions of the case on the community page (section "imprisonment"): the approver of the
deciding organ reaches the page, records the receipt and decides with the one-time password;
the wrong role is refused (403), another institution never sees the case (404); each decision
opens as a PDF, scoped and audited; the acts answer from the generated API."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from approvals.models import DecisionKind
from kernel.audit.models import AuditEvent
from supervision.models import Supervision, SupervisionState
from tests.approvals import conftest as approvals_fixtures

from .imprisonment_helpers import DECIDED, RECEIVED, proposal_sent

#: The signing key store and one-time passwords of tests/approvals (a fixture).
signing = approvals_fixtures.signing
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
UNDER = "under_supervision"


def test_the_deciding_organ_receives_and_decides_on_the_page(world, supervised, signing) -> None:
    proposal_sent(world, supervised)
    approver = world.client_for(world.approver)
    page_url = reverse("supervision:community", args=[supervised.pk])
    page = approver.get(page_url).content.decode()
    assert 'id="section-imprisonment"' in page
    assert 'id="act-revocation_receipt_record"' in page
    receipt_url = reverse("supervision:imprisonment_receipt", args=[supervised.pk])
    body = {"expected_state": UNDER, "received_at": "2026-05-06T10:00"}
    with time_machine.travel(RECEIVED, tick=False):
        assert world.client_for(world.officer).post(receipt_url, body).status_code == 403
        assert world.client_for(world.clerk_a).post(receipt_url, body).status_code == 403
        assert world.client_for(world.mps_approver).post(receipt_url, body).status_code == 404
        response = approver.post(receipt_url, body)
    assert response.status_code == 302, response.content.decode()[-1500:]
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.REVOCATION_UNDER_REVIEW
    decide_url = reverse("supervision:imprisonment_decide", args=[supervised.pk])
    decision = {"expected_state": UNDER, "imprison": "yes", "reasons": "病情消失"}
    with time_machine.travel(DECIDED, tick=False):
        assert approver.post(decide_url, {**decision, "reasons": ""}).status_code == 400
        assert approver.post(decide_url, {**decision, "otp_code": signing()}).status_code == 302
    record.refresh_from_db()
    assert record.state == SupervisionState.REVOKED_AWAITING_CUSTODY
    page = approver.get(page_url).content.decode()
    imprisonment = supervised.decisions.get(kind=DecisionKind.IMPRISONMENT)
    assert f'id="decision-{imprisonment.pk}"' in page
    assert imprisonment.number in page
    assert 'data-status="valid"' in page
    pdf = reverse("supervision:imprisonment_document", args=[supervised.pk, imprisonment.pk])
    for user in (world.approver, world.officer, world.cja_head):
        response = world.client_for(user).get(pdf)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    assert world.client_for(world.clerk_b).get(pdf).status_code == 404
    assert AuditEvent.objects.filter(action="document.viewed").exists()


def test_receipt_through_the_api(world, supervised) -> None:
    proposal_sent(world, supervised)
    url = f"/api/v1/cases/{supervised.pk}/acts/revocation_receipt_record/"
    body = {"expected_state": UNDER, "received_at": RECEIVED.isoformat()}
    with time_machine.travel(RECEIVED, tick=False):
        refused = world.client_for(world.officer).post(url, body, content_type="application/json")
        response = world.client_for(world.approver).post(url, body, content_type="application/json")
    assert refused.status_code == 403
    assert response.status_code in (200, 201), response.content
    assert response.json()["status"] == "received"
    decide = f"/api/v1/cases/{supervised.pk}/acts/imprisonment_decide/"
    with time_machine.travel(DECIDED, tick=False):
        answer = world.client_for(world.approver).post(
            decide,
            {"expected_state": UNDER, "imprison": False, "reasons": "证据不足，继续社区矫正"},
            content_type="application/json",
        )
    assert answer.status_code in (200, 201), answer.content
    assert answer.json()["kind"] == "imprisonment" and answer.json()["approved"] is False
