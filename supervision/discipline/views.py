"""Views of rewards and sanctions and electronic monitoring: each POST takes one declared act
through `community_act` and answers on the community page; the decisions (DOC-42) and the
approval forms (DOC-40) open from the page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cases.acts.declaration import Act
from cases.jurisdiction import CASE_ROLES
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.documents.models import GeneratedDocument
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case, community_document
from ..models import Supervision
from .acts import (
    CORRECTION_RECORD,
    MONITORING_APPROVE,
    MONITORING_END,
    MONITORING_EXTEND,
    PENALTY_REQUEST,
    PRAISE,
    REPRIMAND,
    WARNING,
)
from .forms import (
    CorrectionForm,
    MeasureForm,
    MonitoringApproveForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    PraiseForm,
)
from .models import SANCTIONS, DisciplineMeasure, MonitoringPeriod


def sanctions_of(record: Supervision) -> Any:
    """The sanctions whose correction is still to be recorded."""
    return record.discipline_measures.filter(kind__in=SANCTIONS).exclude(corrected=True)


def _act_view(act: Act, form_class: Any, done: Any) -> Any:
    """The POST of one act: its form, the one runner, back to the community page."""

    @role_required([Role.CORRECTION_OFFICER])
    @require_http_methods(["POST"])
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        return community_act(
            request, pk, key=act.name, act=act, form_class=form_class, done=str(done)
        )

    view.__name__ = act.name
    return view


praise = _act_view(PRAISE, PraiseForm, gettext_lazy("Praise recorded."))
reprimand = _act_view(
    REPRIMAND, MeasureForm, gettext_lazy("Reprimand recorded; the decision is issued.")
)
warning = _act_view(WARNING, MeasureForm, gettext_lazy("Warning recorded; the decision is issued."))
penalty_request = _act_view(
    PENALTY_REQUEST, MeasureForm, gettext_lazy("Request recorded; the document is issued.")
)


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def correction(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _case, record = community_case(request, pk)
    return community_act(
        request,
        pk,
        key=CORRECTION_RECORD.name,
        act=CORRECTION_RECORD,
        form_class=CorrectionForm,
        form_kwargs={"measures": sanctions_of(record)},
        done=_("Correction recorded."),
    )


monitoring_approve = _act_view(
    MONITORING_APPROVE, MonitoringApproveForm, gettext_lazy("Electronic monitoring recorded.")
)
monitoring_extend = _act_view(
    MONITORING_EXTEND,
    MonitoringExtendForm,
    gettext_lazy("Extension of electronic monitoring recorded."),
)
monitoring_end = _act_view(
    MONITORING_END, MonitoringEndForm, gettext_lazy("Electronic monitoring removed.")
)


@role_required(CASE_ROLES)
@require_http_methods(["GET"])
def document(request: AuthenticatedHttpRequest, pk: int, document_id: int) -> FileResponse:
    """A decision (DOC-42) or monitoring approval form (DOC-40) of this person, in the
    browser; every view is audited."""
    case, record = community_case(request, pk)
    ids = {
        *DisciplineMeasure.objects.filter(supervision=record).values_list("document", flat=True),
        *MonitoringPeriod.objects.filter(supervision=record).values_list("document", flat=True),
    }
    found = GeneratedDocument.objects.filter(Q(pk=document_id) & Q(pk__in=ids - {None})).first()
    if found is None:
        raise Http404
    return community_document(request, case, found)
