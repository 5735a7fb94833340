"""The rectification section of the procurator's lane: the opinions and suggestions with their
status, clocks and DOC-36 link; the procurator's forms, the addressed organ's reply form; the
acts through the page and the API; the document route audited; queries constant as opinions
grow."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kernel.audit.models import AuditEvent
from procuracy.rectification.models import RectificationOpinion, RectificationStatus

from .rectification_helpers import ORAL_DAY, at, oral, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _lane(world):
    return reverse("procuracy:lane", args=[world.case_a.pk])


def _get(client, url, day=ORAL_DAY):
    with time_machine.travel(at(day), tick=False):
        return client.get(url)


def _serious(world, target=None):
    return take(
        world.procurator_a,
        world.case_a,
        "rectification_written_issue",
        ORAL_DAY,
        target=target or world.prison_a,
        seriousness="serious",
        illegality="对不符合条件的罪犯提请暂予监外执行",
        required_correction="撤回提请",
        chief_approved=True,
    )


def test_the_procurator_sees_the_opinions_and_the_forms(world) -> None:
    spoken = oral(world)
    written = _serious(world)
    html = _get(world.client_for(world.procurator_a), _lane(world)).content.decode()
    assert 'id="section-rectification"' in html
    assert f'id="rectification-{spoken.pk}"' in html
    assert f'id="rectification-{written.pk}-pdf"' in html
    assert written.number in html
    assert 'data-clock="D-25"' in html and 'data-clock="D-26"' in html
    for key in (
        "rectification_oral_issue",
        "rectification_correction_record",
        "rectification_written_issue",
        "procuratorial_suggestion_issue",
    ):
        assert f'id="act-{key}"' in html
    assert 'id="act-rectification_reply_record"' not in html


def test_the_addressed_organ_sees_its_reply_form_and_no_issuing_form(world) -> None:
    _serious(world)
    html = _get(world.client_for(world.clerk_a), _lane(world)).content.decode()
    assert 'id="act-rectification_reply_record"' in html
    assert 'id="act-rectification_oral_issue"' not in html
    other = _get(world.client_for(world.approver), _lane(world)).content.decode()
    assert 'id="act-rectification_reply_record"' not in other


def test_oral_then_written_then_reply_through_the_pages(world) -> None:
    procurator = world.client_for(world.procurator_a)
    state = world.case_a.state
    with time_machine.travel(at(ORAL_DAY), tick=False):
        response = procurator.post(
            reverse("procuracy:rectification_oral", args=[world.case_a.pk]),
            {
                "expected_state": state,
                "target": world.prison_a.pk,
                "seriousness": "minor",
                "issued_on": ORAL_DAY.isoformat(),
                "illegality": "未按规定组织病情复查",
                "required_correction": "七日内组织复查",
            },
        )
    assert response.status_code == 302
    spoken = RectificationOpinion.objects.get(case=world.case_a)
    written_url = reverse("procuracy:rectification_written", args=[world.case_a.pk])
    body = {
        "expected_state": state,
        "oral": spoken.pk,
        "seriousness": "minor",
        "illegality": "未按规定组织病情复查",
        "required_correction": "立即组织复查",
        "chief_approved": "on",
    }
    with time_machine.travel(at(ORAL_DAY + dt.timedelta(days=2)), tick=False):
        early = procurator.post(written_url, body)
    assert early.status_code == 400
    assert "《人民检察院刑事诉讼规则》第六百二十四条" in early.content.decode()
    with time_machine.travel(at(ORAL_DAY + dt.timedelta(days=8)), tick=False):
        assert procurator.post(written_url, body).status_code == 302
    written = RectificationOpinion.objects.get(escalates=spoken)
    day = ORAL_DAY + dt.timedelta(days=10)
    with time_machine.travel(at(day), tick=False):
        refused = world.client_for(world.clerk_a).post(
            reverse("procuracy:rectification_reply", args=[world.case_a.pk]),
            {
                "expected_state": state,
                "opinion": written.pk,
                "replied_on": day.isoformat(),
                "adopted": "no",
            },
        )
        assert refused.status_code == 400
        assert "《社区矫正法》第六十二条" in refused.content.decode()
        done = world.client_for(world.clerk_a).post(
            reverse("procuracy:rectification_reply", args=[world.case_a.pk]),
            {
                "expected_state": state,
                "opinion": written.pk,
                "replied_on": day.isoformat(),
                "adopted": "no",
                "non_adoption_reasons": "提请符合法定条件",
            },
        )
    assert done.status_code == 302
    html = _get(world.client_for(world.procurator_a), _lane(world), day).content.decode()
    row = html.split(f'id="rectification-{written.pk}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-status="answered"' in row and "提请符合法定条件" in row


def test_a_wrong_role_cannot_issue(world) -> None:
    with time_machine.travel(at(ORAL_DAY), tick=False):
        response = world.client_for(world.clerk_a).post(
            reverse("procuracy:rectification_oral", args=[world.case_a.pk]), {}
        )
    assert response.status_code == 403


def test_an_oral_opinion_through_the_api(world) -> None:
    with time_machine.travel(at(ORAL_DAY), tick=False):
        response = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{world.case_a.pk}/acts/rectification_oral_issue/",
            {
                "target": world.prison_a.pk,
                "issued_on": ORAL_DAY.isoformat(),
                "illegality": "未按规定组织病情复查",
                "required_correction": "七日内组织复查",
            },
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["status"] == RectificationStatus.OPEN
        serious = world.client_for(world.procurator_a).post(
            f"/api/v1/cases/{world.case_a.pk}/acts/rectification_oral_issue/",
            {
                "target": world.prison_a.pk,
                "seriousness": "serious",
                "issued_on": ORAL_DAY.isoformat(),
                "illegality": "x",
                "required_correction": "y",
            },
            content_type="application/json",
        )
    assert serious.status_code == 400
    assert "SPP-Rules Art 624(2)" in serious.content.decode()


def test_the_written_opinion_opens_for_the_case_and_is_audited(world) -> None:
    written = _serious(world)
    url = reverse("procuracy:rectification_document", args=[world.case_a.pk, written.document_id])
    response = _get(world.client_for(world.clerk_a), url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="document.viewed", actor_id=world.clerk_a.pk).exists()
    other = reverse("procuracy:rectification_document", args=[world.case_a.pk, 999999])
    assert _get(world.client_for(world.procurator_a), other).status_code == 404
    assert _get(world.client_for(world.clerk_b), url).status_code == 404


def test_the_section_asks_the_same_queries_however_many_opinions(world) -> None:
    client = world.client_for(world.procurator_a)
    oral(world)
    _serious(world)
    with CaptureQueriesContext(connection) as few:
        assert _get(client, _lane(world)).status_code == 200
    for _ in range(3):
        oral(world)
        _serious(world, target=world.pab)
    take(
        world.procurator_a,
        world.case_a,
        "procuratorial_suggestion_issue",
        ORAL_DAY,
        target=world.pab,
        risk="r",
        suggestion="s",
        chief_approved=True,
    )
    with CaptureQueriesContext(connection) as many:
        assert _get(client, _lane(world)).status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries) + 1
