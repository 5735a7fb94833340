"""The section this part adds to the community-correction page (`supervision.sections`): the
proposals not to count a period, the court's clock D-21, the ruling with the sentence's expiry
before and after, and the forms of the acts the user may take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from kernel.deadlines.selectors import deadlines_of

from ..sections import Section, acts_offered, section_register
from .acts import (
    NOTICE,
    PROPOSE,
    RECEIPT,
    RULE,
    claim_prefill,
    intermediate_courts,
    pending_proposal,
)
from .forms import NoticeForm, ProposeForm, ReceiptForm, RuleForm
from .models import RecalculationProposal

if TYPE_CHECKING:
    from cases.models import Case
    from kernel.http import AuthenticatedHttpRequest

    from ..models import Supervision


def _notice_initial(record: Supervision) -> dict[str, Any]:
    claim = claim_prefill(record)
    return {k: claim[k] for k in ("first_day", "last_day", "explanation") if claim.get(k)}


def _context(
    request: AuthenticatedHttpRequest,
    case: Case,
    record: Supervision,
    forms: Mapping[str, Any],
) -> dict[str, Any] | None:
    proposals = list(
        RecalculationProposal.objects.filter(supervision=record).select_related(
            "institution", "court", "proposal_document", "ruling", "ruling__document", "period"
        )
    )
    initial = {"expected_state": case.state}
    pending = pending_proposal(case)
    blank: dict[str, Any] = {
        NOTICE.name: lambda: NoticeForm(initial={**initial, **_notice_initial(record)}),
        PROPOSE.name: lambda: ProposeForm(
            initial={**initial, "opinion": pending.explanation if pending else ""},
            courts=intermediate_courts(pending.institution if pending else None),
        ),
        RECEIPT.name: lambda: ReceiptForm(initial=initial),
        RULE.name: lambda: RuleForm(
            initial={
                **initial,
                "first_day": pending.claimed_first_day if pending else None,
                "last_day": pending.claimed_last_day if pending else None,
            }
        ),
    }
    routes = [
        (NOTICE, "recalculation_notice"),
        (PROPOSE, "recalculation_propose"),
        (RECEIPT, "recalculation_receipt"),
        (RULE, "recalculation_rule"),
    ]
    offered = acts_offered(
        request, case, forms, [(act, url, blank[act.name]) for act, url in routes]
    )
    if not proposals and not offered:
        return None
    return {
        "record": record,
        "proposals": proposals,
        "clocks": deadlines_of(case, kinds=["D-21"]).order_by("due_at"),
        "acts": offered,
    }


RECALCULATION_SECTION = section_register(
    Section(
        key="recalculation",
        title=_("Period not counted toward the sentence"),
        template="supervision/recalculation/_section.html",
        order=100,
        context=_context,
    )
)
