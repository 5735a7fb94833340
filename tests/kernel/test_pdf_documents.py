"""Formal documents render to PDF in Chinese, refuse missing glyphs, and are fingerprinted."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest
from django.utils import translation

from kernel.audit.models import AuditEvent
from kernel.documents.pdf import MissingGlyph, render_pdf
from kernel.documents.services import document_issue

pytestmark = pytest.mark.django_db

CONTEXT = {
    "addressee": "杭州市西湖区社区矫正机构",
    "paragraphs": ["罪犯张三经批准暂予监外执行，请依法接收并实施社区矫正。"],
    "facts": [("姓名", "张三"), ("刑期届满日", "2031年12月31日")],
}


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_notice_renders_chinese_text_on_a4(world, tmp_path) -> None:
    content = render_pdf(
        "notice",
        {
            **CONTEXT,
            "document_title": "暂予监外执行通知书",
            "document_number": "浙狱通〔2026〕1号",
            "issuing_organisation": world.prison_a,
            "issued_on": dt.date(2026, 11, 23),
        },
    )
    assert content.startswith(b"%PDF")
    text = _pdf_text(content, tmp_path)
    for expected in (
        "暂予监外执行通知书",
        "浙狱通〔2026〕1号",
        "张三",
        "2026年11月23日",
        "特此通知",
    ):
        assert expected in text.replace(" ", "")
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout
    assert b"595.276 x 841.89" in info  # A4 in points


def test_a_character_without_a_glyph_is_refused_not_dropped(world) -> None:
    with pytest.raises(MissingGlyph) as exc:
        render_pdf(
            "notice",
            {
                **CONTEXT,
                "addressee": "罪犯𪚥某",
                "document_title": "通知",
                "document_number": "1",
                "issuing_organisation": world.prison_a,
                "issued_on": dt.date(2026, 11, 23),
            },
        )
    assert exc.value.characters == ["𪚥"]
    with translation.override("zh-hans"):
        assert str(exc.value).startswith("文书中含有已安装字体无法打印的字符：“𪚥”(U+2A6A5)。")
    with translation.override("en"):
        assert str(exc.value).startswith("The document contains characters no installed font")
    assert "U+2A6A5" in str(exc.value)


def test_issued_document_is_stored_with_its_sha256_and_audited(world) -> None:
    document = document_issue(
        template="notice",
        context=CONTEXT,
        number="浙狱通〔2026〕2号",
        title="暂予监外执行通知书",
        issuing_organisation=world.prison_a,
        issued_on=dt.date(2026, 11, 23),
        actor=world.clerk_a,
    )
    stored = document.file.read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.size == len(stored)
    assert AuditEvent.objects.filter(action="document.issued", object_id=str(document.pk))
