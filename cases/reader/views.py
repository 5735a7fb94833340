"""The dossier reader's screens (issue 13): the page, one document's bytes, the pages a
reviewer opened, notes, and the procuratorate's setting. Every route finds the case among the
user's cases (404 outside) and the document among this case's documents (404 otherwise)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.audit.models import AuditEvent
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest

from ..acts.opinions import procurator_of
from ..jurisdiction import CASE_ROLES
from ..models import Case, EvidenceKind
from ..selectors import case_get_for_user
from .services import (
    GENERATED_KIND,
    ReaderDocument,
    ReadingRefused,
    document_viewed,
    note_add,
    note_rows,
    notes_of,
    reader_document_get,
    reader_documents,
    reader_filter,
    reader_requires_all_viewed,
    reader_setting_set,
    reader_summary,
    reading_record,
    tags_parse,
)

#: A page record is a few numbers; anything longer is refused unread.
MAX_READING_BODY = 64 * 1024
#: The timeline shows the latest events of the case; views of documents are not acts.
TIMELINE_LIMIT = 300
NOT_ACTS = ("document.viewed", "evidence.viewed")


class NoteForm(forms.Form):
    document_key = forms.CharField(max_length=24, widget=forms.HiddenInput)
    page = forms.IntegerField(label=gettext_lazy("Page"), min_value=1, required=False)
    text = forms.CharField(
        label=gettext_lazy("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    tags = forms.CharField(
        label=gettext_lazy("Tags"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Separated by commas or spaces."),
    )


class ReaderSettingForm(forms.Form):
    opinion_requires_all_viewed = forms.BooleanField(
        label=gettext_lazy("Our procuratorial opinion needs every page of every document read"),
        required=False,
    )


def _case(request: AuthenticatedHttpRequest, pk: int) -> Case:
    return case_get_for_user(user=request.user, pk=pk)


def _date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 18 else None


def _kinds(documents: list[ReaderDocument]) -> list[tuple[str, str]]:
    present = {d.kind for d in documents}
    kinds = [(f"evidence:{v}", str(label)) for v, label in EvidenceKind.choices]
    kinds.append((GENERATED_KIND, _("Documents issued by the system")))
    return [(value, label) for value, label in kinds if value in present]


def _procuratorate_id(request: AuthenticatedHttpRequest, case: Case) -> int | None:
    try:
        return procurator_of(case, request.user).pk
    except PermissionDenied:
        return None


def _context(request: AuthenticatedHttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    documents = reader_documents(case)
    summary = reader_summary(request.user, case, documents)
    query = request.GET
    filters: dict[str, Any] = {
        "kind": query.get("kind", ""),
        "organisation_id": _int(query.get("org")),
        "date_from": _date(query.get("from")),
        "date_to": _date(query.get("to")),
    }
    shown = reader_filter(documents, **filters)
    organisations = sorted(
        {(d.organisation_id, d.organisation_name) for d in documents if d.organisation_id},
        key=lambda o: o[1],
    )
    events = list(
        AuditEvent.objects.filter(object_type=Case._meta.label, object_id=str(case.pk))
        .exclude(action__in=NOT_ACTS)
        .order_by("-occurred_at", "-id")[:TIMELINE_LIMIT]
    )
    procuratorate_id = _procuratorate_id(request, case)
    return {
        "case": case,
        "documents": [
            {
                "doc": d,
                "read": summary.is_read(d.key),
                "reading": summary.readings.get(d.key),
                "url": reverse("cases:reader_document", args=[case.pk, d.key]),
            }
            for d in shown
        ],
        "summary": summary,
        "filters": filters,
        "kinds": _kinds(documents),
        "organisations": organisations,
        "events": events,
        "clocks": list(deadlines_of(case)),
        "notes": note_rows(notes_of(case, request.user), documents),
        "note_form": extra.pop("note_form", None) or NoteForm(),
        "setting_form": ReaderSettingForm(
            initial={"opinion_requires_all_viewed": reader_requires_all_viewed(procuratorate_id)}
        )
        if procuratorate_id is not None
        else None,
        **extra,
    }


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def reader(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    return render(request, "cases/reader.html", _context(request, case))


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def reader_document(request: AuthenticatedHttpRequest, pk: int, key: str) -> FileResponse:
    """One document's bytes, inline, found among this case's documents only; audited."""
    case = _case(request, pk)
    document = reader_document_get(case, key)
    document_viewed(case=case, document=document, actor=request.user)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = f'inline; filename="{document.key}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def reader_readings(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """The reader's record of pages rendered: {"key", "page_count", "pages": [...]}."""
    case = _case(request, pk)
    if len(request.body) > MAX_READING_BODY:
        return JsonResponse({"error": _("The page record is too long.")}, status=400)
    try:
        body = json.loads(request.body)
        key, page_count, pages = body["key"], body["page_count"], body["pages"]
        if not (
            isinstance(key, str)
            and type(page_count) is int
            and isinstance(pages, list)
            and all(type(p) is int for p in pages)
        ):
            raise ValueError
        reading = reading_record(
            user=request.user, case=case, key=key, page_count=page_count, pages=pages
        )
    except (ValueError, KeyError, TypeError, ReadingRefused):
        return JsonResponse({"error": _("These pages are not pages of this document.")}, status=400)
    summary = reader_summary(request.user, case)
    return JsonResponse(
        {
            "key": reading.document_key,
            "page_count": reading.page_count,
            "pages_viewed": len(reading.pages_viewed),
            "read": reading.complete,
            "documents_read": summary.read,
            "documents": summary.total,
            "all_viewed": summary.all_viewed,
        }
    )


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def reader_note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        note_add(
            case=case,
            actor=request.user,
            key=data["document_key"],
            page=data["page"],
            text=data["text"],
            tags=tags_parse(data["tags"]),
        )
        messages.success(request, _("The note is kept for your organisation only."))
        return redirect(reverse("cases:reader", args=[case.pk]) + "#reader-notes")
    return render(request, "cases/reader.html", _context(request, case, note_form=form), status=400)


@role_required(CASE_ROLES)
@require_http_methods(["POST"])
def reader_setting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The supervising procuratorate's procurators decide whether its opinion waits for every
    document to be read (P2014 Art 13 ¶3)."""
    case = _case(request, pk)
    procuratorate = procurator_of(case, request.user)
    form = ReaderSettingForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    reader_setting_set(
        organisation=procuratorate,
        actor=request.user,
        required=bool(form.cleaned_data.get("opinion_requires_all_viewed")),
    )
    messages.success(request, _("The reader setting is saved."))
    return redirect("cases:reader", pk=case.pk)
