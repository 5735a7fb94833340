"""The section this part adds to the community-correction page (`supervision.sections`): the
episodes of criminal proceedings with both timestamps of the notice and the D-16 flag, the
outcome, and the forms of the acts the user may take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..models import SUPERVISION_ENDED, SupervisionState
from ..sections import Section, act_offer, section_register
from .acts import (
    CRIMINAL_MEASURE_RECORD,
    CRIMINAL_PROCEEDINGS_CLOSE,
    NEW_JUDGMENT_RECORD,
    investigating_organs,
)
from .forms import CloseForm, JudgmentForm, MeasureForm
from .models import NOTICE_HOURS
from .views import judgment_institutions

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any] | None:
    initial = {"expected_state": case.state}
    blank: dict[str, Any] = {
        CRIMINAL_MEASURE_RECORD.name: lambda: MeasureForm(
            initial=initial, organs=investigating_organs(case)
        ),
        NEW_JUDGMENT_RECORD.name: lambda: JudgmentForm(
            initial=initial, institutions=judgment_institutions(case, record)
        ),
        CRIMINAL_PROCEEDINGS_CLOSE.name: lambda: CloseForm(initial=initial),
    }
    routes = [
        (CRIMINAL_MEASURE_RECORD, "newcrime_measure"),
        (NEW_JUDGMENT_RECORD, "newcrime_judgment"),
        (CRIMINAL_PROCEEDINGS_CLOSE, "newcrime_close"),
    ]
    in_proceedings = record.state == SupervisionState.CRIMINAL_PROCEEDINGS
    offered = []
    for act, url_name in routes:
        # Offer only the acts of the record's present state: the measure under supervision,
        # the outcomes during proceedings, none once community correction has ended.
        if (act is CRIMINAL_MEASURE_RECORD) == in_proceedings or record.state in SUPERVISION_ENDED:
            continue
        form = forms.get(f"{act.name}_form")
        item = act_offer(
            request,
            case,
            key=act.name,
            act=act,
            form=form if form is not None else blank[act.name](),
            url_name=f"supervision:{url_name}",
        )
        if item is not None:
            offered.append(item)
    proceedings = list(
        record.criminal_proceedings.select_related(
            "investigating_organ", "receiving_institution", "notice_deadline"
        )
    )
    if not proceedings and not offered:
        return None
    return {
        "record": record,
        "in_proceedings": in_proceedings,
        "proceedings": proceedings,
        "notice_hours": NOTICE_HOURS,
        "acts": offered,
    }


NEWCRIME_SECTION = section_register(
    Section(
        key="newcrime",
        title=_("New or undiscovered crime"),
        template="supervision/newcrime/_section.html",
        order=60,
        context=_context,
    )
)
