"""Each record of the step is entered on its own page (issue 15): the case page lists the
records the step asks for, each a link to its page, and draws none of their forms; the page
shows the form (with the record already saved, for a record the case has one of), and a
refused submission draws it again with the errors and everything typed (400). Only the filing
institution's clerk opens it (another role 403, another institution 404)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _url(case, kind: str) -> str:
    return f"/cases/{case.pk}/records/{kind}/"


def test_the_case_page_links_to_the_records_and_draws_no_record_form(world) -> None:
    case = world.case_a
    body = world.client_for(world.clerk_a).get(f"/cases/{case.pk}/").content.decode()
    assert f'href="{_url(case, "procuratorate-copy")}"' in body
    assert 'name="procuratorate-copy-' not in body
    assert f'action="{_url(case, "procuratorate-copy")}"' not in body


def test_the_record_page_shows_the_record_saved(world) -> None:
    """A record the case has one of (the written application) is shown to edit."""
    case = world.case_a
    client = world.client_for(world.clerk_a)
    saved = client.post(
        _url(case, "application"),
        {
            "application-applicant_name": "张父",
            "application-relationship": "relative",
            "application-applied_on": "2026-03-02",
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]
    response = client.get(_url(case, "application"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="application-applicant_name"' in body and 'value="张父"' in body
    assert f'action="{_url(case, "application")}"' in body
    breadcrumb = body[body.index('id="breadcrumb"') :]
    breadcrumb = breadcrumb[: breadcrumb.index("</nav>")]
    assert f'href="/cases/{case.pk}/"' in breadcrumb and "Written application" in breadcrumb


def test_a_refused_record_draws_its_page_again_with_what_was_typed(world) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).post(
        _url(case, "procuratorate-copy"),
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-sent_on": "not a date",
            "procuratorate-copy-procuratorate": world.proc_a.pk,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="record-form"' in body and 'id="next-steps"' not in body
    assert 'value="not a date"' in body
    assert "Please correct the errors below." in body
    assert not case.procuratorate_copies.exists()


def test_a_saved_record_goes_back_to_the_case_page(world) -> None:
    case = world.case_a
    response = world.client_for(world.clerk_a).post(
        _url(case, "procuratorate-copy"),
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-sent_on": "2026-03-05",
            "procuratorate-copy-procuratorate": world.proc_a.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.procuratorate_copies.count() == 1


def test_only_the_filing_clerk_opens_the_record_page(world) -> None:
    url = _url(world.case_a, "application")
    assert world.client_for(world.clerk_a).get(url).status_code == 200
    assert world.client_for(world.leader_a).get(url).status_code == 403
    assert world.client_for(world.clerk_b).get(url).status_code == 404
    assert world.client_for(world.clerk_a).get(_url(world.case_a, "nonsense")).status_code == 404
