"""The Atom feed's summary is real HTML with one paragraph per line of the published text
(issue 14, "Forms a clerk can trust"), escaped, never lines run together."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from approvals.models import Publication
from tests.approvals.test_decision import _decide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_summary_is_html_paragraphs(world, proposed, client) -> None:
    _decide(world, proposed)
    publication = Publication.objects.get()
    publication.body += "\n附注：<b>不是标签</b> & 符号"
    publication.save()
    # The app's own feed, parsed in a test.
    feed = ET.fromstring(client.get("/public/decisions/feed.atom").content)  # noqa: S314
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    html = summary.text or ""
    lines = [line for line in publication.body.splitlines() if line.strip()]
    assert html.count("<p>") == len(lines) == html.count("</p>")
    assert html.startswith("<p>决定书文号：")
    assert "<p>附注：&lt;b&gt;不是标签&lt;/b&gt; &amp; 符号</p>" in html
    assert "\n" not in html
