"""Correcting and withdrawing a record follow the rules of saving it (issue 10 item 4): only
a clerk of the institution filing the case (another role 403, another institution 404), and
a stale page is refused with 409 and changes nothing."""

from __future__ import annotations

import pytest

from cases.models import CaseState

from .steps import with_wrong_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _withdraw(world, user, certificate, *, state: str = CaseState.ASSESSMENT, case=None):
    case = case or world.case_a
    prefix = f"withdraw-certificate-{certificate.pk}"
    return world.client_for(user).post(
        f"/cases/{case.pk}/records/certificate/{certificate.pk}/withdraw/",
        {f"{prefix}-expected_state": state, f"{prefix}-reason": "录入错误"},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _correct(world, user, certificate):
    prefix = f"fix-certificate-{certificate.pk}"
    return world.client_for(user).post(
        f"/cases/{world.case_a.pk}/records/certificate/{certificate.pk}/correct/",
        {f"{prefix}-expected_state": CaseState.ASSESSMENT, f"{prefix}-reason": "录入错误"},
    )


def test_wrong_role_at_the_institution_is_403(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    assert _withdraw(world, world.leader_a, wrong).status_code == 403
    assert _correct(world, world.leader_a, wrong).status_code == 403
    assert _withdraw(world, world.procurator_a, wrong).status_code == 403
    wrong.refresh_from_db()
    assert wrong.in_force


def test_clerk_of_another_institution_is_404(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    assert _withdraw(world, world.clerk_b, wrong).status_code == 404
    assert _correct(world, world.clerk_b, wrong).status_code == 404
    wrong.refresh_from_db()
    assert wrong.in_force


def test_record_of_another_case_or_unknown_kind_is_404(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    other = world.case_b  # another prison's case: the clerk's own case id with its record
    response = _withdraw(world, world.clerk_b, wrong, case=other, state=other.state)
    assert response.status_code == 404
    response = world.client_for(world.clerk_a).post(
        f"/cases/{world.case_a.pk}/records/nothing/{wrong.pk}/withdraw/", {}
    )
    assert response.status_code == 404


def test_stale_page_gets_409_and_changes_nothing(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    response = _withdraw(world, world.clerk_a, wrong, state=CaseState.SCREENED)
    assert response.status_code == 409
    assert "Someone else has just changed this case" in response.content.decode()
    wrong.refresh_from_db()
    assert wrong.in_force


def test_record_already_withdrawn_by_someone_else_gets_409(world) -> None:
    wrong = with_wrong_certificate(world, world.case_a)
    assert _withdraw(world, world.clerk_a, wrong).status_code == 302
    response = _withdraw(world, world.clerk_a, wrong)
    assert response.status_code == 409
    assert "already corrected or withdrawn this record" in response.content.decode()
