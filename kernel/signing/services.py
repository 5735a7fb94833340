"""Signing an issued document with its organisation's key, and checking a stored signature."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.audit.services import audit_record
from kernel.documents.models import GeneratedDocument

from .keystore import certificate_facts, signer_for
from .models import DocumentSignature
from .otp import second_factor_verify
from .pdf import MESSAGE_UNSIGNED, SignatureReport, pdf_sign, pdf_verify


@transaction.atomic
def document_sign(
    *, document: GeneratedDocument, actor: Any, otp_code: str, reason: str
) -> DocumentSignature:
    """Sign `document` for its issuing organisation, confirmed by the actor's one-time password.

    A decision to allow temporary execution outside prison is made in writing by the deciding
    organ (P2014 Art 14); the organisation's digital signature on the issued PDF lets anyone
    check who issued it and that it was not altered. It is reliable only if the key is under
    the signer's control and any change is detectable (Electronic Signature Law of the PRC
    Art 13): hence the second factor here and PAdES in `pdf_sign`.
    """
    organisation = document.issuing_organisation
    if actor.organisation_id != organisation.pk:
        raise PermissionDenied(
            _("Only a member of %(organisation)s can sign its document %(document)s.")
            % {"organisation": organisation, "document": document.number}
        )
    # Lock the document so that two signers at once cannot both sign it.
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if DocumentSignature.objects.filter(document=document).exists():
        raise ValidationError(_("This document is already signed."))
    # A wrong code raises `SecondFactorRefused` and writes nothing here: the deciding service
    # is wrapped in `otp.second_factor_failures_recorded`, which counts it after the rollback.
    second_factor_verify(user=actor, code=otp_code, purpose="sign")

    signer = signer_for(organisation)
    with document.file.open("rb") as handle:
        original = handle.read()
    signed = pdf_sign(
        original,
        signer=signer,
        reason=reason,
        location=organisation.name,
    )
    digest = hashlib.sha256(signed).hexdigest()
    facts = certificate_facts(signer.signing_cert)
    signature = DocumentSignature(
        document=document,
        sha256=digest,
        size=len(signed),
        signed_by=actor,
        organisation=organisation,
        signed_at=timezone.now(),
        certificate_subject=facts["subject"][:400],
        certificate_serial=facts["serial"][:80],
        certificate_sha256=facts["sha256"],
        second_factor=DocumentSignature.SecondFactorKind.TOTP,
    )
    signature.signed_file.save(f"{digest[:16]}.pdf", ContentFile(signed), save=False)
    signature.save()
    audit_record(
        actor=actor,
        action="document.signed",
        obj=document,
        reason=reason,
        payload={"sha256": digest, "certificate_sha256": facts["sha256"]},
    )
    return signature


def document_signature_status(document: GeneratedDocument) -> SignatureReport:
    """Verify the stored signed copy of `document` ("unsigned" if there is none)."""
    signature = DocumentSignature.objects.filter(document=document).first()
    if signature is None:
        return SignatureReport(status="unsigned", message=MESSAGE_UNSIGNED)
    try:
        with signature.signed_file.open("rb") as handle:
            content = handle.read()
    except OSError:
        content = b""
    return pdf_verify(content)
