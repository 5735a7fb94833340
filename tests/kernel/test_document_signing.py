"""Decisions are signed by the deciding organisation (P2014 Art 14) with a signature anyone can
check, and any change after signing is detected (Electronic Signature Law of the PRC Art 13)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client

from kernel.accounts.models import Organisation
from kernel.accounts.roles import Level, OrganisationType
from kernel.audit.models import AuditEvent
from kernel.documents.models import GeneratedDocument
from kernel.documents.pdf import render_pdf
from kernel.documents.services import document_issue
from kernel.signing import keystore
from kernel.signing.keystore import SigningUnavailable, demo_ca_ensure, signer_for
from kernel.signing.models import DocumentSignature
from kernel.signing.otp import second_factor_demo_setup, totp_code
from kernel.signing.pdf import pdf_sign, pdf_verify
from kernel.signing.services import document_sign, document_signature_status

CONTEXT = {
    "addressee": "杭州市西湖区社区矫正机构",
    "paragraphs": ["罪犯张三经批准暂予监外执行，请依法接收并实施社区矫正。"],
    "facts": [("姓名", "张三"), ("刑期届满日", "2031年12月31日")],
}


def _organisation(name: str = "省监狱管理局") -> Organisation:
    # Unsaved: the key store needs only the name, type and division code.
    return Organisation(
        name=name,
        type=OrganisationType.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="330000",
    )


@functools.cache
def _unsigned_pdf() -> bytes:
    return render_pdf(
        "notice",
        {
            **CONTEXT,
            "document_title": "暂予监外执行决定书",
            "document_number": "浙狱管决〔2026〕1号",
            "issuing_organisation": "省监狱管理局",
            "issued_on": dt.date(2026, 11, 23),
        },
    )


@pytest.fixture
def keystore_dir(tmp_path: Path, settings) -> Path:
    directory = tmp_path / "keystore"
    settings.SIGNING_KEYSTORE_DIR = directory
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_ca_ensure()
    return directory


@pytest.fixture
def signed_pdf(keystore_dir: Path) -> bytes:
    return pdf_sign(
        _unsigned_pdf(),
        signer=signer_for(_organisation()),
        reason="暂予监外执行决定",
        location="杭州",
    )


def _byte_range(pdf: bytes) -> tuple[int, int, int, int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert match, "the signed PDF has a /ByteRange"
    a, b, c, d = (int(x) for x in match.groups())
    return a, b, c, d


def _flip(pdf: bytes, position: int) -> bytes:
    changed = bytearray(pdf)
    changed[position] ^= 0x01
    return bytes(changed)


# -- signing and verifying bytes ----------------------------------------------------------------


def test_signed_pdf_is_valid_and_names_the_signer(signed_pdf: bytes) -> None:
    report = pdf_verify(signed_pdf)
    assert report.status == "valid"
    assert report.signer == "省监狱管理局"
    assert report.organisation == "省监狱管理局"
    assert report.covers_whole_document is True
    assert report.signed_at is not None
    assert "省监狱管理局" in str(report.message)


def test_one_changed_byte_in_a_content_stream_makes_the_signature_invalid(
    signed_pdf: bytes, english
) -> None:
    start, length, _, _ = _byte_range(signed_pdf)
    # The first content stream of the original document, well inside the signed range.
    stream_at = signed_pdf.index(b"stream", signed_pdf.index(b"/Length")) + len(b"stream\n") + 8
    assert start <= stream_at < start + length
    report = pdf_verify(_flip(signed_pdf, stream_at))
    assert report.status == "invalid"
    # Detected by the digest, not by a parse failure: the signer is still read.
    assert report.signer == "省监狱管理局"
    assert "changed" in str(report.message)


@pytest.mark.parametrize("where", ["header comment", "middle", "just before the signature"])
def test_one_changed_byte_anywhere_in_the_signed_range_makes_it_invalid(
    signed_pdf: bytes, where: str
) -> None:
    start, length, _, _ = _byte_range(signed_pdf)
    position = {
        "header comment": 10,
        "middle": start + length // 2,
        "just before the signature": start + length - 40,
    }[where]
    assert pdf_verify(_flip(signed_pdf, position)).status == "invalid"


def test_a_pdf_without_signature_is_unsigned(keystore_dir: Path, english) -> None:
    report = pdf_verify(_unsigned_pdf())
    assert report.status == "unsigned"
    assert report.signer == ""
    assert str(report.message) == "The document carries no digital signature."


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b"%PDF-1.7\nnot really a pdf", b"\x00" * 1000],
    ids=["empty", "garbage", "fake header", "zeros"],
)
def test_garbage_is_invalid_without_an_exception(keystore_dir: Path, content: bytes) -> None:
    assert pdf_verify(content).status == "invalid"


def test_a_truncated_signed_pdf_is_invalid(signed_pdf: bytes) -> None:
    assert pdf_verify(signed_pdf[: len(signed_pdf) // 2]).status == "invalid"
    assert pdf_verify(signed_pdf[:-200]).status == "invalid"


def test_a_damaged_signature_value_is_invalid(signed_pdf: bytes) -> None:
    _, length, contents_end, _ = _byte_range(signed_pdf)
    # /Contents <hex> is the one part outside the signed range; the CMS blob ends with the
    # signature value, followed by zero padding.
    hex_blob = signed_pdf[length + 1 : contents_end - 1]
    last = length + 1 + len(hex_blob.rstrip(b"0")) - 6
    damaged = bytearray(signed_pdf)
    damaged[last] = ord("1") if damaged[last] != ord("1") else ord("2")
    assert pdf_verify(bytes(damaged)).status == "invalid"


def test_a_certificate_from_another_authority_is_untrusted(
    tmp_path: Path, settings, keystore_dir: Path, english
) -> None:
    settings.SIGNING_KEYSTORE_DIR = tmp_path / "elsewhere"
    demo_ca_ensure()
    foreign = pdf_sign(
        _unsigned_pdf(), signer=signer_for(_organisation("某地伪造机关")), reason="x", location="y"
    )
    foreign_ca = (tmp_path / "elsewhere" / "ca.pem").read_bytes()

    settings.SIGNING_KEYSTORE_DIR = keystore_dir
    report = pdf_verify(foreign)
    assert report.status == "untrusted"
    assert report.signer == "某地伪造机关"
    assert "not issued by a trusted authority" in str(report.message)

    # An authority placed in trust/ is trusted.
    (keystore_dir / "trust").mkdir()
    (keystore_dir / "trust" / "other.pem").write_bytes(foreign_ca)
    assert pdf_verify(foreign).status == "valid"


def test_keys_are_issued_once_and_kept(keystore_dir: Path) -> None:
    organisation = _organisation()
    first = keystore.organisation_certificate_ensure(organisation)
    content = first.read_bytes()
    assert keystore.organisation_certificate_ensure(organisation) == first
    assert first.read_bytes() == content
    assert first.name.startswith("org-") and first.suffix == ".p12"
    assert (first.stat().st_mode & 0o077) == 0  # private to the service account
    ca = (keystore_dir / "ca.pem").read_bytes()
    demo_ca_ensure()
    assert (keystore_dir / "ca.pem").read_bytes() == ca


def test_without_key_and_authority_signing_is_unavailable_naming_the_organisation(
    tmp_path: Path, settings
) -> None:
    settings.SIGNING_KEYSTORE_DIR = tmp_path / "empty"
    with pytest.raises(SigningUnavailable, match="省监狱管理局"):
        signer_for(_organisation())


# -- signing an issued document ----------------------------------------------------------------


@pytest.fixture
def decision(world, keystore_dir: Path) -> GeneratedDocument:
    return _issue(world, "浙狱管决〔2026〕1号")


def _issue(world, number: str) -> GeneratedDocument:
    return document_issue(
        template="notice",
        context=CONTEXT,
        number=number,
        title="暂予监外执行决定书",
        issuing_organisation=world.pab,
        issued_on=dt.date(2026, 11, 23),
        actor=world.approver,
    )


@pytest.fixture
def approver_code(world) -> str:
    (factor,) = second_factor_demo_setup([world.approver])
    return totp_code(factor.secret)


def _file_sha256(document: GeneratedDocument) -> str:
    with document.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_the_approver_signs_the_decision_with_a_one_time_password(
    world, decision: GeneratedDocument, approver_code: str
) -> None:
    signature = document_sign(
        document=decision, actor=world.approver, otp_code=approver_code, reason="批准"
    )
    assert signature.organisation == world.pab
    assert signature.signed_by == world.approver
    assert signature.second_factor == "totp"
    with signature.signed_file.open("rb") as handle:
        signed = handle.read()
    assert hashlib.sha256(signed).hexdigest() == signature.sha256
    assert signature.size == len(signed)
    assert "省监狱管理局" in signature.certificate_subject
    assert len(signature.certificate_sha256) == 64
    # The issued file itself is kept as issued.
    assert _file_sha256(decision) == decision.sha256
    assert document_signature_status(decision).status == "valid"
    event = AuditEvent.objects.get(action="document.signed")
    assert event.object_id == str(decision.pk)
    assert event.actor_id == world.approver.pk
    assert event.payload == {
        "sha256": signature.sha256,
        "certificate_sha256": signature.certificate_sha256,
    }


def test_a_wrong_one_time_password_is_refused_and_nothing_is_stored(
    world, decision: GeneratedDocument, approver_code: str, english
) -> None:
    wrong = f"{(int(approver_code) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError, match="wrong or has expired"):
        document_sign(document=decision, actor=world.approver, otp_code=wrong, reason="批准")
    assert not DocumentSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="document.signed").exists()
    assert _file_sha256(decision) == decision.sha256
    assert document_signature_status(decision).status == "unsigned"


def test_a_replayed_one_time_password_is_refused(
    world, approver_code: str, keystore_dir, english
) -> None:
    first = _issue(world, "浙狱管决〔2026〕1号")
    second = _issue(world, "浙狱管决〔2026〕2号")
    document_sign(document=first, actor=world.approver, otp_code=approver_code, reason="批准")
    with pytest.raises(ValidationError, match="wrong or has expired"):
        document_sign(document=second, actor=world.approver, otp_code=approver_code, reason="批准")
    assert DocumentSignature.objects.count() == 1


def test_a_member_of_another_organisation_cannot_sign(world, decision: GeneratedDocument) -> None:
    (factor,) = second_factor_demo_setup([world.mps_approver])
    with pytest.raises(PermissionDenied, match="省监狱管理局"):
        document_sign(
            document=decision,
            actor=world.mps_approver,
            otp_code=totp_code(factor.secret),
            reason="批准",
        )
    assert not DocumentSignature.objects.exists()


def test_signing_needs_a_confirmed_second_factor(world, decision: GeneratedDocument) -> None:
    with pytest.raises(ValidationError, match="/account/second-factor/"):
        document_sign(document=decision, actor=world.approver, otp_code="123456", reason="批准")


def test_a_signed_document_is_not_signed_twice(
    world, decision: GeneratedDocument, approver_code: str, english
) -> None:
    document_sign(document=decision, actor=world.approver, otp_code=approver_code, reason="批准")
    with pytest.raises(ValidationError, match="already signed"):
        document_sign(document=decision, actor=world.approver, otp_code="000000", reason="批准")


def test_demo_setup_issues_certificates_to_deciding_organisations_only(
    world, keystore_dir: Path
) -> None:
    call_command("signing_demo_setup")
    for organisation in (world.pab, world.mpsb, world.court):
        assert keystore.organisation_keyfile(organisation).exists()
    for organisation in (world.prison_a, world.proc_a, world.hospital):
        assert not keystore.organisation_keyfile(organisation).exists()
    assert any("Found certificate" in line for line in keystore.signing_demo_setup())


# -- the status shown on the decision page ------------------------------------------------------


def test_signature_status_include_shows_not_signed_then_valid(
    world, decision: GeneratedDocument, approver_code: str, english
) -> None:
    html = render_to_string("signing/_signature_status.html", {"document": decision})
    assert "Not yet signed" in html
    document_sign(document=decision, actor=world.approver, otp_code=approver_code, reason="批准")
    html = render_to_string("signing/_signature_status.html", {"document": decision})
    assert "Digitally signed by 省监狱管理局" in html
    assert 'data-status="valid"' in html


# -- verification by anyone ---------------------------------------------------------------------


def _upload(content: bytes, name: str = "decision.pdf") -> dict[str, SimpleUploadedFile]:
    return {"file": SimpleUploadedFile(name, content, content_type="application/pdf")}


@pytest.mark.django_db
def test_anyone_can_open_the_verification_page(keystore_dir: Path) -> None:
    response = Client().get("/verify/")
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


@pytest.mark.django_db
def test_anonymous_upload_of_the_signed_file_shows_valid(signed_pdf: bytes, english) -> None:
    response = Client().post("/verify/", _upload(signed_pdf))
    assert response.status_code == 200
    assert response.context["report"].status == "valid"
    assert b'data-status="valid"' in response.content
    assert "省监狱管理局" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_upload_of_a_tampered_file_shows_invalid(signed_pdf: bytes, english) -> None:
    start, length, _, _ = _byte_range(signed_pdf)
    response = Client().post("/verify/", _upload(_flip(signed_pdf, start + length // 3)))
    assert response.status_code == 200
    assert response.context["report"].status == "invalid"
    assert b'data-status="invalid"' in response.content


@pytest.mark.django_db
def test_verification_refuses_a_file_that_is_not_a_pdf(keystore_dir: Path, english) -> None:
    response = Client().post("/verify/", _upload(b"PK\x03\x04 a zip file", "decision.docx"))
    assert response.status_code == 400
    assert response.context["report"] is None
    assert "这不是PDF文件" in response.content.decode()


@pytest.mark.django_db
def test_verification_refuses_a_file_over_the_limit(keystore_dir: Path, settings, english) -> None:
    settings.TEOP_MAX_UPLOAD_BYTES = 1024
    response = Client().post("/verify/", _upload(b"%PDF-1.7\n" + b"0" * 2048))
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_without_a_keystore_passphrase_signing_is_refused(tmp_path: Path, settings) -> None:
    settings.SIGNING_KEYSTORE_DIR = tmp_path / "keystore"
    settings.SIGNING_KEYSTORE_PASSPHRASE = ""
    with pytest.raises(SigningUnavailable, match="TEOP_SIGNING_KEYSTORE_PASSPHRASE"):
        demo_ca_ensure()
