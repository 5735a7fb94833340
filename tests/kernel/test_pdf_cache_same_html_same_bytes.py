"""The same HTML gives the same PDF: a document drawn once is served from the `documents`
cache, keyed by the sha256 of its HTML, WeasyPrint, the base URL and the fonts. Real PDFs are
drawn throughout; WeasyPrint is only counted, never replaced."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import subprocess
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
import weasyprint
from django.core.cache import caches

from kernel.audit.models import AuditEvent
from kernel.documents.pdf import PDF_CACHE_ALIAS, MissingGlyph, render_pdf
from kernel.documents.services import document_issue

pytestmark = pytest.mark.django_db

LOCMEM = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "test-pdf-cache",
}


@pytest.fixture
def pdf_cache(settings) -> Iterator[None]:
    """The cache switched on (the test settings keep it off), empty at the start and the end."""
    settings.CACHES = {**settings.CACHES, PDF_CACHE_ALIAS: LOCMEM}
    caches[PDF_CACHE_ALIAS].clear()
    yield
    caches[PDF_CACHE_ALIAS].clear()


@pytest.fixture
def drawn() -> Iterator[mock.MagicMock]:
    """WeasyPrint, counted: every call still draws the real PDF."""
    with mock.patch("weasyprint.HTML", wraps=weasyprint.HTML) as html:
        yield html


def _notice(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "addressee": "杭州市西湖区社区矫正机构",
        "paragraphs": ["罪犯张三经批准暂予监外执行，请依法接收并实施社区矫正。"],
        "facts": [("姓名", "张三"), ("刑期届满日", "2031年12月31日")],
        "document_title": "暂予监外执行通知书",
        "document_number": "浙狱通〔2026〕7号",
        "issuing_organisation": world.prison_a,
        "issued_on": dt.date(2026, 11, 23),
        **overrides,
    }


def _text(content: bytes) -> str:
    return (
        subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
        .stdout.decode()
        .replace(" ", "")
    )


def test_the_same_html_is_drawn_once_and_served_with_the_same_bytes(
    world, pdf_cache, drawn
) -> None:
    first = render_pdf("notice", _notice(world))
    second = render_pdf("notice", _notice(world))
    assert drawn.call_count == 1
    assert second == first
    assert first.startswith(b"%PDF")
    assert "浙狱通〔2026〕7号" in _text(second)


def test_a_different_document_is_drawn_anew(world, pdf_cache, drawn) -> None:
    first = render_pdf("notice", _notice(world))
    later = render_pdf("notice", _notice(world, issued_on=dt.date(2026, 11, 24)))
    other = render_pdf("notice", _notice(world, addressee="宁波市海曙区社区矫正机构"))
    assert drawn.call_count == 3
    assert len({first, later, other}) == 3
    assert "2026年11月24日" in _text(later)
    assert "宁波市海曙区社区矫正机构" in _text(other)


def test_other_fonts_or_another_weasyprint_draw_anew(world, pdf_cache, drawn) -> None:
    render_pdf("notice", _notice(world))
    with mock.patch("kernel.documents.pdf.font_fingerprint", return_value="fonts updated"):
        render_pdf("notice", _notice(world))
    with mock.patch.object(weasyprint, "__version__", "999.0"):
        render_pdf("notice", _notice(world))
    assert drawn.call_count == 3


def test_a_missing_glyph_is_refused_even_when_the_cache_is_warm(world, pdf_cache, drawn) -> None:
    render_pdf("notice", _notice(world))
    for _ in range(2):  # a refusal is not kept either
        with pytest.raises(MissingGlyph) as exc:
            render_pdf("notice", _notice(world, addressee="罪犯𪚥某"))
        assert exc.value.characters == ["𪚥"]
    assert drawn.call_count == 1


def test_a_cache_that_is_down_falls_back_to_drawing(world, settings, drawn, caplog) -> None:
    settings.CACHES = {
        **settings.CACHES,
        PDF_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    with caplog.at_level(logging.WARNING, logger="kernel.documents.pdf"):
        first = render_pdf("notice", _notice(world))
        second = render_pdf("notice", _notice(world))
    assert drawn.call_count == 2
    assert first == second
    assert first.startswith(b"%PDF")
    assert "PDF cache unavailable" in caplog.text


def test_a_cache_that_fails_to_keep_a_pdf_still_answers_with_it(
    world, pdf_cache, drawn, caplog
) -> None:
    with (
        mock.patch.object(caches[PDF_CACHE_ALIAS], "set", side_effect=ConnectionError("down")),
        caplog.at_level(logging.WARNING, logger="kernel.documents.pdf"),
    ):
        content = render_pdf("notice", _notice(world))
    assert content.startswith(b"%PDF")
    assert "PDF not kept" in caplog.text


def test_a_pdf_over_the_size_bound_is_not_kept(world, pdf_cache, settings, drawn) -> None:
    settings.TEOP_PDF_CACHE_MAX_BYTES = 1000  # a one-page notice is far larger
    first = render_pdf("notice", _notice(world))
    second = render_pdf("notice", _notice(world))
    assert len(first) > 1000
    assert drawn.call_count == 2
    assert second == first


def test_an_issued_document_served_from_the_cache_is_fingerprinted_by_its_stored_bytes(
    world, pdf_cache, drawn
) -> None:
    context = _notice(world)
    preview = render_pdf("notice", context)
    document = document_issue(
        template="notice",
        context={k: context[k] for k in ("addressee", "paragraphs", "facts")},
        number=context["document_number"],
        title=context["document_title"],
        issuing_organisation=world.prison_a,
        issued_on=context["issued_on"],
        actor=world.clerk_a,
    )
    assert drawn.call_count == 1  # the issue reused the preview's bytes
    stored = document.file.read()
    assert stored == preview
    assert hashlib.sha256(stored).hexdigest() == document.sha256


def test_an_issued_document_is_not_kept_in_the_cache(world, pdf_cache, drawn) -> None:
    context = _notice(world, document_number="浙狱通〔2026〕8号")
    document_issue(
        template="notice",
        context={k: context[k] for k in ("addressee", "paragraphs", "facts")},
        number=context["document_number"],
        title=context["document_title"],
        issuing_organisation=world.prison_a,
        issued_on=context["issued_on"],
        actor=world.clerk_a,
    )
    render_pdf("notice", context)  # the same text again is drawn: the issue kept nothing
    assert drawn.call_count == 2


def test_a_case_document_downloaded_twice_is_drawn_once_and_audited_twice(
    world, pdf_cache, drawn
) -> None:
    from tests.cases.steps import to_deliberated

    to_deliberated(world, world.case_a)
    client = world.client_for(world.clerk_a)
    url = f"/cases/{world.case_a.pk}/documents/approval-form.pdf"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert drawn.call_count == 1
    assert world.offender_a.name in _text(second.content).replace("\n", "")
    assert AuditEvent.objects.filter(action="document.viewed").count() == 2
