"""Every declared act is a POST of the REST API, generated from its declaration
(`cases/acts/api.py`; issue 10 item 3): the case through the user's jurisdiction (404), the
body validated (400 with field errors), the act's own refusals as on the pages (400 with
articles, 403 naming who may act, 409 stale), and the answer its result or the case. The
listing offers what the declarations allow."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from cases.models import CaseState
from kernel.audit.models import AuditEvent
from tests.cases.steps import PDF, assessed_eligible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _act(case, name: str) -> str:
    return f"/api/v1/cases/{case.pk}/acts/{name}/"


def _post(client: Client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def test_an_act_answers_with_the_case_and_is_audited_as_on_the_page(world) -> None:
    assessed_eligible(world.case_a)
    client = world.client_for(world.clerk_a)
    response = _post(client, _act(world.case_a, "screen"), {"expected_state": "initiated"})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == CaseState.SCREENED
    assert response.json()["id"] == world.case_a.pk
    assert AuditEvent.objects.filter(action="case.screen", stream=f"case:{world.case_a.pk}")


def test_the_body_is_validated_with_field_errors(world) -> None:
    client = world.client_for(world.clerk_a)
    missing = _post(client, _act(world.case_a, "screen"), {})
    assert missing.status_code == 400
    assert "expected_state" in missing.json()
    wrong = _post(client, _act(world.case_a, "screen"), {"expected_state": "nonsense"})
    assert wrong.status_code == 400
    assert "expected_state" in wrong.json()


def test_the_law_refuses_with_every_article_and_nothing_changes(world) -> None:
    client = world.client_for(world.clerk_a)
    response = _post(client, _act(world.case_a, "screen"), {"expected_state": "initiated"})
    assert response.status_code == 400
    assert response.json()["code"] == "refused"
    assert response.json()["requirements"][0]["article"] == "P2014 Arts 5-7, 33"
    world.case_a.refresh_from_db()
    assert world.case_a.state == CaseState.INITIATED


def test_a_stale_request_is_409_with_the_current_state(world) -> None:
    assessed_eligible(world.case_a)
    client = world.client_for(world.clerk_a)
    screened = _post(client, _act(world.case_a, "screen"), {"expected_state": "initiated"})
    assert screened.status_code == 200
    stale = _post(
        client, _act(world.case_a, "not_propose"), {"expected_state": "initiated", "reason": "x"}
    )
    assert stale.status_code == 409
    assert stale.json()["current_state"] == CaseState.SCREENED


def test_a_party_without_the_right_gets_403_naming_who_may(world) -> None:
    assessed_eligible(world.case_a)
    response = _post(
        world.client_for(world.procurator_a),
        _act(world.case_a, "screen"),
        {"expected_state": "initiated"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert response.json()["detail"] != "You do not have permission to perform this action."


def test_outside_the_jurisdiction_the_case_does_not_exist_whatever_the_body(world) -> None:
    for body in ({"expected_state": "initiated"}, {}, {"expected_state": "nonsense"}):
        response = _post(world.client_for(world.clerk_b), _act(world.case_a, "screen"), body)
        assert response.status_code == 404
    assert _post(Client(), _act(world.case_a, "screen"), {}).status_code in (401, 403)
    assert world.client_for(world.clerk_a).get(_act(world.case_a, "screen")).status_code == 405


def test_a_file_is_posted_as_multipart_and_answered_with_the_acts_result(world) -> None:
    response = world.client_for(world.clerk_a).post(
        _act(world.case_a, "evidence_upload"),
        {
            "kind": "diagnosis_certificate",
            "description": "浙江省人民医院诊断证明书",
            "upload": SimpleUploadedFile("diagnosis.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "diagnosis_certificate"
    assert len(response.json()["sha256"]) == 64
    assert world.case_a.evidence.count() == 1


def test_the_listing_offers_what_the_declarations_allow(world) -> None:
    url = f"/api/v1/cases/{world.case_a.pk}/acts/"
    clerk = world.client_for(world.clerk_a).get(url)
    assert clerk.status_code == 200
    offers = {row["name"]: row for row in clerk.json()}
    assert offers["screen"]["allowed"]
    assert offers["screen"]["missing"][0]["article"] == "P2014 Arts 5-7, 33"
    assert offers["screen"]["url"] == _act(world.case_a, "screen")
    assert not offers["submit"]["allowed"]
    procurator = world.client_for(world.procurator_a).get(url).json()
    assert not {row["name"]: row for row in procurator}["screen"]["allowed"]
    assert world.client_for(world.clerk_b).get(url).status_code == 404


def test_the_schema_carries_the_declared_example() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/cases/{id}/acts/not_propose/"]["post"]
    examples = next(iter(operation["requestBody"]["content"].values()))["examples"]
    (example,) = examples.values()
    assert example["value"]["reason"] == "经复查，不符合保外就医条件。"
    assert operation["summary"] == "Do not propose"
