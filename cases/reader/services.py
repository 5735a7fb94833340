"""The dossier reader (issue 13): every document of a case in one list, which pages each
reviewer opened, whether they opened them all, and the notes an organisation keeps.

A case's documents are its uploaded evidence (`cases.Evidence`) and the PDFs issued on it
(`kernel.documents.GeneratedDocument` whose subject is the case; the signed copy when signed):
two queries, whatever their number. Each is named by a key: "e<id>" or "g<id>".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone

from kernel.accounts.models import Organisation, User
from kernel.audit.services import audit_record
from kernel.documents.models import GeneratedDocument

from ..models import Case, Evidence
from .models import DocumentNote, DocumentReading, ReaderSetting

KEY_PATTERN = re.compile(r"^(?P<source>[eg])(?P<id>[1-9][0-9]{0,17})$")
#: The longest document the reader records pages of; longer ones are refused, not truncated.
MAX_PAGES = 5000
MAX_TAGS = 8
MAX_TAG_LENGTH = 30
CASE_SUBJECT = "cases.case"
GENERATED_KIND = "generated"


@dataclass(frozen=True)
class ReaderDocument:
    key: str
    title: str
    #: "evidence:<kind>" or "generated": what the kind filter matches.
    kind: str
    kind_label: str
    organisation_id: int | None
    organisation_name: str
    date: dt.date
    content_type: str
    signed: bool
    file: FieldFile = field(compare=False, repr=False)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def _evidence_documents(case: Case, pk: int | None = None) -> list[ReaderDocument]:
    rows = Evidence.objects.filter(case=case).select_related("uploaded_by__organisation")
    if pk is not None:
        rows = rows.filter(pk=pk)
    return [
        ReaderDocument(
            key=f"e{e.pk}",
            title=e.description or e.original_name,
            kind=f"evidence:{e.kind}",
            kind_label=e.get_kind_display(),
            organisation_id=e.uploaded_by.organisation_id,
            organisation_name=str(e.uploaded_by.organisation or ""),
            date=timezone.localdate(e.uploaded_at),
            content_type=e.content_type,
            signed=False,
            file=e.file,
        )
        for e in rows
    ]


def _signed_file(document: GeneratedDocument) -> FieldFile | None:
    try:
        signature = document.signature  # type: ignore[attr-defined]
    except GeneratedDocument.signature.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None
    return signature.signed_file if signature.signed_file else None


def _generated_documents(case: Case, pk: int | None = None) -> list[ReaderDocument]:
    rows = (
        GeneratedDocument.objects.filter(subject_type=CASE_SUBJECT, subject_id=str(case.pk))
        .select_related("issuing_organisation", "signature")
        .order_by("created_at", "id")
    )
    if pk is not None:
        rows = rows.filter(pk=pk)
    documents = []
    for d in rows:
        signed = _signed_file(d)
        documents.append(
            ReaderDocument(
                key=f"g{d.pk}",
                title=f"{d.title}（{d.number}）",
                kind=GENERATED_KIND,
                kind_label="",
                organisation_id=d.issuing_organisation_id,
                organisation_name=str(d.issuing_organisation),
                date=d.issued_on,
                content_type="application/pdf",
                signed=signed is not None,
                file=signed or d.file,
            )
        )
    return documents


def reader_documents(case: Case) -> list[ReaderDocument]:
    """Every document of the case, oldest first: uploads, then the documents issued on it."""
    return [*_evidence_documents(case), *_generated_documents(case)]


def reader_document_get(case: Case, key: str) -> ReaderDocument:
    """One document of this case by its key; 404 for any key not among them."""
    match = KEY_PATTERN.match(key)
    if match is None:
        raise Http404
    pk = int(match["id"])
    source = _evidence_documents if match["source"] == "e" else _generated_documents
    found = source(case, pk)
    if not found:
        raise Http404
    return found[0]


def reader_filter(
    documents: Iterable[ReaderDocument],
    *,
    kind: str = "",
    organisation_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[ReaderDocument]:
    return [
        d
        for d in documents
        if (not kind or d.kind == kind)
        and (organisation_id is None or d.organisation_id == organisation_id)
        and (date_from is None or d.date >= date_from)
        and (date_to is None or d.date <= date_to)
    ]


def document_viewed(*, case: Case, document: ReaderDocument, actor: User) -> None:
    """Every time a document's bytes are sent is an audit event on the case."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="document.viewed",
            obj=case,
            payload={"document": document.key, "signed": document.signed},
        )


class ReadingRefused(ValueError):
    """The reader sent a page record that cannot be true of the document."""


def reading_record(
    *, user: User, case: Case, key: str, page_count: int, pages: Iterable[int]
) -> DocumentReading:
    """Add the pages `user` opened of one document of `case` (a 404 for another case's)."""
    document = reader_document_get(case, key)
    if document.is_image:
        page_count = 1
    if not 1 <= page_count <= MAX_PAGES:
        raise ReadingRefused("page_count")
    opened = set(pages)
    if not opened or any(not 1 <= p <= page_count for p in opened):
        raise ReadingRefused("pages")
    with transaction.atomic():
        reading, _created = DocumentReading.objects.select_for_update().get_or_create(
            user=user,
            case=case,
            document_key=document.key,
            defaults={"page_count": page_count, "pages_viewed": []},
        )
        kept = {p for p in reading.pages_viewed if p <= page_count}
        reading.page_count = page_count
        reading.pages_viewed = sorted(kept | opened)
        reading.save()
    return reading


@dataclass(frozen=True)
class ReaderSummary:
    documents: list[ReaderDocument]
    readings: dict[str, DocumentReading]

    @property
    def total(self) -> int:
        return len(self.documents)

    @property
    def unread(self) -> list[ReaderDocument]:
        return [d for d in self.documents if not self.is_read(d.key)]

    @property
    def read(self) -> int:
        return self.total - len(self.unread)

    @property
    def all_viewed(self) -> bool:
        return not self.unread

    def is_read(self, key: str) -> bool:
        reading = self.readings.get(key)
        return reading is not None and reading.complete


def reader_summary(
    user: User, case: Case, documents: list[ReaderDocument] | None = None
) -> ReaderSummary:
    """n of m documents of the case `user` has opened every page of."""
    documents = reader_documents(case) if documents is None else documents
    readings = {r.document_key: r for r in DocumentReading.objects.filter(user=user, case=case)}
    return ReaderSummary(documents=documents, readings=readings)


def reader_all_viewed(user: User, case: Case) -> bool:
    """Whether `user` has opened every page of every document of the case."""
    return reader_summary(user, case).all_viewed


def reader_requires_all_viewed(organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return ReaderSetting.objects.filter(
        organisation_id=organisation_id, opinion_requires_all_viewed=True
    ).exists()


def reader_setting_set(*, organisation: Organisation, actor: User, required: bool) -> None:
    with transaction.atomic():
        ReaderSetting.objects.update_or_create(
            organisation=organisation, defaults={"opinion_requires_all_viewed": required}
        )
        audit_record(
            actor=actor,
            action="reader.setting_changed",
            obj=organisation,
            payload={"opinion_requires_all_viewed": required},
        )


def tags_parse(raw: str) -> list[str]:
    tags: list[str] = []
    for part in re.split(r"[,，;；\s]+", raw):
        tag = part.strip()[:MAX_TAG_LENGTH]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def note_add(
    *, case: Case, actor: User, key: str, page: int | None, text: str, tags: list[str]
) -> DocumentNote:
    """A note of the actor's organisation on one document (a 404 for another case's)."""
    document = reader_document_get(case, key)
    assert actor.organisation_id is not None, "only a user of an organisation sees a case"
    return DocumentNote.objects.create(
        case=case,
        organisation_id=actor.organisation_id,
        author=actor,
        document_key=document.key,
        page=page,
        text=text,
        tags=tags,
    )


def notes_of(case: Case, user: User) -> list[DocumentNote]:
    """The notes of the user's organisation on the case; no other organisation's, ever."""
    if user.organisation_id is None:
        return []
    return list(
        DocumentNote.objects.filter(case=case, organisation_id=user.organisation_id)
        .select_related("author")
        .order_by("created_at", "id")
    )


def note_rows(notes: list[DocumentNote], documents: list[ReaderDocument]) -> list[dict[str, Any]]:
    titles = {d.key: d.title for d in documents}
    return [{"note": n, "title": titles.get(n.document_key, n.document_key)} for n in notes]


def reader_opinion_context(user: User, case: Case) -> dict[str, Any]:
    """What the opinion form shows of the reader: read or not, the unread documents, whether
    the procuratorate requires all read, and its notes on the case."""
    summary = reader_summary(user, case)
    return {
        "summary": summary,
        "required": reader_requires_all_viewed(user.organisation_id),
        "notes": note_rows(notes_of(case, user), summary.documents),
    }
