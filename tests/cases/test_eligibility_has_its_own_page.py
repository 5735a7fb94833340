"""The facts for the eligibility rules are stated on their own page (issue 15): the case page
shows the latest assessment read-only and links to the page instead of drawing the form; the
page shows the latest assessment and the form with the facts last stated; a refused
submission draws the page again with the errors and everything typed (400), a refusal of the
law too, and a case moved on since the page was drawn is a stale page (409). Only the
assessor opens it (another role 403, another institution 404)."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseState, EligibilityAssessment

from .steps import assessed_eligible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


@pytest.fixture
def catalogue(db) -> None:
    from cases.services.catalogue import catalogue_sync

    catalogue_sync()


def _url(case) -> str:
    return f"/cases/{case.pk}/eligibility/"


def test_the_case_page_links_to_the_page_and_draws_no_facts_form(world) -> None:
    case = world.case_a
    body = world.client_for(world.clerk_a).get(f"/cases/{case.pk}/").content.decode()
    assert f'id="eligibility-link" href="{_url(case)}"' in body
    assert 'name="facts-' not in body
    assert f'action="{_url(case)}"' not in body


def test_the_case_page_shows_the_latest_assessment_read_only(world) -> None:
    case = world.case_a
    assessed_eligible(case)
    body = world.client_for(world.clerk_a).get(f"/cases/{case.pk}/").content.decode()
    assert 'id="assessment-outcome"' in body
    assert 'name="facts-' not in body


def test_the_page_shows_the_form_and_the_way_back(world) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).get(_url(case), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="facts-social_danger"' in body
    assert f'action="{_url(case)}"' in body
    assert 'id="no-assessment"' in body
    breadcrumb = body[body.index('id="breadcrumb"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</nav>")]
    assert f'href="/cases/{case.pk}/"' in breadcrumb and "Run the eligibility rules" in breadcrumb


def test_an_assessment_goes_back_to_the_case_page(world, catalogue) -> None:
    case = world.case_a
    client = world.client_for(world.clerk_a)
    response = client.post(
        _url(case),
        {
            "expected_state": case.state,
            "facts-social_danger": "no",
            "facts-self_injury": "no",
            "facts-refuses_treatment": "no",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert EligibilityAssessment.objects.filter(case=case).count() == 1
    body = client.get(_url(case)).content.decode()
    assert 'id="assessment-outcome"' in body


def test_a_refused_form_draws_its_page_again_with_what_was_typed(world, catalogue) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).post(
        _url(case),
        {
            "expected_state": case.state,
            "facts-crimes": ["arson"],
            "facts-social_danger": "yes",
            "facts-infant_date_of_birth": "not a date",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="eligibility"' in body and 'id="next-steps"' not in body
    assert 'value="not a date"' in body
    assert "Please correct the errors below." in body
    assert not EligibilityAssessment.objects.filter(case=case).exists()


def test_a_case_moved_on_since_the_page_was_drawn_is_a_stale_page_and_keeps_the_facts(
    world, catalogue
) -> None:
    """Someone else moves the case on while the page is open: the page said which state it
    showed, so the assessment is refused as a stale page (409, non-negotiable 4), drawn on the
    same page with the facts typed and the case as it now is."""
    case = world.case_a
    client = world.client_for(world.clerk_a)
    shown = client.get(_url(case)).content.decode()
    assert f'name="expected_state" value="{case.state}"' in shown
    # Someone proposes the case while the page is open.
    Case.objects.filter(pk=case.pk).update(state=CaseState.PROPOSED)
    response = client.post(
        _url(case),
        {
            "expected_state": case.state,
            "facts-social_danger": "yes",
            "facts-self_injury": "no",
            "facts-refuses_treatment": "no",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else has just changed this case" in body
    assert 'id="eligibility"' in body and '<option value="yes" selected>' in body
    # Sent again, the page speaks for the state the case is in now.
    assert f'name="expected_state" value="{CaseState.PROPOSED}"' in body
    assert not EligibilityAssessment.objects.filter(case=case).exists()


def test_a_case_already_proposed_refuses_the_assessment_by_law(world, catalogue) -> None:
    """The rules run only before the proposal leaves the institution: on a page drawn for a
    proposed case, a refusal the law makes (400, naming the state) with what was typed."""
    case = world.case_a
    Case.objects.filter(pk=case.pk).update(state=CaseState.PROPOSED)
    response = world.client_for(world.clerk_a).post(
        _url(case),
        {
            "expected_state": CaseState.PROPOSED,
            "facts-social_danger": "yes",
            "facts-self_injury": "no",
            "facts-refuses_treatment": "no",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot be taken while the case is" in body
    assert 'id="eligibility"' in body and '<option value="yes" selected>' in body
    assert not EligibilityAssessment.objects.filter(case=case).exists()


def test_a_submission_that_does_not_say_the_page_s_state_is_refused_and_keeps_the_facts(
    world, catalogue
) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).post(
        _url(case),
        {"facts-social_danger": "yes", "facts-self_injury": "no", "facts-refuses_treatment": "no"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The page was incomplete: reload it and try again." in body
    assert '<option value="yes" selected>' in body
    assert not EligibilityAssessment.objects.filter(case=case).exists()


def test_only_the_assessor_opens_the_page(world) -> None:
    url = _url(world.case_a)
    assert world.client_for(world.clerk_a).get(url).status_code == 200
    assert world.client_for(world.procurator_a).get(url).status_code == 403
    assert world.client_for(world.clerk_b).get(url).status_code == 404
