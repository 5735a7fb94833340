"""Issue 14: every form error is announced at the top of the page: one summary (role="alert",
focused on load by static/js/app.js) with a heading and, for each error, a link to its field;
refusals of the law reported by the view are in it too (templates/_form_errors.html, drawn
by base.html through kernel/templatetags/error_summary.py)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

HEADING = {"zh-hans": "请更正以下问题", "en": "Please correct the following"}


def _summary(html: str) -> str:
    match = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert match, html[:3000]
    opening = match.group(0).split(">", 1)[0]
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening
    assert "data-error-summary" in opening
    # At the top: before the page's own content (its first heading).
    assert html.index('class="error-summary"') < html.index("<h1")
    return match.group(1)


def _client(world, user, language: str):
    client = world.client_for(user) if user is not None else None
    if client is None:
        from django.test import Client

        client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_wrong_password_is_announced_at_the_top_in_the_users_language(world, language) -> None:
    client = _client(world, None, language)
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "nope"})
    summary = _summary(response.content.decode())
    assert f'<h2 id="error-summary-title">{HEADING[language]}</h2>' in summary
    assert summary.count("<li>") == 1


def test_a_malformed_one_time_password_links_to_its_field(world) -> None:
    client = _client(world, world.approver, "en")
    response = client.post("/account/second-factor/", {"action": "confirm", "code": "12ab"})
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert '<a href="#id_code">Code from your authenticator app: Enter the 6-digit code.</a>' in (
        summary
    )
    # The field's own message stays beside it, but only the summary is an alert.
    assert response.content.decode().count('role="alert"') == 1


def test_a_rejected_upload_on_the_case_page_is_announced_at_the_top(world) -> None:
    client = _client(world, world.clerk_a, "zh-hans")
    response = client.post(
        f"/cases/{world.case_a.pk}/evidence/",
        {
            "kind": "medical_record",
            "file": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf"),
        },
    )
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert "仅接受PDF、JPEG和PNG文件" in summary
    assert response.content.decode().count("仅接受PDF、JPEG和PNG文件") == 1


def test_a_rejected_upload_on_the_public_verify_page_is_summarised(world) -> None:
    client = _client(world, None, "en")
    response = client.post(
        "/verify/", {"file": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")}
    )
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert "This is not a PDF file" in summary
    assert 'href="#id_file"' in summary


def test_a_refusal_of_the_law_is_in_the_summary_and_not_repeated_below(world) -> None:
    client = _client(world, world.clerk_a, "en")
    response = client.post(
        f"/cases/{world.case_a.pk}/steps/screen/", {"expected_state": "initiated"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = _summary(html)
    assert "P2014 Arts 5-7, 33" in summary
    assert '<ul class="messages"><li class="error' not in html


def test_a_page_without_errors_has_no_summary(world) -> None:
    html = _client(world, world.clerk_a, "en").get(f"/cases/{world.case_a.pk}/").content.decode()
    assert "error-summary" not in html
