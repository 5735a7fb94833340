"""Issue 14: forbidden, not-found, bad-request, server-error and CSRF-failure pages are the
application's own, in the user's language, with a way back (config/errors.py)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation

from config import errors
from config.urls import urlpatterns as _app_urlpatterns

pytestmark = pytest.mark.django_db

ZH, EN = "zh-hans", "en"


def _boom(request):  # a route that fails, to reach handler500 through the whole stack
    raise RuntimeError("boom")


# This module is also the URLconf of the 500 test: the app's routes plus one that fails.
urlpatterns = [path("__boom__/", _boom), *_app_urlpatterns]
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

TEXTS = {
    404: {ZH: "页面不存在", EN: "Page not found"},
    403: {ZH: "无权访问", EN: "Not permitted"},
    400: {ZH: "无法处理该请求", EN: "The request could not be processed"},
    500: {ZH: "服务器错误", EN: "Server error"},
    "csrf": {ZH: "表单已失效", EN: "The form has expired"},
}


def _client(language: str, user=None, **kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def _assert_app_page(response, status: int, text: str, language: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert 'id="error-page"' in html, html[:500]
    assert f'<html lang="{language}">' in html
    assert f"<h1>{text}</h1>" in html
    assert 'id="error-ways-back"' in html
    return html


@pytest.mark.parametrize("language", [ZH, EN])
def test_a_clerk_opening_the_approvers_decide_page_gets_the_apps_403_with_a_way_home(
    world, language
) -> None:
    client = _client(language, world.clerk_a)
    response = client.get(
        f"/approvals/cases/{world.case_a.pk}/decide/",
        HTTP_REFERER=f"http://testserver/cases/{world.case_a.pk}/",
    )
    html = _assert_app_page(response, 403, TEXTS[403][language], language)
    assert 'id="error-home" href="/"' in html
    assert f'id="error-back" href="http://testserver/cases/{world.case_a.pk}/"' in html
    # The clerk's own navigation is there: the page extends base.html.
    assert 'class="mainnav"' in html


@pytest.mark.parametrize("language", [ZH, EN])
def test_a_case_of_another_prison_is_the_apps_404_and_a_procurator_is_offered_the_inbox(
    world, language
) -> None:
    client = _client(language, world.procurator_b)
    response = client.get(f"/cases/{world.case_a.pk}/")
    html = _assert_app_page(response, 404, TEXTS[404][language], language)
    assert 'id="error-inbox" href="/procuracy/inbox/"' in html
    assert 'id="error-home" href="/"' in html


def test_a_back_link_to_another_site_is_never_offered(world) -> None:
    client = _client(ZH, world.clerk_a)
    response = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/phish")
    html = _assert_app_page(response, 404, TEXTS[404][ZH], ZH)
    assert "evil.example" not in html
    assert 'id="error-back"' not in html


@pytest.mark.parametrize("language", [ZH, EN])
def test_an_anonymous_visitor_on_a_missing_page_is_offered_the_sign_in(language) -> None:
    response = _client(language).get("/public/decisions/999999/")
    html = _assert_app_page(response, 404, TEXTS[404][language], language)
    assert 'id="error-home" href="/accounts/login/"' in html


@pytest.mark.parametrize("language", [ZH, EN])
def test_a_bad_host_header_is_the_apps_400(language) -> None:
    response = _client(language).get("/accounts/login/", HTTP_HOST="evil.example")
    html = _assert_app_page(response, 400, TEXTS[400][language], language)
    assert 'id="error-home" href="/accounts/login/"' in html


@pytest.mark.parametrize("language", [ZH, EN])
def test_a_form_sent_without_its_token_is_the_apps_csrf_page(world, language) -> None:
    client = _client(language, enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "x"})
    html = _assert_app_page(response, 403, TEXTS["csrf"][language], language)
    assert 'id="error-home"' in html


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", [ZH, EN])
def test_a_failing_page_is_the_apps_500_with_a_way_home(world, language) -> None:
    client = _client(language, world.clerk_a, raise_request_exception=False)
    response = client.get("/__boom__/")
    html = _assert_app_page(response, 500, TEXTS[500][language], language)
    assert 'id="error-home" href="/"' in html
    assert "boom" not in html and "Traceback" not in html


@pytest.mark.parametrize("language", [ZH, EN])
def test_the_500_page_needs_no_database_nor_context_processor(
    django_assert_num_queries, language
) -> None:
    request = RequestFactory().get("/anything/")  # no user, no session: nothing to lean on
    with translation.override(language), django_assert_num_queries(0):
        response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{TEXTS[500][language]}</h1>" in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/app\.css">', html)


DEMO_SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1:8000")
missing = client.get("/no-such-page/")
css = client.get("/static/css/app.css")
print(settings.DEBUG, missing.status_code, 'id="error-page"' in missing.content.decode(),
      css.status_code)
"""


def test_the_demo_shows_the_apps_404_and_still_serves_its_static_files(tmp_path) -> None:
    """`make run` (config.settings.local): DEBUG off, so not Django's debug 404; WhiteNoise
    serves the stylesheets from the source folders without collectstatic."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "TEOP_VAR_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_DEBUG"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", DEMO_SCRIPT],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "404", "True", "200"], result.stdout
