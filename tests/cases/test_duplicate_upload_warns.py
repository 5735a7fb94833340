"""The same file uploaded twice to a case (same SHA-256) is attached, with a warning naming
the earlier evidence item and its kind (issue 14): on the page, in the API answer and in the
audit event. Another case may hold the same file without a warning."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Evidence
from cases.services.workflow import evidence_upload
from kernel.audit.models import AuditEvent
from tests.cases.steps import PDF

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _first(world, case=None, content: bytes = PDF) -> Evidence:
    return evidence_upload(
        case_id=(case or world.case_a).pk,
        actor=world.clerk_a if case is None else world.clerk_b,
        kind="diagnosis_certificate",
        upload=SimpleUploadedFile("诊断证明书.pdf", content),
    )


def _page_upload(world, kind: str, content: bytes = PDF):
    client = world.client_for(world.clerk_a)
    return client.post(
        reverse("cases:evidence_add", args=[world.case_a.pk]),
        {"kind": kind, "description": "", "file": SimpleUploadedFile("scan.pdf", content)},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_the_same_file_under_another_kind_is_attached_with_a_warning_naming_the_first(
    world,
) -> None:
    first = _first(world)
    response = _page_upload(world, "letter_of_guarantee")
    assert response.status_code == 200
    assert Evidence.objects.filter(case=world.case_a).count() == 2
    warnings = [text for level, text in _messages(response) if level == "warning"]
    assert len(warnings) == 1
    assert "诊断证明书.pdf" in warnings[0]
    assert "Diagnosis or examination certificate" in warnings[0]
    assert '<li class="warning">' in response.content.decode()  # shown on the case page
    event = AuditEvent.objects.filter(action="evidence.uploaded").latest("id")
    assert event.payload["duplicate_of"] == [first.pk]


def test_a_different_file_is_attached_without_a_warning(world) -> None:
    _first(world)
    response = _page_upload(world, "letter_of_guarantee", PDF + b"% another scan\n")
    assert not [m for m in _messages(response) if m[0] == "warning"]
    event = AuditEvent.objects.filter(action="evidence.uploaded").latest("id")
    assert "duplicate_of" not in event.payload


def test_the_same_file_on_another_case_is_no_duplicate(world) -> None:
    _first(world, case=world.case_b)
    response = _page_upload(world, "diagnosis_certificate")
    assert not [m for m in _messages(response) if m[0] == "warning"]


def test_the_api_answer_names_the_earlier_item_and_its_kind(world) -> None:
    first = _first(world)
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/api/v1/cases/{world.case_a.pk}/acts/evidence_upload/",
        {"kind": "medical_record", "upload": SimpleUploadedFile("again.pdf", PDF)},
    )
    assert response.status_code == 200, response.content
    (duplicate,) = response.json()["duplicates"]
    assert duplicate["id"] == first.pk
    assert duplicate["kind"] == "diagnosis_certificate"
    assert duplicate["original_name"] == "诊断证明书.pdf"
