"""The section this part adds to the community-correction page (`supervision.sections`): every
decision of the case (the TEOP decision, the decision on imprisonment or its rejection, the
re-examination result, the recalculation ruling) with its number, date, signature, document and
deliveries; the proposal awaiting the deciding organ with its clock (D-20); and the forms of the
acts the user may take (receipt, decision with the one-time password)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from approvals.models import ApprovalDecision
from kernel.deadlines.selectors import deadlines_of

from ..revocation.models import ProposalStatus, RevocationProposal
from ..sections import Section, acts_offered, section_register
from .acts import IMPRISONMENT_DECIDE, REVOCATION_RECEIPT_RECORD
from .forms import DecideForm, ReceiptForm

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
        REVOCATION_RECEIPT_RECORD.name: lambda: ReceiptForm(initial=initial),
        IMPRISONMENT_DECIDE.name: lambda: DecideForm(initial=initial),
    }
    offered = acts_offered(
        request,
        case,
        forms,
        [
            (
                REVOCATION_RECEIPT_RECORD,
                "imprisonment_receipt",
                blank[REVOCATION_RECEIPT_RECORD.name],
            ),
            (IMPRISONMENT_DECIDE, "imprisonment_decide", blank[IMPRISONMENT_DECIDE.name]),
        ],
    )
    decisions = (
        ApprovalDecision.objects.filter(case=case)
        .select_related("authority", "document", "imprisonment")
        .prefetch_related("deliveries__recipient")
        .order_by("decided_at", "id")
    )
    pending = (
        RevocationProposal.objects.filter(
            supervision=record, status__in=[ProposalStatus.SENT, ProposalStatus.RECEIVED]
        )
        .select_related("sent_to", "proposing_organisation")
        .first()
    )
    return {
        "record": record,
        "decisions": decisions,
        "pending": pending,
        "clocks": deadlines_of(case, kinds=["D-20"]).order_by("due_at"),
        "acts": offered,
    }


IMPRISONMENT_SECTION = section_register(
    Section(
        key="imprisonment",
        title=_("Decisions of the case; the decision on imprisonment"),
        template="supervision/imprisonment/_section.html",
        order=80,
        context=_context,
    )
)
