"""The release page: the institution's clerk prepares, releases and records the hand-over;
the community-correction officer registers the reception; others may look, not act."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import CaseState
from tests.cases.steps import PDF

from .test_release_and_hand_over import SH, _hand_over, _prepared, _released

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _url(case, name=""):
    return f"/supervision/cases/{case.pk}/{name}"


def test_the_clerk_starts_the_release_from_the_page(world, received) -> None:
    client = world.client_for(world.clerk_a)
    page = client.get(_url(received, "release/")).content.decode()
    assert 'id="start-release"' in page
    assert 'data-clock="D-14"' in page
    response = client.post(_url(received, "release/prepare/"), {"expected_state": "approved"})
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.state == CaseState.RELEASE_PREPARATION
    # A second click from the same stale page is told someone moved the case on.
    response = client.post(_url(received, "release/prepare/"), {"expected_state": "approved"})
    assert response.status_code == 409


def test_release_refused_on_the_page_names_the_articles(world, received) -> None:
    client = world.client_for(world.clerk_a)
    client.post(_url(received, "release/prepare/"), {"expected_state": "approved"})
    response = client.post(
        _url(received, "release/release/"), {"expected_state": "release_preparation"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "《监狱法》第二十七条" in body and "第十五条" in body


def test_the_preparation_form_takes_the_signed_notice(world, received) -> None:
    client = world.client_for(world.clerk_a)
    client.post(_url(received, "release/prepare/"), {"expected_state": "approved"})
    response = client.post(
        _url(received, "release/record/"),
        {
            "decision_served_on": "2026-03-28",
            "residence_address": "浙江省杭州市西湖区",
            "residence_region_code": "330106",
            "residence_verified_on": "2026-03-28",
            "cci_notified_on": "2026-03-28",
            "reform_record_sent_on": "2026-03-28",
            "escort_officers": "王警官",
            "obligations_notice_scan": SimpleUploadedFile("告知书.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    received.release_preparation.refresh_from_db()
    assert received.release_preparation.obligations_notice.kind == "obligations_notice"
    bad = client.post(_url(received, "release/record/"), {"residence_region_code": "33"})
    assert bad.status_code == 400


def test_the_officer_receives_from_the_inbox(world, received) -> None:
    _released(world, received)
    _hand_over(world, received)
    officer = world.client_for(world.officer)
    inbox = officer.get("/").content.decode()
    assert 'id="awaiting-reception"' in inbox and received.number in inbox
    page = officer.get(_url(received, "release/")).content.decode()
    assert 'id="receive"' in page and 'id="start-release"' not in page
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, tzinfo=SH), tick=False):
        refused = officer.post(
            _url(received, "reception/"),
            {"expected_state": "escort", "file_number": "西矫〔2026〕17号"},
        )
        assert refused.status_code == 400
        assert "《社区矫正法》第二十二条" in refused.content.decode()
        done = officer.post(
            _url(received, "reception/"),
            {
                "expected_state": "escort",
                "file_number": "西矫〔2026〕17号",
                "documents_checked": "on",
                "identity_verified": "on",
                "file_opened": "on",
                "rules_announced": "on",
            },
        )
    assert done.status_code == 302
    received.refresh_from_db()
    assert received.state == CaseState.UNDER_SUPERVISION


def test_nobody_else_acts_on_the_release(world, received) -> None:
    _prepared(world, received)
    assert (
        world.client_for(world.clerk_b).get(_url(received, "release/")).status_code == 404
    )  # not their case
    for user, name in ((world.officer, "release/release/"), (world.approver, "hand-over/")):
        assert world.client_for(user).post(_url(received, name), {}).status_code == 403
    from django.test import Client

    assert Client().get(_url(received, "release/")).status_code == 302  # to the login
