"""The community-correction page of one person (`/supervision/cases/<id>/community/`): the
supervision record, the acts on it the user may take, and the sections each part of the
supervision phase registers (`supervision.sections`). Views of those parts use
`community_act` (form → the one runner → back to this page) and `community_render` to draw the
page again with their form after a refusal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.acts.declaration import Act
from cases.acts.runner import act_run
from cases.jurisdiction import CASE_ROLES
from cases.models import Case
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.audit.services import audit_record
from kernel.deadlines.selectors import deadlines_of
from kernel.http import AuthenticatedHttpRequest

from .models import Supervision
from .sections import sections_render

#: The clocks of community correction shown on the page.
COMMUNITY_CLOCKS = (
    "D-15",
    "D-15b",
    "D-15c",
    "E-12",
    "D-22",
    "D-23",
    "D-24",
    "D-30",
    "D-34s",
    "D-34o",
    "D-34l",
    # Revocation and return to custody: the notice of a compulsory measure (24 hours), the
    # decision on imprisonment (30 days), the ruling on a period not counted (one month).
    "D-16",
    "D-20",
    "D-21",
)


def community_case(request: AuthenticatedHttpRequest, pk: int) -> tuple[Case, Supervision]:
    """The case, scoped to the user (404 otherwise), and its supervision record (404 before
    the reception)."""
    case = case_get_for_user(user=request.user, pk=pk)
    record = Supervision.objects.filter(case=case).select_related("executing_cci").first()
    if record is None:
        raise Http404(_("This person has not been received into community correction."))
    return case, record


def community_render(
    request: AuthenticatedHttpRequest, case: Case, status: int = 200, **forms: Any
) -> HttpResponse:
    from .correction.confidentiality import person_name_for
    from .views import community_context

    record = Supervision.objects.select_related(
        "executing_cci", "deciding_organ", "custodial_institution"
    ).get(case=case)
    context = {
        "case": case,
        "record": record,
        # CCL Art 54: a juvenile's name only for those allowed to see it.
        "person_name": person_name_for(request.user, record),
        "clocks": deadlines_of(case, kinds=COMMUNITY_CLOCKS).order_by("due_at", "kind"),
        "sections": sections_render(request, case, record, forms),
        **community_context(request, case, forms),
    }
    return render(request, "supervision/community.html", context, status=status)


def community_run(
    request: AuthenticatedHttpRequest,
    case: Case,
    action: Callable[[], object],
    done: str | Callable[[Any], str],
    anchor: str = "",
    **forms: Any,
) -> HttpResponse:
    """Run one service and answer from the community page (`cases.web.run_service`)."""
    url = reverse("supervision:community", args=[case.pk])
    return run_service(
        request,
        case,
        action,
        done=done,
        success_url=f"{url}#{anchor}" if anchor else url,
        page=lambda status: community_render(request, case, status, **forms),
    )


def community_act(
    request: AuthenticatedHttpRequest,
    pk: int,
    *,
    key: str,
    act: Act,
    form_class: Callable[..., Any],
    done: str | Callable[[Any], str],
    form_kwargs: Mapping[str, Any] | None = None,
    params: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> HttpResponse:
    """A POST that takes one declared act: refuse (403) before reading the input if the user
    may not take it; validate the form (400, the page again with the errors); run the act
    through the one runner with the form's data (`params` may reshape it); answer on the
    community page. The form carries `expected_state` (a stale page gets 409)."""
    case, _record = community_case(request, pk)
    act.may(case, request.user)
    form = form_class(request.POST, request.FILES, **(form_kwargs or {}))
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return community_render(request, case, 400, **{f"{key}_form": form})
    data = dict(form.cleaned_data)
    data = params(data) if params else data
    return community_run(
        request,
        case,
        lambda: act_run(act, case_id=case.pk, actor=request.user, **data),
        done,
        anchor=key,
        **{f"{key}_form": form},
    )


def community_document(
    request: AuthenticatedHttpRequest,
    case: Case,
    document: Any,
    *,
    filename: str = "",
    payload: Mapping[str, Any] | None = None,
) -> FileResponse:
    """A document issued on this person's supervision, in the browser: the signed copy when it
    was signed, every view audited ("document.viewed"). The caller has found `document` among
    the records of this case only (404 otherwise)."""
    signature = getattr(document, "signature", None)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="document.viewed",
            obj=case,
            payload={"document_id": document.pk, **(payload or {})},
        )
    handle = (signature.signed_file if signature is not None else document.file).open("rb")
    response = FileResponse(handle, content_type="application/pdf")
    name = filename or f"document-{document.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def community_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, _record = community_case(request, pk)
    return community_render(request, case)
