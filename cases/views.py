"""Thin views: parse -> selector -> one service -> render (house style rule 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kernel.accounts.permissions import role_required
from kernel.accounts.roles import OFFENDER_FILING_ROLES, Role
from kernel.audit.services import audit_record
from kernel.deadlines.selectors import deadline_inbox_for_user, inbox_rows
from kernel.http import AuthenticatedHttpRequest
from kernel.links import link_maker
from kernel.security.spreadsheet import SafeCsvWriter

from . import sentence as arithmetic
from .eligibility.time_served import one_third_may_apply
from .forms import CaseFilterForm, CommutationForm, OffenderForm, SearchForm, SentenceForm
from .jurisdiction import CASE_ROLES
from .models import Case, CaseState
from .selectors import (
    case_list_for_user,
    case_oldest_for_user,
    case_visible_count_for_user,
    case_visible_for_user,
    offender_get_for_user,
    offender_list_for_user,
    offender_may_edit,
)
from .services import commutation_record, offender_register

PAGE_SIZE = 25


def _case_rows(cases: Iterable[Case]) -> list[Case]:
    """The cases of a list, each with its link and the labels of its path and state: one
    `reverse` for the list and the labels looked up in one table, instead of a `{% url %}` and
    two `get_*_display` per row (issue 15). The same text as those."""
    link = link_maker("cases:case_detail")
    paths = dict(Case._meta.get_field("path").flatchoices)
    states = dict(Case._meta.get_field("state").flatchoices)
    rows = list(cases)
    for case in rows:
        # Read by the list templates only (`case.detail_url`, …), never saved.
        case.__dict__.update(
            detail_url=link(case.pk),
            path_label=str(paths.get(case.path, case.path)),
            state_label=str(states.get(case.state, case.state)),
        )
    return rows


def _search(request: AuthenticatedHttpRequest) -> tuple[SearchForm, str]:
    form = SearchForm(request.GET)
    return form, (form.cleaned_data["q"].strip() if form.is_valid() else "")


@login_required
@require_http_methods(["GET"])
def my_work(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own work: the statutory deadlines the user answers for (soonest first), and
    the open cases of the organisation in the user's capacities."""
    deadlines = inbox_rows(list(deadline_inbox_for_user(user=request.user)[:100]))
    # The page shows the case and its offender, not its clock nor its sentence: none of
    # the list's subqueries and joins (issue 15).
    cases = _case_rows(case_oldest_for_user(user=request.user, limit=20))
    # The community-correction officer's inbox: people escorted to the institution, whose
    # reception is to be registered (CCL Art 22).
    awaiting_reception = (
        case_visible_for_user(user=request.user)
        .select_related("offender")
        .filter(state=CaseState.ESCORT)[:50]
        if Role.CORRECTION_OFFICER in request.user.role_codes
        else []
    )
    return render(
        request,
        "cases/my_work.html",
        {"cases": cases, "deadlines": deadlines, "awaiting_reception": awaiting_reception},
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query, state, path = (
        (data.get("q") or "").strip(),
        data.get("state") or "",
        data.get("path") or "",
    )
    cases = case_list_for_user(user=request.user, query=query, state=state, path=path)
    paginator = Paginator(cases, PAGE_SIZE)
    if not (query or state or path):
        # Unfiltered, the list holds every visible case: counted from the participations'
        # index instead of a semi-join over the cases (issue 15).
        paginator.count = case_visible_count_for_user(user=request.user)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = _case_rows(page.object_list)
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "form": form, "q": data.get("q", ""), "today": timezone.localdate()},
    )


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def case_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A CSV download of the visible cases; the download itself is an audit event."""
    _form, query = _search(request)
    cases = case_list_for_user(user=request.user, query=query)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Chinese correctly with a BOM.
    writer = SafeCsvWriter(response)
    writer.writerow([_("Case number"), _("Offender"), _("Path"), _("State"), _("Opened on")])
    count = 0
    for case in cases.iterator(chunk_size=2000):
        writer.writerow(
            [
                case.number,
                case.offender.name,
                case.get_path_display(),
                case.get_state_display(),
                case.opened_on.isoformat(),
            ]
        )
        count += 1
    with transaction.atomic():
        audit_record(
            actor=request.user, action="case.list_exported", payload={"query": query, "rows": count}
        )
    return response


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def offender_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, query = _search(request)
    page = Paginator(offender_list_for_user(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    for offender in page:
        current = offender.current_sentences[0] if offender.current_sentences else None
        offender.current_sentence = current
    return render(
        request,
        "cases/offender_list.html",
        {
            "page": page,
            "form": form,
            "q": query,
            "today": today,
            "may_register": bool(request.user.role_codes & OFFENDER_FILING_ROLES),
        },
    )


def _sentence_figures(sentence: object, today: dt.date) -> dict[str, object]:
    facts = sentence.facts()  # type: ignore[attr-defined]
    return {
        "expiry": arithmetic.expiry_date(facts),
        "served_days": arithmetic.time_served_days(facts, today),
        "remaining_days": arithmetic.remaining_term_days(facts, today),
        "original_days": arithmetic.original_term_days(facts),
        "one_third": arithmetic.one_third_served_date(facts),
        "one_third_may_apply": one_third_may_apply(facts),
        "seven_years": arithmetic.seven_years_after_commutation_date(facts),
        "current_type": arithmetic.current_type(facts),
    }


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def offender_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offender = offender_get_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    sentences = [(s, _sentence_figures(s, today)) for s in offender.all_sentences]
    return render(
        request,
        "cases/offender_detail.html",
        {
            "offender": offender,
            "sentences": sentences,
            "today": today,
            "may_edit": offender_may_edit(user=request.user, offender=offender),
            "commutation_form": CommutationForm(),
        },
    )


@role_required(OFFENDER_FILING_ROLES)
@require_http_methods(["GET", "POST"])
def offender_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    offender_form = OffenderForm(request.POST or None, prefix="offender")
    sentence_form = SentenceForm(
        request.POST or None,
        prefix="sentence",
        institution=request.user.organisation,
    )
    if request.method == "POST" and offender_form.is_valid() and sentence_form.is_valid():
        try:
            offender = offender_register(
                actor=request.user,
                offender_data=offender_form.cleaned_data,
                sentence_data=sentence_form.cleaned_data,
            )
        except ValidationError as exc:
            _attach_errors(exc, offender_form, sentence_form)
        else:
            messages.success(request, _("The offender and the sentence are registered."))
            return redirect("cases:offender_detail", pk=offender.pk)
    # A refused registration answers 400 with the form, never 200 (issue #9 item 3).
    return render(
        request,
        "cases/offender_form.html",
        {"offender_form": offender_form, "sentence_form": sentence_form},
        status=400 if request.method == "POST" else 200,
    )


def _attach_errors(exc: ValidationError, *forms: object) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = next((f for f in forms if field in f.fields), forms[0])  # type: ignore[attr-defined]
            for error in errors:
                target.add_error(field if field in target.fields else None, error)  # type: ignore[attr-defined]
    else:
        for message in exc.messages:
            forms[-1].add_error(None, message)  # type: ignore[attr-defined]


@role_required(OFFENDER_FILING_ROLES)
@require_http_methods(["POST"])
def commutation_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offender = offender_get_for_user(user=request.user, pk=pk)
    if not offender_may_edit(user=request.user, offender=offender):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    sentence = next((s for s in offender.all_sentences if s.is_current), None)
    form = CommutationForm(request.POST)
    if sentence is not None and form.is_valid():
        try:
            commutation_record(actor=request.user, sentence=sentence, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The commutation is recorded and the expiry recomputed."))
            return redirect("cases:offender_detail", pk=offender.pk)
    today = timezone.localdate()
    sentences = [(s, _sentence_figures(s, today)) for s in offender.all_sentences]
    return render(
        request,
        "cases/offender_detail.html",
        {
            "offender": offender,
            "sentences": sentences,
            "today": today,
            "may_edit": True,
            "commutation_form": form,
        },
        status=400,
    )
