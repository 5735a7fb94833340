"""The section this part adds to the community-correction page (`supervision.sections`): the
record of rewards and sanctions with the warning count, the monitoring periods with their end
dates, and the forms of the acts the user may take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..sections import Section, acts_offered, section_register
from .acts import (
    CORRECTION_RECORD,
    MONITORING_APPROVE,
    MONITORING_END,
    MONITORING_EXTEND,
    PENALTY_REQUEST,
    PRAISE,
    REPRIMAND,
    WARNING,
    monitoring_running,
)
from .forms import (
    CorrectionForm,
    MeasureForm,
    MonitoringApproveForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    PraiseForm,
)
from .views import sanctions_of

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any]:
    initial = {"expected_state": case.state}
    blank: dict[str, Any] = {
        PRAISE.name: lambda: PraiseForm(initial=initial),
        REPRIMAND.name: lambda: MeasureForm(initial=initial),
        WARNING.name: lambda: MeasureForm(initial=initial),
        PENALTY_REQUEST.name: lambda: MeasureForm(initial=initial),
        CORRECTION_RECORD.name: lambda: CorrectionForm(
            initial=initial, measures=sanctions_of(record)
        ),
        MONITORING_APPROVE.name: lambda: MonitoringApproveForm(initial=initial),
        MONITORING_EXTEND.name: lambda: MonitoringExtendForm(initial=initial),
        MONITORING_END.name: lambda: MonitoringEndForm(initial=initial),
    }
    routes = [
        (PRAISE, "discipline_praise"),
        (REPRIMAND, "discipline_reprimand"),
        (WARNING, "discipline_warning"),
        (PENALTY_REQUEST, "discipline_penalty_request"),
        (CORRECTION_RECORD, "discipline_correction"),
        (MONITORING_APPROVE, "discipline_monitoring_approve"),
        (MONITORING_EXTEND, "discipline_monitoring_extend"),
        (MONITORING_END, "discipline_monitoring_end"),
    ]
    offered = acts_offered(
        request, case, forms, [(act, url, blank[act.name]) for act, url in routes]
    )
    return {
        "record": record,
        "measures": record.discipline_measures.select_related("officer", "document"),
        "periods": record.monitoring_periods.select_related("document", "extends"),
        "running": monitoring_running(record),
        "acts": offered,
    }


DISCIPLINE_SECTION = section_register(
    Section(
        key="discipline",
        title=_("Rewards and sanctions; electronic monitoring"),
        template="supervision/discipline/_section.html",
        order=40,
        context=_context,
    )
)
