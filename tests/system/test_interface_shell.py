"""The interface shell: login, language, vendored assets, OpenAPI, request ids."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_by_default(client) -> None:
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body


def test_english_is_available_through_the_language_switch(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in body
    assert "Log in" in body


def test_wrong_password_gives_a_clear_message(world, client) -> None:
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "nope"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_navigation_follows_the_role(world) -> None:
    clerk = world.client_for(world.clerk_a).get("/").content.decode()
    admin = world.client_for(world.sysadmin).get("/").content.decode()
    assert "/offenders/" in clerk and "/audit/" not in clerk
    assert "/audit/" in admin and "/calendar/years/" in admin


def test_openapi_schema_documents_the_calendar_endpoint(world) -> None:
    response = world.client_for(world.clerk_a).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/calendar/add-working-days" in schema["paths"]
    assert "/api/v1/cases/{id}/" in schema["paths"]


def test_api_docs_use_vendored_assets_only(world) -> None:
    body = world.client_for(world.clerk_a).get("/api/docs/").content.decode()
    assert "swagger-ui" in body
    external = list(re.findall(r'(?:src|href)="(https?://[^"]+)"', body))
    assert external == []


def test_no_template_or_stylesheet_loads_anything_from_the_internet() -> None:
    offenders = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/**/*.*")]:
        if re.search(r'(?:src|href)=["\']?(?:https?:)?//', path.read_text(errors="ignore")):
            offenders.append(str(path))
        if re.search(r"@import\s+url\(['\"]?https?://", path.read_text(errors="ignore")):
            offenders.append(str(path))
    assert offenders == []


def test_every_response_carries_a_request_id(client) -> None:
    assert len(client.get("/accounts/login/")["X-Request-ID"]) >= 8


def _msgids(po_text: str) -> set[str]:
    return set(re.findall(r'^msgid "(.+)"$', po_text, flags=re.M))


def test_chinese_catalogue_is_complete(tmp_path) -> None:
    """Every entry of the Simplified Chinese catalogue is translated and none is fuzzy."""
    po = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "x.mo"), str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "translated" in stats
    assert "untranslated" not in stats, stats
    assert "fuzzy" not in stats, stats


def test_chinese_catalogue_holds_every_string_the_code_and_templates_use(tmp_path) -> None:
    """Regenerate the catalogue's source strings and compare: nothing new is left out."""
    from django.utils.translation.template import templatize

    sources = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if not {".venv", "tests", "bench", "migrations"} & set(p.parts)
    ]
    for i, template in enumerate(sorted(ROOT.glob("templates/**/*.html"))):
        target = tmp_path / f"template_{i}.py"
        target.write_text(templatize(template.read_text(), origin=str(template)))
        sources.append(str(target))
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--from-code=UTF-8",
            "--no-wrap",
            "-k_",
            "-kgettext",
            "-kgettext_lazy",
            "-kgettext_noop",
            "-kngettext:1,2",
            "-kpgettext:1c,2",
            "-o",
            str(pot),
            *sources,
        ],
        cwd=ROOT,
        check=True,
    )
    po = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    normalised = subprocess.run(
        ["msgcat", "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    missing = _msgids(pot.read_text()) - _msgids(normalised)
    assert not missing, sorted(missing)[:10]
