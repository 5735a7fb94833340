"""The section this part adds to the community-correction page (`supervision.sections`): the
current guarantor and the history, the guarantor's reports (those the officer follows up
first), requests to leave or move and their decisions, lost contact and notices of custody,
and the forms of the acts the user may take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from ..sections import Section, act_offer, section_register
from . import services
from .models import FOLLOW_UP_KINDS, GuarantorTerm, ReportKind
from .views import FORMS

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
    offered = []
    for key, entry in FORMS.items():
        form = forms.get(f"guarantee_{key}_form") or entry.form(
            initial={"expected_state": case.state}, **entry.kwargs(record)
        )
        item = act_offer(
            request, case, key=f"guarantee_{key}", act=entry.act, form=form, url_name=entry.url_name
        )
        if item is not None:
            offered.append(item)
    current = services.guarantor_current(record)
    reports = list(record.guarantor_reports.all())
    return {
        "current": current,
        "current_is_term": isinstance(current, GuarantorTerm),
        "terms": list(record.guarantor_terms.select_related("contact")),
        "contacts": list(record.contacts.filter(role="guarantor")),
        "reports": reports,
        "follow_up": [r for r in reports if r.kind in FOLLOW_UP_KINDS],
        "death_reported": any(r.kind == ReportKind.DIED for r in reports),
        "requests": list(
            record.movement_requests.select_related("new_cci", "previous_cci", "decided_by")
        ),
        "lost_contacts": list(record.lost_contacts.all()),
        "custody_notices": list(record.custody_notices.all()),
        "acts": offered,
    }


GUARANTEE_SECTION = section_register(
    Section(
        key="guarantee",
        title=_("Guarantor, leave and moves, lost contact, custody"),
        template="supervision/guarantee/section.html",
        order=30,
        context=_context,
    )
)
