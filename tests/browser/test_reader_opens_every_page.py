"""In real Chromium, the dossier reader (issue 13): the procurator opens a two-page PDF with the
vendored PDF.js under the site's Content-Security-Policy, turns the page with the keyboard,
finds a word, moves to the next document (an image) with "n", and the opinion form then says
every material was read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.reader.services import reader_all_viewed
from tests.cases.reader_helpers import image_evidence, pdf_evidence

from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_procurator_reads_every_page_then_sees_all_viewed(live_server, page, world) -> None:
    base, case = live_server.url, world.case_a
    record = pdf_evidence(case, world.clerk_a, ["Zhang San admission", "Diagnosis glioma"])
    image = image_evidence(case, world.clerk_a)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _log_in(page, base, "procurator_a")
    page.goto(f"{base}/cases/{case.pk}/")
    page.click("#reader-link")
    page.click(f'#reader-doc-list a[data-key="e{record.pk}"]')
    expect(page.locator("#reader-page-count")).to_have_text("2")
    page.wait_for_selector("#reader-canvas[data-page='1']")
    expect(page.locator("#reader-status")).to_contain_text("1 / 2")
    page.locator("body").press("ArrowRight")
    page.wait_for_selector("#reader-status[data-read='true']")
    assert page.locator("#reader-thumbnails canvas").count() == 2
    page.locator("body").press("/")
    page.keyboard.type("glioma")
    page.keyboard.press("Enter")
    page.wait_for_selector("#reader-search-hits button[data-page='2']")
    # Leave the search field (a click on the page could land on a form field and type there).
    page.locator("#reader-search").blur()
    page.keyboard.press("n")
    page.wait_for_selector("#reader-image")
    page.wait_for_selector("#reader-all-viewed")
    assert page.locator(f"#reader-doc-{'e'}{image.pk}.read").count() == 1
    assert reader_all_viewed(world.procurator_a, case)
    page.goto(f"{base}/cases/{case.pk}/")
    assert page.locator("#all-viewed").count() == 1
    assert not [e for e in errors if "Content Security Policy" in e], errors
