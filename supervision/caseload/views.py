"""The caseload pages: everyone under supervision (the executing CCI; read-only for the
supervising procuratorate and the deciding organ), the condition reviews for the deciding
organ, and the documents of the supervision record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.audit.services import audit_record
from kernel.http import AuthenticatedHttpRequest

from ..community import community_case
from ..models import ConditionReview, ReviewFinding, Supervision
from .forms import CaseloadFilterForm
from .rules import juveniles_masked_for, name_masked
from .selectors import (
    CASELOAD_ROLES,
    SORTS,
    review_list_for_user,
    supervision_document_get,
    supervision_list_for_user,
)

PAGE_SIZE = 50


@dataclass(frozen=True)
class CaseloadRow:
    record: Supervision
    name: str
    days_left: int | None  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None else 0


def _name(record: Supervision, masked: bool) -> str:
    name = record.case.offender.name
    return name_masked(name) if masked and record.juvenile else name


def _query_without(request: AuthenticatedHttpRequest, *keys: str) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


@role_required(CASELOAD_ROLES)
@require_http_methods(["GET"])
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CaseloadFilterForm(request.GET)
    filters = form.filters()
    today = timezone.localdate()
    rows = supervision_list_for_user(request.user, filters, today=today)
    # The page's people are picked first, on the supervision rows alone (filtered and sorted,
    # the next review computed for each), then joined to their cases and names: 50 joins
    # instead of one per person of the caseload before the sort (issue 15; 101 -> 40 ms of
    # SQL for 10,000 people at 100,000 cases).
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    found = {record.pk: record for record in rows.filter(pk__in=ids)}
    records = [found[pk] for pk in ids if pk in found]
    masked = juveniles_masked_for(request.user)
    shown = []
    for record in records:
        due: dt.date | None = getattr(record, "next_review_due", None)
        shown.append(
            CaseloadRow(
                record=record,
                name=_name(record, masked),
                days_left=(due - today).days if due is not None else None,
            )
        )
    base = _query_without(request, "page", "sort")
    sorts = {
        key: f"?{base}&sort={'-' if filters.sort == key else ''}{key}".replace("?&", "?")
        for key in SORTS
    }
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "rows": shown,
        "today": today,
        "sort": filters.sort,
        "sorts": sorts,
        "query": _query_without(request, "page"),
        # Only the executing CCI's officers act on the community page; the others read.
        "read_only": Role.CORRECTION_OFFICER not in request.user.role_codes,
    }
    return render(request, "supervision/caseload/caseload.html", context)


@role_required(CASELOAD_ROLES)
@require_http_methods(["GET"])
def reviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(review_list_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    masked = juveniles_masked_for(request.user)
    shown = []
    for review in page:
        assert isinstance(review, ConditionReview)
        shown.append(
            {
                "review": review,
                "name": _name(review.supervision, masked),
                "flagged": not review.hospital_designated
                or review.finding != ReviewFinding.PERSIST,
            }
        )
    return render(
        request,
        "supervision/caseload/reviews.html",
        {"page": page, "rows": shown, "query": ""},
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> HttpResponse:
    """A document of the supervision record as issued, for anyone on the case; every download
    is audited."""
    case, record = community_case(request, pk)
    issued = supervision_document_get(record, document_id)
    with issued.document.file.open("rb") as handle:
        content = handle.read()
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="document.downloaded",
            obj=case,
            payload={"document": issued.document_id, "kind": issued.kind},
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{issued.kind}-{case.pk}.pdf"'
    return response
