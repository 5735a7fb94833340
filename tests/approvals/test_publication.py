"""Internet publication (P2014 Art 14): only published decisions, only the redacted text,
and an anonymous visitor reaches nothing else."""

from __future__ import annotations

import pytest

from approvals.models import Publication
from tests.approvals.test_decision import _decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _forbidden(world) -> list[str]:
    offender = world.offender_a
    return [
        offender.name,
        offender.id_number,
        offender.residence_address,
        "心功能不全",
        "2014-III-1",
        "张父",
        "1970",
    ]


def test_approval_is_published_redacted_on_page_and_feeds(world, proposed, client) -> None:
    _decide(world, proposed)
    publication = Publication.objects.get()
    assert "张某" in publication.title
    for url in (
        "/public/decisions/",
        f"/public/decisions/{publication.pk}/",
        "/public/decisions/feed.atom",
        "/public/decisions/feed.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "张某" in body, url
        for secret in _forbidden(world):
            assert secret not in body, (url, secret)


def test_refusals_and_withdrawn_decisions_are_not_published(world, proposed, client) -> None:
    _decide(world, proposed, approve=False)
    assert not Publication.objects.exists()
    assert "张某" not in client.get("/public/decisions/feed.json").content.decode()


def test_withdrawn_publication_disappears(world, proposed, client) -> None:
    _decide(world, proposed)
    publication = Publication.objects.get()
    publication.withdrawn = True
    publication.save()
    assert client.get(f"/public/decisions/{publication.pk}/").status_code == 404
    assert publication.title not in client.get("/public/decisions/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cases/",
        "/cases/1/",
        "/offenders/",
        "/api/v1/cases/",
        "/api/v1/offenders/",
        "/notices/",
        "/audit/",
        "/calendar/years/",
        "/calendar/deadline-calculator/",
        "/approvals/cases/1/decide/",
        "/deadlines/1/",
        "/health/deadlines/",
        "/cases/export.csv",
        "/api/v1/calendar/add-working-days?start=2026-01-01&days=1",
    ],
)
def test_anonymous_visitor_reaches_nothing_but_the_public_pages(client, world, url) -> None:
    response = client.get(url)
    assert response.status_code in (302, 401, 403), (url, response.status_code)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
