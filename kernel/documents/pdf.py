"""One helper renders every PDF: `templates/pdf/<document>.html` -> A4 PDF bytes.

WeasyPrint silently drops characters that no installed font can draw (a rare character in a
person's name would vanish from a legal document). So before rendering, every character of
the document's text is checked against the configured fonts, and a missing glyph is an error.

Drawing a PDF takes hundreds of milliseconds (WeasyPrint lays out and subsets the CJK fonts),
and the same document is often downloaded again unchanged. So the bytes are kept in the
`documents` cache (shared by every web process in production: Redis), addressed by content:
the key is a sha256 of the rendered HTML and of everything else that decides the bytes (the
WeasyPrint version, the base URL, the font files). Same key, same bytes, so nothing has to be
invalidated: a changed case renders different HTML and so a different key. A hit skips the glyph
check too (the same HTML with the same fonts passed it when it was drawn). The cache is an
accelerator only: when it fails, the PDF is drawn as if it were empty.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import subprocess
import unicodedata
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from kernel.errors import Translated

#: Font families the PDF templates use; the fonts are installed by the make targets.
PDF_FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")

#: The cache alias of rendered PDFs (config/settings/base.py).
PDF_CACHE_ALIAS = "documents"

logger = logging.getLogger(__name__)


class MissingGlyph(Translated):
    """Characters no installed font can print; the message reads in the reader's language."""

    def __init__(self, characters: list[str]) -> None:
        self.characters = characters
        listed = "、".join(f"“{c}”(U+{ord(c):04X})" for c in characters[:10])
        super().__init__(
            _(
                "The document contains characters no installed font can print: %(listed)s. "
                "Install a font that covers them (e.g. for rare name characters) before "
                "issuing it."
            ),
            listed=listed,
        )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _font_families() -> tuple[str, ...]:
    return tuple(getattr(settings, "TEOP_PDF_FONT_FAMILIES", PDF_FONT_FAMILIES))


def _fontconfig(program: str, file_format: str, family: str) -> str:
    """What fontconfig's `fc-match` or `fc-list` prints for a family, in `file_format`."""
    return subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        [program, "-f", file_format, family],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


def _font_files() -> list[str]:
    """The file fontconfig picks for each PDF font family (its regular face)."""
    found = (_fontconfig("fc-match", "%{file}", family).strip() for family in _font_families())
    return [file for file in found if file]


@functools.cache
def covered_codepoints() -> frozenset[int]:
    """Every code point the PDF fonts can draw (read once per process)."""
    from fontTools.ttLib import TTCollection, TTFont

    points: set[int] = set()
    for path in _font_files():
        fonts = (
            TTCollection(path, lazy=True).fonts
            if path.endswith(".ttc")
            else [TTFont(path, lazy=True)]
        )
        for font in fonts[:1]:
            points.update(font.getBestCmap().keys())
    return frozenset(points)


def _family_files() -> list[str]:
    """Every file of the PDF font families (regular, bold...), as fontconfig lists them."""
    files: set[str] = set(_font_files())
    for family in _font_families():
        listed = _fontconfig("fc-list", "%{file}\n", family)
        files.update(line for line in listed.splitlines() if line)
    return sorted(files)


@functools.cache
def font_fingerprint() -> str:
    """The PDF fonts as they are on disk (path, size, modification time of every file of their
    families), read once per process like `covered_codepoints`: a font installed, replaced or
    updated gives new cache keys once the processes restart."""
    parts = []
    for path in _family_files():
        try:
            stat = os.stat(path)
        except OSError:
            parts.append(f"{path}:missing")
        else:
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def pdf_cache_key(html: str, *, base_url: str) -> str:
    """Everything that decides the bytes of a PDF: the HTML, WeasyPrint, the base URL (images
    and stylesheets are resolved against it) and the fonts."""
    import weasyprint

    digest = hashlib.sha256()
    for part in (weasyprint.__version__, base_url, font_fingerprint(), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return f"pdf:{digest.hexdigest()}"


def _cached(key: str) -> tuple[bytes | None, bool]:
    """The cached PDF, or None; and whether the cache answered at all."""
    try:
        found = caches[PDF_CACHE_ALIAS].get(key)
    except Exception:  # any cache failure (Redis down, a timeout): draw the PDF
        logger.warning("PDF cache unavailable, drawing the PDF", exc_info=True)
        return None, False
    return (found if isinstance(found, bytes) else None), True


def _store(key: str, content: bytes) -> None:
    if len(content) > settings.TEOP_PDF_CACHE_MAX_BYTES:
        return
    try:
        caches[PDF_CACHE_ALIAS].set(key, content)
    except Exception:  # the PDF is drawn; keeping it is only an optimisation
        logger.warning("PDF cache unavailable, PDF not kept", exc_info=True)


def missing_glyphs(text: str) -> list[str]:
    covered = covered_codepoints()
    missing = []
    for char in dict.fromkeys(text):
        if char.isspace() or unicodedata.category(char).startswith("C"):
            continue
        if ord(char) not in covered:
            missing.append(char)
    return missing


def render_pdf(template: str, context: dict[str, Any], *, keep: bool = True) -> bytes:
    """Render `templates/pdf/<template>.html` to PDF bytes, refusing any missing glyph; the
    bytes come from the `documents` cache when the same HTML was drawn before. `keep=False`
    draws a PDF nobody will ask for again without keeping it (an issued document: its number
    is new, and the file stored with it is what is served afterwards)."""
    from django.utils import translation
    from weasyprint import HTML

    # An official document reads in Chinese whatever the issuer's interface language: the
    # choices it prints (get_FOO_display) and its dates come from the Chinese catalogue.
    with translation.override("zh-hans"):
        html = render_to_string(f"pdf/{template}.html", context)
    base_url = str(settings.BASE_DIR)
    key = pdf_cache_key(html, base_url=base_url)
    content, answered = _cached(key)
    if content is not None:
        return content
    parser = _Text()
    parser.feed(html)
    missing = missing_glyphs("".join(parser.parts))
    if missing:
        raise MissingGlyph(missing)
    content = HTML(string=html, base_url=base_url).write_pdf()
    if keep and answered:  # a cache that is down is not waited for twice
        _store(key, content)
    return content  # type: ignore[no-any-return]


def chinese_label(instance: Any, field: str) -> str:
    """A choice's label as a document prints it, in Chinese whatever the issuer's language
    (`get_FOO_display` translates when called, before the document is rendered)."""
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(getattr(instance, f"get_{field}_display")())
