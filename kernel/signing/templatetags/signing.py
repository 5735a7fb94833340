"""`{% document_signature_report document as report %}`, used by signing/_signature_status.html."""

from __future__ import annotations

from django import template

from kernel.documents.models import GeneratedDocument
from kernel.signing.pdf import SignatureReport
from kernel.signing.services import document_signature_status

register = template.Library()


@register.simple_tag
def document_signature_report(document: GeneratedDocument | None) -> SignatureReport | None:
    """Verify the document's stored signature (a read; nothing is written)."""
    if document is None:
        return None
    return document_signature_status(document)
