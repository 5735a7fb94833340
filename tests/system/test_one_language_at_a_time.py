"""One language at a time (issue 14): every page type, drawn in Simplified Chinese and in
English for every user of a complete province, shows no text of the other language and no raw
internal code (rule ids EL-xx, clock codes D-xx, state or outcome vocabulary, audit actions).

Data is not interface: what users entered or the law names (organisations, people, addresses,
the illness catalogue, holidays) is taken out of the text first, read from the database
itself, so only the interface's own words are judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.provinces import Province, build_province
from tests.system.test_two_province_battery import ARG_LIST_ROUTES, LIST_ROUTES, OBJECT_ROUTES

pytestmark = pytest.mark.django_db

#: Elements whose content is not read as text.
_SKIPPED = {"script", "style", "template", "code", "pre", "textarea", "svg"}
#: Attributes a user reads (or hears) like text.
_READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        for name, value in attrs:
            if value and name in _READ_ATTRIBUTES:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in {"submit", "button"}:
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts


#: Models whose text is the system's own record of what happened, not data a user entered.
_NOT_DATA = {"audit", "deadlines", "notices", "sessions", "contenttypes", "auth", "admin"}
#: Except what the audit trail copied of its time (who, where, what object, why): a snapshot
#: kept as it was written.
_SNAPSHOTS = {"audit": ("actor_name", "organisation_name", "object_repr", "reason")}


def data_strings() -> list[str]:
    """Every text a user or the law put into the database, longest first."""
    found: set[str] = set()
    for model in apps.get_models():
        label = model._meta.app_label
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if label in _NOT_DATA:
            fields = [f for f in fields if f in _SNAPSHOTS.get(label, ())]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value and len(value) >= 2:
                    found.add(value)
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(found, key=len, reverse=True)


_CODE = re.compile(
    r"\bEL-\d{2}\b|\bD-\d{2}[a-z]?\b|\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\.[A-Za-z_]+\b"
)
_HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")
#: Text that is the same in both languages: the language switcher names each language in
#: itself; examples of values that are Chinese by nature (an official notice number, a
#: holiday, a source system); and the tokens of file formats a user types or
#: uploads (a CSV header and its values).
_SAME_IN_BOTH = (
    "简体中文",
    "English",
    "国办发明电〔2026〕11号",
    "国办发明电〔2025〕7号",
    "市公安局看守所管理系统",
    "元旦",
    "春节",
    "date,kind,name,region_code",
    "date,kind,name",
    "makeup_workday",
    "region_code",
    "holiday",
    "UTF-8",
)
_LATIN_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")
#: Latin words that are names in Chinese text too (formats, products, protocols).
_LATIN_NAMES = {
    "PDF", "CSV", "API", "JSON", "Atom", "OpenAPI", "Swagger", "Redoc", "Django", "ECharts",
    "Chromium", "PAdES", "HTTPS", "TOTP", "Excel", "English", "Web", "Token", "Bearer", "admin",
}  # fmt: skip


def _in_context(pattern: re.Pattern[str], text: str) -> list[str]:
    return [
        text[max(0, m.start() - 12) : m.end() + 12].replace("\n", " ")
        for m in pattern.finditer(text)
    ]


def findings(text: str, language: str) -> list[str]:
    for same in _SAME_IN_BOTH:
        text = text.replace(same, " ")
    found = [f"code {m!r}" for m in _in_context(_CODE, text)]
    if language == "en":
        found += [f"Chinese {m!r}" for m in _in_context(_HAN, text)]
    else:
        found += [
            f"English {text[max(0, m.start() - 12) : m.end() + 12]!r}"
            for m in _LATIN_WORD.finditer(text)
            if m.group() not in _LATIN_NAMES
        ]
    return found


def _no_argument_routes() -> Iterator[str]:
    def walk(patterns: Iterable[object], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                inner = f"{namespace}{ns}:" if ns else namespace
                if ns in {"admin", "api"}:
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    for name in sorted(set(walk(get_resolver().url_patterns, ""))):
        try:
            yield reverse(name)
        except NoReverseMatch:
            continue


#: Pages not drawn by the app's templates: the OpenAPI browser is the vendor's, in English.
_NOT_OURS = {"/api/docs/"}


def _pages(p: Province) -> list[str]:
    urls = [url for url in _no_argument_routes() if url not in _NOT_OURS]
    for name, method, objects in OBJECT_ROUTES:
        if method == "get" and not name.startswith("api:"):
            # Each case of the province is in another state; other objects: two of a kind.
            every = objects(p)
            urls += [
                reverse(name, kwargs=kwargs)
                for kwargs in every[: 12 if name.endswith("case_detail") else 2]
            ]
    for name, queries in LIST_ROUTES:
        if not name.startswith("api:"):
            urls += [reverse(name) for _ in queries(p)[:1]]
    for name, arguments in ARG_LIST_ROUTES:
        urls += [reverse(name, kwargs=kwargs) for kwargs in arguments()]
    return sorted(set(urls))


@pytest.fixture
def province(db: None, loaded_calendar: None) -> Province:
    return build_province("33", "浙江")


def test_every_page_speaks_one_language_and_shows_no_internal_code(province: Province) -> None:
    pages = _pages(province)
    users: list[object | None] = [None, *province.users.values()]
    data = data_strings()
    problems: dict[str, set[str]] = {}
    drawn = 0
    # Chinese first: the pages each user may open are then drawn again in English.
    opened: dict[int, list[str]] = {}
    for language in ("zh-hans", "en"):
        # Opening a document issues it: what the first pass wrote is data for the second.
        data = data_strings()
        for n, user in enumerate(users):
            client = Client(raise_request_exception=False)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            if user is not None:
                client.force_login(user)  # type: ignore[arg-type]
            for url in opened.get(n, []) if language == "en" else pages:
                response = client.get(url)
                if response.status_code == 500:
                    problems.setdefault(f"{language} {url}", set()).add("server error")
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                if language == "zh-hans":
                    opened.setdefault(n, []).append(url)
                drawn += 1
                text = "\n".join(visible_text(response.content.decode()))
                for same in _SAME_IN_BOTH:
                    text = text.replace(same, " ")
                for value in data:
                    if value in text:
                        text = text.replace(value, " ")
                for problem in findings(text, language):
                    problems.setdefault(f"{language} {url}", set()).add(problem)
    report = "\n".join(
        f"{page}: {' | '.join(sorted(found)[:40])}" for page, found in sorted(problems.items())
    )
    from pathlib import Path

    Path("var").mkdir(exist_ok=True)
    Path("var/one-language.txt").write_text(f"{drawn} pages drawn\n{report}\n", encoding="utf-8")
    assert drawn > 100
    assert not problems, f"{len(problems)} pages mix languages or show codes:\n{report}"
