"""Views of a new or undiscovered crime: each POST takes one declared act through
`community_act` and answers on the community page."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import Case
from kernel.accounts.permissions import role_required
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..community import community_act, community_case
from ..models import Supervision
from .acts import (
    CRIMINAL_MEASURE_RECORD,
    CRIMINAL_PROCEEDINGS_CLOSE,
    NEW_JUDGMENT_RECORD,
    custodial_organs,
    investigating_organs,
)
from .forms import CloseForm, JudgmentForm, MeasureForm


def judgment_institutions(case: Case, record: Supervision) -> Any:
    """The institutions the judgment form offers: none when the original or file-holding
    institution takes the person in (P2014 Art 22 ¶2)."""
    return None if record.custodial_institution_id else custodial_organs(case)


def _organs(case: Case) -> Any:
    return investigating_organs(case)


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def measure(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, _record = community_case(request, pk)
    return community_act(
        request,
        pk,
        key=CRIMINAL_MEASURE_RECORD.name,
        act=CRIMINAL_MEASURE_RECORD,
        form_class=MeasureForm,
        form_kwargs={"organs": _organs(case)},
        done=_("Compulsory measure recorded: the person is in criminal proceedings."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def judgment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, record = community_case(request, pk)
    return community_act(
        request,
        pk,
        key=NEW_JUDGMENT_RECORD.name,
        act=NEW_JUDGMENT_RECORD,
        form_class=JudgmentForm,
        form_kwargs={"institutions": judgment_institutions(case, record)},
        done=_("New judgment recorded: community correction has ended."),
    )


@role_required([Role.CORRECTION_OFFICER])
@require_http_methods(["POST"])
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return community_act(
        request,
        pk,
        key=CRIMINAL_PROCEEDINGS_CLOSE.name,
        act=CRIMINAL_PROCEEDINGS_CLOSE,
        form_class=CloseForm,
        done=_("Criminal proceedings closed: the person is back under supervision."),
    )
