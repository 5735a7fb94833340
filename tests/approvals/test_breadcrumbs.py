"""Every page of a case links back along the path (issue 14): inbox → case → this page, in a
navigation landmark named for screen readers, from one shared include."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _crumbs(html: str) -> list[tuple[str | None, str]]:
    nav = re.search(
        r'<nav class="breadcrumb" aria-label="Breadcrumb" id="breadcrumb">(.*?)</nav>', html, re.S
    )
    assert nav, "no breadcrumb navigation"
    crumbs = []
    for item in re.findall(r"<li>(.*?)</li>", nav[1], re.S):
        link = re.search(r'href="([^"]+)"', item)
        text = re.sub(r"<[^>]+>", "", item).strip()
        crumbs.append((link[1] if link else None, " ".join(text.split())))
    return crumbs


def test_the_decide_page_links_back_to_the_inbox_and_the_case(world, proposed) -> None:
    html = world.client_for(world.approver).get(
        reverse("approvals:decide", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    crumbs = _crumbs(html.content.decode())
    assert crumbs == [
        (reverse("cases:my_work"), "My work"),
        (reverse("cases:case_detail", args=[proposed.pk]), f"Case {proposed.number}"),
        (None, "Decision on the proposal"),
    ]
    assert 'aria-current="page">Decision on the proposal' in html.content.decode()


def test_the_case_page_links_back_to_the_inbox(world, proposed) -> None:
    html = world.client_for(world.approver).get(
        reverse("cases:case_detail", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert _crumbs(html.content.decode()) == [
        (reverse("cases:my_work"), "My work"),
        (None, f"Case {proposed.number}"),
    ]


@pytest.mark.parametrize(
    ("route", "user", "label"),
    [
        ("cases:reader", "approver", "Dossier reader"),
        ("procuracy:lane", "procurator_a", "Procuratorial supervision"),
    ],
)
def test_the_step_pages_of_a_case_link_back_to_it(world, proposed, route, user, label) -> None:
    html = world.client_for(getattr(world, user)).get(
        reverse(route, args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert html.status_code == 200
    crumbs = _crumbs(html.content.decode())
    assert crumbs[0] == (reverse("cases:my_work"), "My work")
    assert crumbs[1][0] == reverse("cases:case_detail", args=[proposed.pk])
    assert crumbs[2] == (None, label)
