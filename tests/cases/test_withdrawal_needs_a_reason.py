"""A record is corrected or withdrawn only with a reason (issue 10 item 4): without one the
service and the page refuse (400) and the record stays in force."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseState
from cases.services.corrections import case_record_correct, case_record_withdraw
from kernel.audit.models import AuditEvent

from .steps import with_wrong_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def test_withdrawal_without_a_reason_is_refused_by_the_service(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    with pytest.raises(ValidationError, match="Give the reason"):
        case_record_withdraw(
            case_id=world.case_a.pk,
            kind="certificate",
            record_id=wrong.pk,
            reason="   ",
            actor=world.clerk_a,
        )
    wrong.refresh_from_db()
    assert wrong.in_force
    assert not AuditEvent.objects.filter(action__endswith=".withdrawn").exists()


def test_correction_without_a_reason_is_refused_by_the_service(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    with pytest.raises(ValidationError, match="Give the reason"):
        case_record_correct(
            case_id=world.case_a.pk,
            kind="certificate",
            record_id=wrong.pk,
            data={},
            reason="",
            actor=world.clerk_a,
        )
    wrong.refresh_from_db()
    assert wrong.in_force
    assert world.case_a.certificates.count() == 1


def test_withdrawal_without_a_reason_is_400_on_the_page(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    prefix = f"withdraw-certificate-{wrong.pk}"
    response = world.client_for(world.clerk_a).post(
        f"/cases/{world.case_a.pk}/records/certificate/{wrong.pk}/withdraw/",
        {f"{prefix}-expected_state": CaseState.ASSESSMENT, f"{prefix}-reason": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Give the reason for correcting or withdrawing this record." in response.content.decode()
    wrong.refresh_from_db()
    assert wrong.in_force
