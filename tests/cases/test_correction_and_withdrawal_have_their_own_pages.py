"""A record entered in error is corrected or withdrawn on its own page (issue 15): the case page
links to it instead of drawing every record's forms; the page shows the record as it stands
and the form with its current values, with the way back to the case; a refused submission
draws the page again with the errors and everything typed. Only the filing institution's
clerk opens it (another role 403, another institution 404)."""

from __future__ import annotations

import pytest

from cases.models import CaseState

from .steps import with_wrong_certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _url(case, record, action: str) -> str:
    return f"/cases/{case.pk}/records/certificate/{record.pk}/{action}/"


def test_the_case_page_links_to_the_pages_and_draws_no_correction_form(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    body = world.client_for(world.clerk_a).get(f"/cases/{case.pk}/").content.decode()
    assert f'href="{_url(case, wrong, "correct")}"' in body
    assert f'href="{_url(case, wrong, "withdraw")}"' in body
    assert f"fix-certificate-{wrong.pk}-" not in body
    assert f"withdraw-certificate-{wrong.pk}-" not in body


def test_the_correction_page_shows_the_record_with_its_current_values(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    response = world.client_for(world.clerk_a).get(
        _url(case, wrong, "correct"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    body = response.content.decode()
    prefix = f"fix-certificate-{wrong.pk}"
    assert f'name="{prefix}-doctor_1"' in body and 'value="赵医生"' in body
    assert 'value="2026-03-25"' in body
    assert f'name="{prefix}-expected_state" value="{CaseState.ASSESSMENT}"' in body
    breadcrumb = body[body.index('id="breadcrumb"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</nav>")]
    assert f'href="/cases/{case.pk}/"' in breadcrumb and "Correct the record" in breadcrumb


def test_the_withdrawal_page_shows_the_record_and_asks_the_reason(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    response = world.client_for(world.clerk_a).get(
        _url(case, wrong, "withdraw"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'name="withdraw-certificate-{wrong.pk}-reason"' in body
    as_it_stands = body[body.index('id="record-as-it-stands"') :]
    assert "2026-03-25" in as_it_stands[: as_it_stands.index("</p>")]
    assert "Withdraw the record" in body


def test_a_refused_correction_draws_its_page_again_with_what_was_typed(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    prefix = f"fix-certificate-{wrong.pk}"
    response = world.client_for(world.clerk_a).post(
        _url(case, wrong, "correct"),
        {
            f"{prefix}-expected_state": CaseState.ASSESSMENT,
            f"{prefix}-doctor_1": "孙医生",
            f"{prefix}-reason": "",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="record-correction"' in body
    assert 'value="孙医生"' in body
    assert "Please correct the errors below." in body
    wrong.refresh_from_db()
    assert wrong.in_force


def test_a_refused_withdrawal_keeps_the_reason_typed(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    prefix = f"withdraw-certificate-{wrong.pk}"
    response = world.client_for(world.clerk_a).post(
        _url(case, wrong, "withdraw"),
        # A reason longer than the form takes: refused, and the text is not lost.
        {f"{prefix}-expected_state": CaseState.ASSESSMENT, f"{prefix}-reason": "x" * 1001},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert 'id="record-correction"' in response.content.decode()
    assert "x" * 1001 in response.content.decode()


def test_only_the_filing_clerk_opens_the_pages(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    for action in ("correct", "withdraw"):
        url = _url(case, wrong, action)
        assert world.client_for(world.clerk_a).get(url).status_code == 200
        assert world.client_for(world.leader_a).get(url).status_code == 403
        assert world.client_for(world.clerk_b).get(url).status_code == 404


def test_a_record_no_longer_in_force_has_no_correction_page(world) -> None:
    case = world.case_a
    wrong = with_wrong_certificate(world, case)
    client = world.client_for(world.clerk_a)
    prefix = f"withdraw-certificate-{wrong.pk}"
    response = client.post(
        _url(case, wrong, "withdraw"),
        {f"{prefix}-expected_state": CaseState.ASSESSMENT, f"{prefix}-reason": "重复录入"},
    )
    assert response.status_code == 302
    assert client.get(_url(case, wrong, "correct")).status_code == 404
    assert client.get(_url(case, wrong, "withdraw")).status_code == 404
