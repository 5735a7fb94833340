"""Issuing a document: render, fingerprint, store, audit — in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import models, transaction

from kernel.accounts.models import Organisation
from kernel.audit.services import audit_record

from .models import GeneratedDocument
from .pdf import render_pdf


@transaction.atomic
def document_issue(
    *,
    template: str,
    context: dict[str, Any],
    number: str,
    title: str,
    issuing_organisation: Organisation,
    issued_on: dt.date,
    actor: Any,
    subject: models.Model | None = None,
) -> GeneratedDocument:
    """`subject`: the record the document is issued on, normally the case (the dossier reader
    lists a case's documents by it)."""
    content = render_pdf(
        template,
        {
            **context,
            "document_number": number,
            "document_title": title,
            "issuing_organisation": issuing_organisation,
            "issued_on": issued_on,
        },
        # A new number, so new HTML: the PDF is looked up (a preview of the very same text is
        # reused) but not kept; the stored file is what is served and fingerprinted from now on.
        keep=False,
    )
    digest = hashlib.sha256(content).hexdigest()
    document = GeneratedDocument(
        number=number,
        title=title,
        template=template,
        issuing_organisation=issuing_organisation,
        issued_on=issued_on,
        sha256=digest,
        size=len(content),
        created_by=getattr(actor, "username", "") or "system",
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
    )
    document.file.save(f"{digest[:16]}.pdf", ContentFile(content), save=False)
    document.save()
    audit_record(
        actor=actor,
        action="document.issued",
        obj=document,
        payload={"sha256": digest, "template": template},
    )
    return document
