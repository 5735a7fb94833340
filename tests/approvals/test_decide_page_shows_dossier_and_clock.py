"""The approver's decide page (P2014 Art 14; issue 14): the dossier as the approver can open
it, the 15-working-day clock with its due date, rule and calendar in words (never its code),
for the approving authority only (a clerk 403, another authority 404)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kernel.deadlines.models import Deadline

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section class="card" id="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"no section #{section_id}"
    return match[1]


def test_the_decide_page_lists_the_dossier_with_links_the_approver_can_open(
    world, proposed
) -> None:
    client = world.client_for(world.approver)
    response = client.get(
        reverse("approvals:decide", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    dossier = _section(response.content.decode(), "dossier")
    links = re.findall(r'href="([^"]+/reader/documents/[eg]\d+/)"', dossier)
    evidence = list(proposed.evidence.all())
    assert len(evidence) == 2
    for item in evidence:
        assert item.original_name in dossier
        assert reverse("cases:reader_document", args=[proposed.pk, f"e{item.pk}"]) in links
    assert "Approval form" in dossier or proposed.submission.approval_form.title in dossier
    for link in links:  # every link opens for the approver
        assert client.get(link).status_code == 200


def test_the_decide_page_shows_the_due_date_and_the_clock_in_words(world, proposed) -> None:
    d04 = Deadline.objects.get(kind="D-04", subject_id=proposed.pk)
    response = world.client_for(world.approver).get(
        reverse("approvals:decide", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    clock = _section(response.content.decode(), "decision-clock")
    assert "Approving authority decides on the proposal" in clock
    assert d04.due_date is not None
    assert d04.due_date.isoformat() in clock
    assert "working days" in clock  # the rule, in words
    assert re.search(r'id="decision-calendar">[^<]*calendar', clock, re.I)
    # The code stays in the markup for scripts, never in the text.
    assert "D-04" not in re.sub(r"<[^>]+>", "", clock)


def test_a_clerk_may_not_open_the_decide_page(world, proposed) -> None:
    response = world.client_for(world.clerk_a).get(
        reverse("approvals:decide", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403


def test_another_authority_does_not_find_the_case(world, proposed) -> None:
    response = world.client_for(world.mps_approver).get(
        reverse("approvals:decide", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 404
