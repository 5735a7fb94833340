"""Views of rectification opinions and suggestions: each POST takes one declared act through the
one runner and answers on the procurator's lane; the written opinions (DOC-36) open from the
lane, every view audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cases.acts.declaration import Act
from cases.acts.runner import act_run
from cases.jurisdiction import CASE_ROLES
from cases.models import Case
from cases.selectors import case_get_for_user
from cases.web import run_service
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.documents.models import GeneratedDocument
from kernel.http import AuthenticatedHttpRequest
from supervision.community import community_document

from ..lane import lane_render
from .acts import (
    PROCURATORIAL_SUGGESTION_ISSUE,
    PROCURATORIAL_SUGGESTION_REPLY_RECORD,
    RECTIFICATION_CORRECTION_RECORD,
    RECTIFICATION_ORAL_ISSUE,
    RECTIFICATION_REPLY_RECORD,
    RECTIFICATION_WRITTEN_ISSUE,
    lane_url,
)
from .forms import (
    CorrectionForm,
    OralForm,
    ReplyForm,
    SuggestionForm,
    SuggestionReplyForm,
    WrittenForm,
)
from .models import RectificationOpinion

FormFactory = Callable[..., Any]


def _act_view(act: Act, roles: Any, make: FormFactory, done: Any) -> Any:
    @role_required(roles)
    @require_http_methods(["POST"])
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case = case_get_for_user(user=request.user, pk=pk)
        act.may(case, request.user)
        form = make(request, case, data=request.POST, files=request.FILES)
        key = f"{act.name}_form"
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below."))
            return lane_render(request, case, 400, **{key: form})
        data = dict(form.cleaned_data)
        return run_service(
            request,
            case,
            lambda: act_run(act, case_id=case.pk, actor=request.user, **data),
            done=str(done),
            success_url=lane_url(case),
            page=lambda status: lane_render(request, case, status, **{key: form}),
        )

    view.__name__ = act.name
    return view


def _case_form(form_class: Any) -> FormFactory:
    def make(request: AuthenticatedHttpRequest, case: Case, **kwargs: Any) -> Any:
        return form_class(case=case, **kwargs)

    return make


def _reply_form(form_class: Any) -> FormFactory:
    def make(request: AuthenticatedHttpRequest, case: Case, **kwargs: Any) -> Any:
        return form_class(case=case, user=request.user, **kwargs)

    return make


_PROCURATOR = [Role.PROCURATOR]

oral = _act_view(
    RECTIFICATION_ORAL_ISSUE,
    _PROCURATOR,
    _case_form(OralForm),
    gettext_lazy("Oral rectification opinion recorded: the organ has 7 days to correct it."),
)
correction = _act_view(
    RECTIFICATION_CORRECTION_RECORD,
    _PROCURATOR,
    _case_form(CorrectionForm),
    gettext_lazy("Correction recorded: the opinion is closed."),
)
written = _act_view(
    RECTIFICATION_WRITTEN_ISSUE,
    _PROCURATOR,
    _case_form(WrittenForm),
    gettext_lazy("Written rectification opinion issued and sent to the organ."),
)
reply = _act_view(
    RECTIFICATION_REPLY_RECORD,
    CASE_ROLES,
    _reply_form(ReplyForm),
    gettext_lazy("Written reply recorded and sent to the procuratorate."),
)
suggestion = _act_view(
    PROCURATORIAL_SUGGESTION_ISSUE,
    _PROCURATOR,
    _case_form(SuggestionForm),
    gettext_lazy("Procuratorial suggestion issued and sent to the organ."),
)
suggestion_reply = _act_view(
    PROCURATORIAL_SUGGESTION_REPLY_RECORD,
    CASE_ROLES,
    _reply_form(SuggestionReplyForm),
    gettext_lazy("Written reply recorded and sent to the procuratorate."),
)


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> FileResponse:
    """A written rectification opinion (DOC-36) of this case, in the browser; every view is
    audited."""
    case = case_get_for_user(user=request.user, pk=pk)
    ids = RectificationOpinion.objects.filter(case=case, document__isnull=False).values("document")
    found = GeneratedDocument.objects.filter(pk=document_id, pk__in=ids).first()
    if found is None:
        raise Http404
    return community_document(request, case, found, filename=f"rectification-{found.pk}.pdf")
