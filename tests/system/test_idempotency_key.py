"""A POST sent again with the same `Idempotency-Key` returns the first answer and does nothing
twice (issue 10 item 3; kernel/idempotency). Real PostgreSQL: the claim is a committed row
unique per user and key."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.utils import timezone

from approvals.models import ApprovalDecision
from cases.models import Case, CaseState, ProposalSubmission
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline
from kernel.idempotency.models import IdempotentRequest
from kernel.idempotency.services import request_fingerprint
from tests.approvals.conftest import proposed, signing  # noqa: F401 (fixtures)
from tests.cases.steps import assessed_eligible, attach_dossier, sign_off, to_publicity

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _act(case: Case, name: str) -> str:
    return f"/api/v1/cases/{case.pk}/acts/{name}/"


def _post(client: Client, url: str, body: dict, key: str | None = None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(url, body, content_type="application/json", **headers)


def _events(case: Case, action: str) -> int:
    return AuditEvent.objects.filter(action=action, stream=f"case:{case.pk}").count()


def test_a_retried_submission_returns_the_first_answer_and_submits_once(world) -> None:
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    sign_off(case)  # the head of the prison signs the proposal off first (legal-spec §3.6)
    client = world.client_for(world.clerk_a)
    body = {"expected_state": "publicity"}
    with time_machine.travel(dt.datetime(2026, 3, 17, 15, tzinfo=SH), tick=False):
        first = _post(client, _act(case, "submit"), body, key="submit-2026-0001")
        again = _post(client, _act(case, "submit"), body, key="submit-2026-0001")
    assert first.status_code == 200, first.content
    assert first.json()["state"] == CaseState.PROPOSED
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert ProposalSubmission.objects.filter(case=case).count() == 1
    assert _events(case, "case.submit") == 1
    d04 = Deadline.objects.filter(
        kind="D-04",
        subject_type=ContentType.objects.get_for_model(Case),
        subject_id=case.pk,
    )
    assert d04.count() == 1


def test_a_retried_decision_issues_one_decision_with_one_number(
    world,
    proposed,  # noqa: F811
    signing,  # noqa: F811
) -> None:
    client = world.client_for(world.approver)
    with time_machine.travel(dt.datetime(2026, 3, 25, 10, tzinfo=SH), tick=False):
        body = {
            "expected_state": "proposed",
            "approve": True,
            "reasons": "符合保外就医条件，病情诊断属实。",
            "committee_held_on": "2026-03-24",
            "committee_members_present": 9,
            "otp_code": signing(),
        }
        first = _post(client, _act(proposed, "decision_issue"), body, key="decide-1")
        again = _post(client, _act(proposed, "decision_issue"), body, key="decide-1")
    assert first.status_code == 200, first.content
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["number"] == first.json()["number"]
    assert ApprovalDecision.objects.filter(case=proposed).count() == 1
    assert _events(proposed, "case.approve") == 1


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(world) -> None:
    case = world.case_a
    client = world.client_for(world.clerk_a)
    url = _act(case, "not_propose")
    first = _post(client, url, {"expected_state": "initiated", "reason": "不符合条件"}, key="k-1")
    assert first.status_code == 200, first.content
    other = _post(client, url, {"expected_state": "initiated", "reason": "另一理由"}, key="k-1")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    elsewhere = _post(client, _act(case, "screen"), {"expected_state": "initiated"}, key="k-1")
    assert elsewhere.status_code == 422
    assert _events(case, "case.not_propose") == 1


def test_a_refused_request_frees_its_key_for_the_corrected_retry(world) -> None:
    case = world.case_a
    client = world.client_for(world.clerk_a)
    url = _act(case, "screen")
    refused = _post(client, url, {"expected_state": "initiated"}, key="screen-1")
    assert refused.status_code == 400
    assert refused.json()["requirements"][0]["article"] == "P2014 Arts 5-7, 33"
    assert not IdempotentRequest.objects.filter(key="screen-1").exists()
    assessed_eligible(case)
    ran = _post(client, url, {"expected_state": "initiated"}, key="screen-1")
    assert ran.status_code == 200
    assert not ran.has_header("Idempotent-Replayed")
    assert IdempotentRequest.objects.get(key="screen-1").status == "done"


def test_keys_are_per_user(world) -> None:
    assessed_eligible(world.case_a)
    assessed_eligible(world.case_b)
    a = _post(
        world.client_for(world.clerk_a),
        _act(world.case_a, "screen"),
        {"expected_state": "initiated"},
        key="shared-key",
    )
    b = _post(
        world.client_for(world.clerk_b),
        _act(world.case_b, "screen"),
        {"expected_state": "initiated"},
        key="shared-key",
    )
    assert (a.status_code, b.status_code) == (200, 200)
    assert not b.has_header("Idempotent-Replayed")
    world.case_b.refresh_from_db()
    assert world.case_b.state == CaseState.SCREENED


def test_the_steps_endpoint_honours_the_key(world) -> None:
    assessed_eligible(world.case_a)
    client = world.client_for(world.clerk_a)
    url = f"/api/v1/cases/{world.case_a.pk}/steps/screen/"
    first = _post(client, url, {"expected_state": "initiated"}, key="step-1")
    again = _post(client, url, {"expected_state": "initiated"}, key="step-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again["Idempotent-Replayed"] == "true"
    assert _events(world.case_a, "case.screen") == 1


@pytest.mark.parametrize("key", ["", "has space", "x" * 201, "中文"])
def test_a_malformed_key_is_refused(world, key) -> None:
    assessed_eligible(world.case_a)
    response = _post(
        world.client_for(world.clerk_a),
        _act(world.case_a, "screen"),
        {"expected_state": "initiated"},
        key=key,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"
    world.case_a.refresh_from_db()
    assert world.case_a.state == CaseState.INITIATED


def test_a_request_in_progress_is_409_until_it_is_abandoned(world) -> None:
    assessed_eligible(world.case_a)
    url = _act(world.case_a, "screen")
    body = {"expected_state": "initiated"}
    running = IdempotentRequest.objects.create(
        user=world.clerk_a,
        key="slow-1",
        fingerprint=request_fingerprint(SimpleNamespace(method="POST", path=url, data=body)),
        status=IdempotentRequest.Status.IN_PROGRESS,
    )
    client = world.client_for(world.clerk_a)
    busy = _post(client, url, body, key="slow-1")
    assert busy.status_code == 409
    assert busy.json()["code"] == "idempotency_in_progress"
    assert _events(world.case_a, "case.screen") == 0
    IdempotentRequest.objects.filter(pk=running.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=6)
    )
    taken_over = _post(client, url, body, key="slow-1")
    assert taken_over.status_code == 200
    assert _events(world.case_a, "case.screen") == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_take_the_act_once(world) -> None:
    assessed_eligible(world.case_a)
    url = _act(world.case_a, "screen")
    barrier = threading.Barrier(2)
    answers: list[tuple[int, bool]] = []

    def send() -> None:
        try:
            client = Client()
            client.force_login(world.clerk_a)
            barrier.wait(timeout=10)
            response = _post(client, url, {"expected_state": "initiated"}, key="race-1")
            answers.append((response.status_code, response.has_header("Idempotent-Replayed")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers) in ([(200, False), (200, True)], [(200, False), (409, False)])
    assert _events(world.case_a, "case.screen") == 1
