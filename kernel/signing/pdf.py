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

Status = Literal["valid", "untrusted", "invalid", "unsigned"]


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

STATUS_LABELS = {
    "valid": _("valid"),
    "untrusted": _("signer not trusted"),
    "invalid": _("invalid"),
    "unsigned": _("not signed"),
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


def pdf_verify(
    pdf: bytes, *, trust_roots: Sequence[asn1_x509.Certificate] | None = None
) -> SignatureReport:
    """Verify every signature in `pdf`; report on the last one. Never raises on bad input.

    `trust_roots` defaults to the key store's (kernel/signing/keystore.py trust_roots).
    """
    if trust_roots is None:
        from .keystore import trust_roots as keystore_trust_roots

        trust_roots = keystore_trust_roots()
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception:  # any parse failure means the file is not a document to rely on
        logger.debug("PDF could not be parsed for verification", exc_info=True)
        return SignatureReport(status="invalid", message=MESSAGE_UNREADABLE)
    if not embedded:
        return _unsigned()
    report = _unsigned()
    for signature in embedded:
        report = _verify_one(signature, trust_roots)
        if report.status == "invalid":
            return report
    return report


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
