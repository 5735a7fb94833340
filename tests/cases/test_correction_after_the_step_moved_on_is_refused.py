"""Once the case has left the step a record belongs to, the record stands (issue 10 item 4):
correcting or withdrawing it is refused with a message that names the act that could reopen
the matter (a procuratorial objection and re-examination, P2014 Art 30) or says that none
does; the page shows it beside the record instead of the correction forms."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseState
from cases.services.corrections import case_record_withdraw
from cases.services.workflow import TransitionRefused

from .steps import to_assessed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _withdraw(world, certificate) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as refused:
        case_record_withdraw(
            case_id=world.case_a.pk,
            kind="certificate",
            record_id=certificate.pk,
            reason="录入错误",
            actor=world.clerk_a,
        )
    return refused.value


def test_certificate_cannot_be_withdrawn_after_the_assessment_is_confirmed(world) -> None:
    to_assessed(world, world.case_a)
    certificate = world.case_a.certificates.get()
    refusal = _withdraw(world, certificate)
    assert refusal.requirements[0].article == "P2014 Arts 8-14"
    assert "No act of the Provisions takes a case back to an earlier step" in str(refusal)
    assert "Assessed" in str(refusal)
    certificate.refresh_from_db()
    assert certificate.in_force


def test_after_the_decision_only_a_procuratorial_objection_reopens_the_matter(world) -> None:
    to_assessed(world, world.case_a)
    Case.objects.filter(pk=world.case_a.pk).update(state=CaseState.APPROVED)
    refusal = _withdraw(world, world.case_a.certificates.get())
    assert refusal.requirements[0].article == "P2014 Art 30; CPL Art 267"
    assert "procuratorial objection" in str(refusal)


def test_the_page_says_why_the_record_can_no_longer_be_corrected(world) -> None:
    to_assessed(world, world.case_a)
    certificate = world.case_a.certificates.get()
    client = world.client_for(world.clerk_a)
    body = client.get(f"/cases/{world.case_a.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "can no longer be corrected or withdrawn" in body
    assert f"/records/certificate/{certificate.pk}/correct/" not in body
    prefix = f"withdraw-certificate-{certificate.pk}"
    response = client.post(
        f"/cases/{world.case_a.pk}/records/certificate/{certificate.pk}/withdraw/",
        {f"{prefix}-expected_state": CaseState.ASSESSED, f"{prefix}-reason": "录入错误"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "No act of the Provisions takes a case back" in response.content.decode()
