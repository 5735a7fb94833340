"""Every response carries the Content-Security-Policy and Permissions-Policy; nothing a signed-in
user sees, no API answer and no download is stored by a browser or proxy; the pages run no
inline script; the API schema and docs need a signed-in user (issue 9 item 8)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db

INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def _csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_pages_forbid_inline_script_and_foreign_origins(world) -> None:
    response = world.client_for(world.clerk_a).get("/")
    policy = _csp(response)
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_every_page_carries_a_permissions_policy(world) -> None:
    for response in (Client().get("/accounts/login/"), world.client_for(world.clerk_a).get("/")):
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/cases/",
        "/offenders/",
        "/calendar/deadline-calculator/",
        "/notices/",
        "/accounts/login/",
        "/verify/",
        "/public/decisions/",
        "/public/self-check/",
        "/public/statistics/",
        "/api/docs/",
    ],
)
def test_rendered_pages_contain_no_inline_script_or_style(world, url) -> None:
    body = world.client_for(world.clerk_a).get(url, follow=True).content.decode()
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not INLINE_HANDLER.search(body), INLINE_HANDLER.search(body)
    assert not INLINE_STYLE.search(body), INLINE_STYLE.search(body)


def test_case_page_and_its_files_contain_no_inline_script(world) -> None:
    from cases.services.workflow import evidence_upload

    evidence_upload(
        case_id=world.case_a.pk,
        actor=world.clerk_a,
        kind="medical_record",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    body = world.client_for(world.clerk_a).get(f"/cases/{world.case_a.pk}/").content.decode()
    assert not INLINE_SCRIPT.search(body)
    assert not INLINE_HANDLER.search(body)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda w: "/",
        lambda w: f"/cases/{w.case_a.pk}/",
        lambda w: "/cases/export.csv",
        lambda w: f"/cases/{w.case_a.pk}/documents/approval-form.pdf",
        lambda w: f"/api/v1/cases/{w.case_a.pk}/",
        lambda w: "/api/v1/offenders/",
    ],
    ids=["my-work", "case-page", "csv", "pdf", "api-detail", "api-list"],
)
def test_signed_in_pages_api_and_downloads_are_not_stored(world, url_of) -> None:
    response = world.client_for(world.clerk_a).get(url_of(world))
    assert response.status_code == 200, response.status_code
    assert "no-store" in response.headers["Cache-Control"]


def test_evidence_download_is_not_stored(world) -> None:
    from cases.services.workflow import evidence_upload

    evidence = evidence_upload(
        case_id=world.case_a.pk,
        actor=world.clerk_a,
        kind="medical_record",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    response = world.client_for(world.clerk_a).get(
        f"/cases/{world.case_a.pk}/evidence/{evidence.pk}/"
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_anonymous_api_answer_is_not_stored_either() -> None:
    response = Client().get("/api/v1/cases/")
    assert response.status_code in (401, 403)
    assert "no-store" in response.headers["Cache-Control"]


def test_api_schema_and_docs_need_a_signed_in_user(world) -> None:
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code in (401, 403)
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and "/accounts/login/" in docs["Location"]
    signed_in = world.client_for(world.clerk_a)
    assert signed_in.get("/api/schema/").status_code == 200
    assert signed_in.get("/api/docs/").status_code == 200


def test_api_schema_accepts_an_api_token(world) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.clerk_a)
    response = Client().get("/api/schema/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_forwarded_scheme_is_ignored_from_an_untrusted_address(settings, world) -> None:
    settings.TEOP_TRUSTED_PROXIES = ["10.10.0.2/32"]
    from django.http import HttpRequest

    from kernel.security.middleware import TrustedProxyMiddleware

    seen: list[HttpRequest] = []

    def view(request):
        seen.append(request)
        from django.http import HttpResponse

        return HttpResponse()

    middleware = TrustedProxyMiddleware(view)
    request = HttpRequest()
    request.META = {
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_REAL_IP": "198.51.100.1",
    }
    middleware(request)
    assert "HTTP_X_FORWARDED_PROTO" not in seen[0].META
    assert seen[0].META["REMOTE_ADDR"] == "203.0.113.9"

    trusted = HttpRequest()
    trusted.META = {
        "REMOTE_ADDR": "10.10.0.2",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_REAL_IP": "198.51.100.1",
    }
    middleware(trusted)
    assert seen[1].META["HTTP_X_FORWARDED_PROTO"] == "https"
    assert seen[1].META["REMOTE_ADDR"] == "198.51.100.1"
