"""An evidence download keeps its file name and extension (issue 14): the original name in
Content-Disposition (RFC 5987 `filename*` for a Chinese name), the type sniffed on upload,
the extension of that type when the name lacks it; every download audited."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.services.workflow import evidence_upload
from kernel.audit.models import AuditEvent
from tests.cases.steps import PDF

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _upload(world, name: str, content: bytes = PDF, kind: str = "diagnosis_certificate"):
    return evidence_upload(
        case_id=world.case_a.pk,
        actor=world.clerk_a,
        kind=kind,
        upload=SimpleUploadedFile(name, content, "application/octet-stream"),
    )


def _download(world, evidence, user=None):
    client = world.client_for(user or world.clerk_a)
    return client.get(reverse("cases:evidence_download", args=[world.case_a.pk, evidence.pk]))


def test_a_chinese_file_name_is_kept_with_rfc5987_encoding(world) -> None:
    evidence = _upload(world, "浙江省人民医院诊断证明书.pdf")
    response = _download(world, evidence)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert f"filename*=utf-8''{quote('浙江省人民医院诊断证明书.pdf')}" in disposition
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(
        action="evidence.viewed", payload__evidence_id=evidence.pk
    ).exists()


def test_an_ascii_name_is_given_plainly(world) -> None:
    evidence = _upload(world, "lab-report.pdf", kind="laboratory_report")
    assert 'filename="lab-report.pdf"' in _download(world, evidence)["Content-Disposition"]


def test_the_extension_of_the_real_type_is_added_when_the_name_lacks_it(world) -> None:
    evidence = _upload(world, "影像检查", PNG, kind="imaging")
    response = _download(world, evidence)
    assert response["Content-Type"] == "image/png"
    assert quote("影像检查.png") in response["Content-Disposition"]


def test_a_misleading_extension_is_followed_by_the_real_one(world) -> None:
    evidence = _upload(world, "病历.doc", PNG, kind="medical_record")
    assert quote("病历.doc.png") in _download(world, evidence)["Content-Disposition"]


def test_an_outsider_does_not_find_the_evidence(world) -> None:
    evidence = _upload(world, "诊断证明.pdf")
    assert _download(world, evidence, world.clerk_b).status_code == 404
