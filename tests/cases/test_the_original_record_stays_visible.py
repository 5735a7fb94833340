"""A corrected or withdrawn record is never deleted or overwritten (issue 10 item 4): it stays
on the case page, struck through with who, when and why, and the audit trail holds the event
with the reason and the ids of the original and of the correction."""

from __future__ import annotations

import pytest

from cases.models import CaseState
from kernel.audit.models import AuditEvent

from .steps import catalogue_item, with_wrong_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _correction(world, prefix: str) -> dict[str, object]:
    return {
        f"{prefix}-kind": "diagnosis",
        f"{prefix}-hospital": world.hospital.pk,
        f"{prefix}-issued_on": "2026-03-05",
        f"{prefix}-catalogue_item": catalogue_item().pk,
        f"{prefix}-doctor_1": "李医生",
        f"{prefix}-doctor_1_title": "chief",
        f"{prefix}-doctor_2": "王医生",
        f"{prefix}-doctor_2_title": "deputy_chief",
        f"{prefix}-vice_president_signed": "on",
        f"{prefix}-sealed": "on",
        f"{prefix}-records_attached": "on",
        f"{prefix}-expected_state": CaseState.ASSESSMENT,
        f"{prefix}-reason": "医师和日期录入错误",
    }


def test_corrected_certificate_stays_on_the_page_and_in_the_audit_trail(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/cases/{case.pk}/records/certificate/{wrong.pk}/correct/",
        _correction(world, f"fix-certificate-{wrong.pk}"),
    )
    assert response.status_code == 302
    corrected = case.certificates.in_force().get()
    assert corrected.doctor_1 == "李医生"
    wrong.refresh_from_db()
    assert wrong.superseded_by == corrected and wrong.withdrawn_by == world.clerk_a

    body = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    original = body[body.index(f'id="history-certificate-{wrong.pk}"') :]
    original = original[: original.index("</li>")]
    assert "<del>" in original and "2026-03-25" in original
    assert "Corrected" in original and "医师和日期录入错误" in original
    assert str(world.clerk_a) in original
    assert f'id="history-certificate-{corrected.pk}"' in body

    event = AuditEvent.objects.get(action="case.record.MedicalCertificate.corrected")
    assert event.reason == "医师和日期录入错误"
    assert event.payload["from_record_id"] == wrong.pk
    assert event.payload["to_record_id"] == corrected.pk
    assert event.stream == f"case:{case.pk}"


def test_withdrawn_certificate_stays_on_the_page_and_in_the_audit_trail(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    client = world.client_for(world.clerk_a)
    prefix = f"withdraw-certificate-{wrong.pk}"
    response = client.post(
        f"/cases/{case.pk}/records/certificate/{wrong.pk}/withdraw/",
        {f"{prefix}-expected_state": CaseState.ASSESSMENT, f"{prefix}-reason": "重复录入"},
    )
    assert response.status_code == 302
    assert case.certificates.count() == 1
    assert not case.certificates.in_force().exists()

    body = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    original = body[body.index(f'id="history-certificate-{wrong.pk}"') :]
    original = original[: original.index("</li>")]
    assert "<del>" in original and "Withdrawn" in original and "重复录入" in original

    event = AuditEvent.objects.get(action="case.record.MedicalCertificate.withdrawn")
    assert event.reason == "重复录入"
    assert event.payload == {
        "kind": "certificate",
        "from_record_id": wrong.pk,
        "to_record_id": None,
    }
