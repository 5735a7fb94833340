"""Signing a PDF (PAdES baseline) and verifying one: pure functions on bytes.

An electronic signature is reliable when the signing key was under the signer's sole control
and any later change to the signature or to the document can be detected (Electronic Signature
Law of the PRC Art 13). PAdES signs a digest of the whole file except the signature itself;
verification recomputes it, so a single changed byte is found.

Verification never fetches anything from the network: the system runs on closed government
networks, and the trust roots come from the key store.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any, Literal

from asn1crypto import x509 as asn1_x509
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

Status = Literal["valid", "untrusted", "invalid", "unsigned", "timeout"]


def _interpolate(message: Any, params: dict[str, Any]) -> str:
    return str(message) % params


# `gettext_lazy(...) % params` would translate at once, in whatever language is active when
# the report is built; this keeps the message lazy until it is shown.
_lazy_interpolate = lazy(_interpolate, str)

MESSAGE_VALID = _(
    "The signature is valid: the document has not been changed since %(signer)s signed it."
)
MESSAGE_INVALID = _(
    "The document was changed after it was signed, or the signature is damaged: do not rely on it."
)
MESSAGE_UNSIGNED = _("The document carries no digital signature.")
MESSAGE_UNTRUSTED = _(
    "The signature is intact but its certificate is not issued by a trusted authority."
)
MESSAGE_UNREADABLE = _("The file cannot be read as a PDF document: do not rely on it.")
MESSAGE_TIMEOUT = _(
    "The document could not be checked in time (the limit is %(seconds)s seconds), so nothing "
    "is known about its signature: do not rely on it until it has been checked. Try again "
    "later, or ask the organisation that issued it."
)

STATUS_LABELS = {
    "valid": _("valid"),
    "untrusted": _("signer not trusted"),
    "invalid": _("invalid"),
    "unsigned": _("not signed"),
    "timeout": _("not checked in time"),
}


@dataclass(frozen=True)
class SignatureReport:
    """What verification found, for a person deciding whether to rely on the document."""

    status: Status
    message: Any  # a lazy translation, rendered in the reader's language
    signer: str = ""
    organisation: str = ""
    signed_at: dt.datetime | None = None
    covers_whole_document: bool = False

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status]


def pdf_sign(
    pdf: bytes,
    *,
    signer: signers.Signer,
    reason: str,
    location: str,
    field_name: str = "Signature1",
) -> bytes:
    """Append a PAdES baseline signature (invisible field) as an incremental update."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    output = _outside_event_loop(signers.PdfSigner(metadata, signer=signer).sign_pdf, writer)
    return bytes(output.getvalue())


def _name_part(certificate: asn1_x509.Certificate, part: str) -> str:
    value = certificate.subject.native.get(part, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value)


def _unsigned() -> SignatureReport:
    return SignatureReport(status="unsigned", message=MESSAGE_UNSIGNED)


class TooManyRevisions(Exception):
    """The file has more revisions (incremental updates) than verification accepts."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


# A revision ends with `startxref <offset> %%EOF`; its cross-reference section is a table
# (`xref` keyword) or a stream (`/Type /XRef`). Counting each marker over the raw bytes costs
# about a millisecond per megabyte, before anything is parsed.
_REVISION_MARKERS = (
    re.compile(rb"startxref"),
    re.compile(rb"%%EOF"),
    re.compile(rb"(?<![A-Za-z])xref(?![A-Za-z])"),
    re.compile(rb"/XRef(?![A-Za-z])"),
)


def pdf_revision_count(pdf: bytes) -> int:
    """How many revisions `pdf` holds at least, counted over the raw bytes without parsing.

    A decision issued and signed by this system has 2 (the issued file, then the signature as
    an incremental update). pyHanko's check of incremental updates grows about quadratically
    with their number (4,000 empty updates: minutes of CPU), so callers refuse a file whose
    count is far above what a genuine document has before any parsing starts. The count can
    be evaded by a crafted file (escaped names, revisions without `startxref`): `pdf_verify`
    with `max_revisions` then counts again from the parsed cross-reference history.
    """
    return max(len(marker.findall(pdf)) for marker in _REVISION_MARKERS)


def pdf_verify(
    pdf: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate] | None = None,
    max_revisions: int | None = None,
) -> SignatureReport:
    """Verify every signature in `pdf`; report on the last one. Never raises on bad input,
    except `TooManyRevisions` when `max_revisions` is given and the file has more.

    `trust_roots` defaults to the key store's (kernel/signing/keystore.py trust_roots).
    """
    if trust_roots is None:
        from .keystore import trust_roots as keystore_trust_roots

        trust_roots = keystore_trust_roots()
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        revisions = reader.xrefs.total_revisions
        too_many = max_revisions is not None and revisions > max_revisions
        embedded = [] if too_many else reader.embedded_signatures
    except Exception:  # any parse failure means the file is not a document to rely on
        logger.debug("PDF could not be parsed for verification", exc_info=True)
        return SignatureReport(status="invalid", message=MESSAGE_UNREADABLE)
    if too_many:
        raise TooManyRevisions(revisions)
    if not embedded:
        return _unsigned()
    report = _unsigned()
    for signature in embedded:
        report = _verify_one(signature, trust_roots)
        if report.status == "invalid":
            return report
    return report


# -- verification of an untrusted file in a child process under a time limit ---------------------


def _verify_in_child(connection: Any, pdf: bytes, roots: list[bytes], max_revisions: int) -> None:
    """Runs in the child process: verify and send back the report (or the refusal)."""
    outcome: SignatureReport | TooManyRevisions
    try:
        certificates = [asn1_x509.Certificate.load(der) for der in roots]
        outcome = pdf_verify(pdf, trust_roots=certificates, max_revisions=max_revisions)
    except TooManyRevisions as refusal:
        outcome = refusal
    connection.send(outcome)
    connection.close()


_child_context: Any = None


def _context() -> Any:
    """A forkserver: each child is forked from a small single-threaded server that has
    pyHanko imported already, so starting one is cheap, and it is safe to start from a
    threaded web worker (a plain fork copies other threads' held locks)."""
    global _child_context
    if _child_context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        _child_context = context
    return _child_context


def pdf_verify_isolated(
    pdf: bytes,
    *,
    seconds: float,
    max_revisions: int,
    trust_roots: Sequence[asn1_x509.Certificate] | None = None,
) -> SignatureReport:
    """`pdf_verify` in a child process that is killed after `seconds`.

    For files from outside (anyone's upload at /verify/): however the file was crafted, the
    web worker waits at most `seconds` and then answers "could not be checked in time"; the
    work stops with the child. Raises `TooManyRevisions` like `pdf_verify`.
    """
    if trust_roots is None:
        from .keystore import trust_roots as keystore_trust_roots

        trust_roots = keystore_trust_roots()
    roots = [certificate.dump() for certificate in trust_roots]
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_verify_in_child, args=(sender, pdf, roots, max_revisions), daemon=True
    )
    outcome: Any = None
    try:
        process.start()
        sender.close()
        if receiver.poll(seconds):
            outcome = receiver.recv()
    except EOFError:  # the child died without answering (killed for memory, crashed)
        logger.warning("The verification child process ended without an answer")
        outcome = SignatureReport(status="invalid", message=MESSAGE_UNREADABLE)
    finally:
        receiver.close()
        _child_stop(process)
    if outcome is None:
        logger.warning("Verification of a %d-byte file stopped after %s s", len(pdf), seconds)
        message = _lazy_interpolate(MESSAGE_TIMEOUT, {"seconds": f"{seconds:g}"})
        return SignatureReport(status="timeout", message=message)
    if isinstance(outcome, TooManyRevisions):
        raise outcome
    assert isinstance(outcome, SignatureReport)
    return outcome


def _child_stop(process: Any) -> None:
    """Make sure the child is gone (terminated, then killed) and reaped."""
    if process.pid is None:  # never started
        return
    if process.is_alive():
        process.terminate()
        process.join(2)
    if process.is_alive():
        process.kill()
    process.join()
    process.close()


def _outside_event_loop(function: Any, *args: Any) -> Any:
    """pyHanko's synchronous signing and validation run an event loop of their own, which
    fails inside a thread already running one (an ASGI worker, Playwright's test thread):
    there the call runs in a worker thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _validate(signature: Any, context: ValidationContext) -> Any:
    return _outside_event_loop(validate_pdf_signature, signature, context)


def _verify_one(signature: Any, trust_roots: Sequence[asn1_x509.Certificate]) -> SignatureReport:
    try:
        context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)
        status = _validate(signature, context)
        certificate = status.signing_cert
        signer = _name_part(certificate, "common_name")
        organisation = _name_part(certificate, "organization_name")
        signed_at = status.signer_reported_dt or signature.self_reported_timestamp
        coverage = status.coverage
        modifications_ok = status.docmdp_ok is not False and not isinstance(
            status.diff_result, Exception
        )
    except Exception:  # a damaged signature can fail anywhere from ASN.1 parsing to CMS checks
        logger.debug("Signature could not be validated", exc_info=True)
        return SignatureReport(status="invalid", message=MESSAGE_INVALID)
    found = SignatureReport(
        status="invalid",
        message=MESSAGE_INVALID,
        signer=signer,
        organisation=organisation,
        signed_at=signed_at,
        covers_whole_document=coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )
    if not (status.intact and status.valid and modifications_ok):
        return found
    if not status.trusted:
        return replace(found, status="untrusted", message=MESSAGE_UNTRUSTED)
    message = _lazy_interpolate(MESSAGE_VALID, {"signer": signer or organisation})
    return replace(found, status="valid", message=message)
