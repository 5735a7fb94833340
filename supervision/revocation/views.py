"""Views of the proposal for imprisonment: each POST takes one declared act through
`community_act` and answers on the community page; the proposals (DOC-27) and suggestions
(DOC-29) open from the page, every view audited."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cases.acts.declaration import Act
from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.documents.models import GeneratedDocument
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case, community_document
from .acts import REVOCATION_EXAMINE, REVOCATION_PROPOSE, REVOCATION_SUGGEST
from .forms import ExamineForm, ProposeForm, SuggestForm
from .models import RevocationProposal


def _act_view(act: Act, role: str, form_class: Any, done: Any, with_case: bool) -> Any:
    @role_required([role])
    @require_http_methods(["POST"])
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        case, _record = community_case(request, pk)
        return community_act(
            request,
            pk,
            key=act.name,
            act=act,
            form_class=form_class,
            form_kwargs={"case": case} if with_case else None,
            done=str(done),
        )

    view.__name__ = act.name
    return view


propose = _act_view(
    REVOCATION_PROPOSE,
    Role.CORRECTION_OFFICER,
    ProposeForm,
    gettext_lazy("Proposal for imprisonment issued; it awaits the county judicial administration."),
    with_case=True,
)
examine = _act_view(
    REVOCATION_EXAMINE,
    Role.JUDICIAL_ADMIN_HEAD,
    ExamineForm,
    gettext_lazy("Examination recorded."),
    with_case=False,
)
suggest = _act_view(
    REVOCATION_SUGGEST,
    Role.PROCURATOR,
    SuggestForm,
    gettext_lazy("Procuratorial suggestion issued and sent to the deciding organ."),
    with_case=True,
)


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> FileResponse:
    """A proposal for imprisonment (DOC-27) or suggestion (DOC-29) of this person, in the
    browser; every view is audited."""
    case, record = community_case(request, pk)
    ids = set(
        RevocationProposal.objects.filter(supervision=record, document__isnull=False).values_list(
            "document", flat=True
        )
    )
    found = GeneratedDocument.objects.filter(pk=document_id, pk__in=ids).first()
    if found is None:
        raise Http404
    return community_document(request, case, found)
