"""Two clerks on the same record: one wins, the other is told (non-negotiable 4).

A record the case holds one of (the written application, the guarantor, ...) is edited in place
on its page. The page says what it showed of the record (`record_seen`: none, or the record's
id and a digest of its values); under the case lock the save compares it with the record as it
is. Someone else's save since is refused as a stale page (409): nothing is overwritten, the
page shows the record as it now stands beside what the user typed, and sent again it saves.
"""

from __future__ import annotations

import pytest

from cases.models import WrittenApplication
from cases.services.workflow import record_seen

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar", "english")]


def _url(case) -> str:
    return f"/cases/{case.pk}/records/application/"


def _application(name: str, **extra: str) -> dict[str, str]:
    return {
        "application-applicant_name": name,
        "application-relationship": "relative",
        "application-applied_on": "2026-03-02",
        **extra,
    }


def _seen(body: str) -> str:
    start = body.index('name="record_seen" value="') + len('name="record_seen" value="')
    return body[start : body.index('"', start)]


def _in_force(case) -> WrittenApplication:
    return WrittenApplication.objects.in_force().get(case=case)


def test_a_record_recorded_first_by_someone_else_is_not_overwritten(world) -> None:
    case = world.case_a
    mine, theirs = world.client_for(world.clerk_a), world.client_for(world.clerk_a)
    page = mine.get(_url(case)).content.decode()
    assert _seen(page) == ""  # the page showed no application
    assert theirs.post(_url(case), {**_application("李母"), "record_seen": ""}).status_code == 302

    response = mine.post(
        _url(case), {**_application("张父"), "record_seen": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else has just saved this record" in body
    assert 'id="record-as-it-stands"' in body and "李母" in body
    assert 'value="张父"' in body  # what the user typed is kept
    assert _in_force(case).applicant_name == "李母"
    assert WrittenApplication.objects.filter(case=case).count() == 1

    # Sent again from that page, which now speaks for the record it shows: saved.
    again = mine.post(_url(case), {**_application("张父"), "record_seen": _seen(body)})
    assert again.status_code == 302
    assert _in_force(case).applicant_name == "张父"


def test_two_clerks_editing_the_same_record_one_wins_the_other_is_told(world) -> None:
    case = world.case_a
    clerk = world.client_for(world.clerk_a)
    assert clerk.post(_url(case), {**_application("张父"), "record_seen": ""}).status_code == 302
    first, second = world.client_for(world.clerk_a), world.client_for(world.clerk_a)
    seen_first = _seen(first.get(_url(case)).content.decode())
    seen_second = _seen(second.get(_url(case)).content.decode())
    assert seen_first == seen_second == record_seen(_in_force(case))
    assert seen_first.startswith(f"{_in_force(case).pk}:")

    won = first.post(
        _url(case),
        {**_application("张父", **{"application-summary": "甲改"}), "record_seen": seen_first},
    )
    assert won.status_code == 302
    told = second.post(
        _url(case),
        {**_application("张父", **{"application-summary": "乙改"}), "record_seen": seen_second},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert told.status_code == 409
    assert "Someone else has just saved this record" in told.content.decode()
    assert _in_force(case).summary == "甲改"


def test_saving_the_record_as_shown_twice_needs_the_new_page(world) -> None:
    """The digest changes with every value saved, so a page kept open after saving is stale."""
    case = world.case_a
    clerk = world.client_for(world.clerk_a)
    assert clerk.post(_url(case), {**_application("张父"), "record_seen": ""}).status_code == 302
    seen = _seen(clerk.get(_url(case)).content.decode())
    edited = {**_application("张父", **{"application-summary": "补充"}), "record_seen": seen}
    assert clerk.post(_url(case), edited).status_code == 302
    assert clerk.post(_url(case), edited).status_code == 409


def test_a_client_that_does_not_say_what_it_saw_saves_as_before(world) -> None:
    """Scripts and the load test post the form without the page's digest: no comparison."""
    case = world.case_a
    clerk = world.client_for(world.clerk_a)
    assert clerk.post(_url(case), _application("张父")).status_code == 302
    assert clerk.post(_url(case), _application("李母")).status_code == 302
    assert _in_force(case).applicant_name == "李母"


def test_records_added_one_more_each_time_carry_no_digest(world) -> None:
    body = (
        world.client_for(world.clerk_a)
        .get(f"/cases/{world.case_a.pk}/records/procuratorate-copy/")
        .content.decode()
    )
    assert 'name="record_seen"' not in body
