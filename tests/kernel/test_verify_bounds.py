"""Anyone may check a signature at /verify/, so no upload can take the server down (issue #9
item 2): the size is refused before the body is read, a file with more revisions than a genuine
document is refused before anything parses it, the check runs in a child process killed at a
time limit, few run at once, and each address may upload only a few files a minute."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import threading
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import requests
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from kernel.accounts.models import Organisation
from kernel.accounts.roles import Level, OrganisationType
from kernel.documents.pdf import render_pdf
from kernel.signing import pdf as signing_pdf
from kernel.signing import verification
from kernel.signing.keystore import demo_ca_ensure, signer_for
from kernel.signing.pdf import TooManyRevisions, pdf_sign, pdf_verify

from . import slow_verification

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """The upload counts live in the default cache: every test starts, and leaves, at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keystore_dir(tmp_path: Path, settings: Any) -> Path:
    directory = tmp_path / "keystore"
    settings.SIGNING_KEYSTORE_DIR = directory
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_ca_ensure()
    return directory


@functools.cache
def _unsigned_decision() -> bytes:
    return render_pdf(
        "notice",
        {
            "addressee": "杭州市西湖区社区矫正机构",
            "paragraphs": ["罪犯张三经批准暂予监外执行，请依法接收并实施社区矫正。"],
            "facts": [("姓名", "张三")],
            "document_title": "暂予监外执行决定书",
            "document_number": "浙狱管决〔2026〕1号",
            "issuing_organisation": "省监狱管理局",
            "issued_on": dt.date(2026, 11, 23),
        },
    )


@pytest.fixture
def signed_decision(keystore_dir: Path) -> bytes:
    """A decision as this system issues it: the rendered PDF plus its signature (2 revisions)."""
    organisation = Organisation(
        name="省监狱管理局",
        type=OrganisationType.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="330000",
    )
    return pdf_sign(
        _unsigned_decision(), signer=signer_for(organisation), reason="批准", location="杭州"
    )


def append_empty_updates(pdf: bytes, count: int) -> bytes:
    """The attack of issue #9: `count` empty incremental updates appended to a signed file,
    each an empty cross-reference table whose trailer points at the previous one. pyHanko
    still reports such a file valid, after work that grows about quadratically with `count`."""
    size = int(re.findall(rb"/Size (\d+)", pdf)[-1])
    root = re.findall(rb"/Root (\d+ \d+ R)", pdf)[-1]
    info = re.findall(rb"/Info (\d+ \d+ R)", pdf)[-1]
    ids = re.findall(rb"/ID \[[^\]]*\]", pdf)[-1]
    previous = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    out = bytearray(pdf)
    for _ in range(count):
        here = len(out) + 1
        out += (
            b"\nxref\n0 0\ntrailer\n<< /Size %d /Root %s /Info %s %s /Prev %d >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (size, root, info, ids, previous, here)
        )
        previous = here
    return bytes(out)


def _upload(content: bytes) -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile("decision.pdf", content, content_type="application/pdf")}


def _english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the file reached the signature check")


class TrippingStream:
    """A request body that fails the test if more than `allowed` bytes of it are read."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else size
        self.read_bytes += size
        assert self.read_bytes <= self.allowed, f"{self.read_bytes} bytes of the body were read"
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _unread_post(client: Client, declared: int, stream: TrippingStream) -> Any:
    return client.request(
        REQUEST_METHOD="POST",
        PATH_INFO="/verify/",
        CONTENT_TYPE="multipart/form-data; boundary=teop-boundary",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": stream},
    )


# -- what a genuine file gets -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_signed_decision_is_checked_in_a_child_process_and_shown_valid(
    signed_decision: bytes,
) -> None:
    response = _english().post("/verify/", _upload(signed_decision))
    assert response.status_code == 200
    assert response.context["report"].status == "valid"
    assert "省监狱管理局" in response.content.decode()


@pytest.mark.django_db
def test_a_decision_with_20_revisions_is_still_checked(signed_decision: bytes) -> None:
    at_the_limit = append_empty_updates(signed_decision, 18)
    assert signing_pdf.pdf_revision_count(at_the_limit) == 20
    response = _english().post("/verify/", _upload(at_the_limit))
    assert response.status_code == 200
    assert response.context["report"].status == "valid"


# -- revisions ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_decision_with_4000_appended_updates_is_refused_before_anything_parses_it(
    signed_decision: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    attack = append_empty_updates(signed_decision, 4000)
    assert len(attack) < 1 * MB  # small enough for any size limit: the revisions are the cost
    monkeypatch.setattr(signing_pdf, "validate_pdf_signature", _never)
    monkeypatch.setattr(signing_pdf, "PdfFileReader", _never)
    monkeypatch.setattr(verification, "pdf_verify_isolated", _never)

    response = _english().post("/verify/", _upload(attack))

    assert response.status_code == 400
    assert response.context["report"] is None
    page = response.content.decode()
    assert "This file holds 4002 revisions" in page
    assert "files with more than 20 are not checked" in page


@pytest.mark.django_db
def test_the_revision_refusal_reads_in_chinese_by_default(signed_decision: bytes) -> None:
    response = Client().post("/verify/", _upload(append_empty_updates(signed_decision, 30)))
    assert response.status_code == 400
    assert "32" in response.content.decode()
    assert "修订" in response.content.decode()


@pytest.mark.django_db
def test_revisions_hidden_from_the_byte_count_are_refused_by_the_parsed_count(
    signed_decision: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A crafted file can hide its markers from the byte count (escaped names, no startxref):
    # the child counts again from the parsed cross-reference history before validating.
    monkeypatch.setattr("kernel.signing.forms.pdf_revision_count", lambda pdf: 2)
    response = _english().post("/verify/", _upload(append_empty_updates(signed_decision, 40)))
    assert response.status_code == 400
    assert "This file holds 42 revisions" in response.content.decode()


def test_pdf_verify_with_a_revision_cap_refuses_before_validation(
    signed_decision: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signing_pdf, "validate_pdf_signature", _never)
    with pytest.raises(TooManyRevisions) as refusal:
        pdf_verify(append_empty_updates(signed_decision, 100), max_revisions=20)
    assert refusal.value.count == 102


# -- size ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_200_mb_body_is_refused_before_it_is_read(settings: Any) -> None:
    stream = TrippingStream(allowed=4 * 1024)
    # CSRF checks on with a CSRF cookie, as a visitor of the page has: the CSRF check parses
    # the form, and that parsing must not start on such a body.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_token(RequestFactory().get("/"))
    response = _unread_post(client, 200 * MB, stream)
    assert response.status_code == 413
    assert stream.read_bytes == 0
    assert "文件过大" in response.content.decode()


@pytest.mark.django_db
def test_a_file_over_the_limit_in_a_modest_body_stops_the_upload(
    keystore_dir: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TEOP_VERIFY_MAX_BYTES = 8 * 1024
    monkeypatch.setattr(verification, "pdf_verify_isolated", _never)
    response = _english().post("/verify/", _upload(b"%PDF-1.7\n" + b"0" * 30 * 1024))
    assert response.status_code == 400
    assert "The file is too large: at most 8.0" in response.content.decode()


# -- time ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_check_past_the_time_limit_answers_not_checked_in_time_and_its_child_is_gone(
    signed_decision: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TEOP_VERIFY_TIME_LIMIT_SECONDS = 0.5
    monkeypatch.setattr(signing_pdf, "_verify_in_child", slow_verification.sleep_past_the_limit)
    children: list[int] = []
    stop = signing_pdf._child_stop

    def stop_and_note(process: Any) -> None:
        children.append(process.pid)
        stop(process)

    monkeypatch.setattr(signing_pdf, "_child_stop", stop_and_note)

    response = _english().post("/verify/", _upload(signed_decision))

    assert response.status_code == 200
    assert response.context["report"].status == "timeout"
    page = response.content.decode()
    assert 'data-status="timeout"' in page
    assert "could not be checked in time (the limit is 0.5 seconds)" in page
    (pid,) = children
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.django_db
def test_the_time_limit_answer_reads_in_chinese_by_default(
    signed_decision: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TEOP_VERIFY_TIME_LIMIT_SECONDS = 0.5
    monkeypatch.setattr(signing_pdf, "_verify_in_child", slow_verification.sleep_past_the_limit)
    page = Client().post("/verify/", _upload(signed_decision)).content.decode()
    assert "未能在时限内完成核验" in page


# -- how many, how often ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_eleventh_upload_in_a_minute_from_one_address_gets_429(settings: Any) -> None:
    settings.TEOP_VERIFY_UPLOADS_PER_MINUTE = 10
    client = _english()
    for _ in range(10):
        response = client.post("/verify/", _upload(b"not a pdf"))
        assert response.status_code == 400
    refused = _unread_post(client, 1024, stream := TrippingStream(allowed=0))
    assert refused.status_code == 429
    assert stream.read_bytes == 0
    assert refused["Retry-After"] == "60"
    assert "at most 10 a minute" in refused.content.decode()
    # Reading the page is not limited, and another address is counted on its own.
    assert client.get("/verify/").status_code == 200
    other = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="10.9.8.7")
    assert other.post("/verify/", _upload(b"not a pdf")).status_code == 400


@pytest.mark.django_db
def test_when_every_verification_slot_is_taken_the_answer_is_503(
    signed_decision: bytes, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TEOP_VERIFY_CONCURRENCY = 1
    monkeypatch.setattr(verification, "pdf_verify_isolated", _never)
    with verification._slots.take() as free:
        assert free
        response = _english().post("/verify/", _upload(signed_decision))
    assert response.status_code == 503
    assert "busy" in response.content.decode()


# -- the site keeps answering -------------------------------------------------------------------


def test_the_site_answers_other_requests_while_a_slow_verification_runs(
    live_server: Any,
    signed_decision: bytes,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.TEOP_VERIFY_TIME_LIMIT_SECONDS = 120
    monkeypatch.setattr(signing_pdf, "_verify_in_child", slow_verification.wait_for_release)
    started, release = tmp_path / "started", tmp_path / "release"
    upload = signed_decision + b"\n%%started=%s\n%%release=%s\n" % (
        str(started).encode(),
        str(release).encode(),
    )
    base = live_server.url
    uploader = requests.Session()
    uploader.get(f"{base}/verify/", timeout=30)
    answers: list[requests.Response] = []

    def slow_upload() -> None:
        answers.append(
            uploader.post(
                f"{base}/verify/",
                data={"csrfmiddlewaretoken": uploader.cookies["csrftoken"]},
                files={"file": ("decision.pdf", BytesIO(upload), "application/pdf")},
                headers={"Accept-Language": "en"},
                timeout=120,
            )
        )

    thread = threading.Thread(target=slow_upload)
    thread.start()
    try:
        for _ in range(3000):  # until the check has started in its child process
            if started.exists():
                break
            time.sleep(0.02)
        assert started.exists()

        assert requests.get(f"{base}/verify/", timeout=30).status_code == 200
        assert requests.get(f"{base}/accounts/login/", timeout=30).status_code == 200
        assert thread.is_alive()  # the slow check was still running meanwhile
    finally:
        release.write_text("go")
        thread.join(120)
    (answer,) = answers
    assert answer.status_code == 200
    assert 'data-status="unsigned"' in answer.text
