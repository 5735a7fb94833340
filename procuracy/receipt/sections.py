"""The lane's `receipt` section: this case's copies and decisions addressed to a procuratorate
taking part in it, when each was sent and acknowledged, and, for the user's own procuratorate,
the acknowledgement forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Delivery
from cases.jurisdiction import Capacity
from cases.models import Case, ProcuratorateCopy
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..lane import LaneSection, lane_section_register
from .selectors import records_of_case


def receipt_context(
    request: AuthenticatedHttpRequest, case: Case, forms: Mapping[str, Any]
) -> dict[str, Any] | None:
    copies = list(
        ProcuratorateCopy.objects.in_force()
        .filter(case=case)
        .select_related("procuratorate", "acknowledgement__acknowledged_by")
        .order_by("sent_on", "pk")
    )
    deliveries = list(
        Delivery.objects.filter(decision__case=case, purpose=Delivery.Purpose.PROCURATORATE)
        .select_related("decision__authority", "recipient")
        .order_by("sent_at", "pk")
    )
    records = records_of_case(case.pk)
    if not copies and not deliveries and not records:
        return None
    mine = request.user.organisation_id if Role.PROCURATOR in request.user.role_codes else None
    taking_part = {
        p.organisation_id for p in case.participants.all() if p.capacity == Capacity.PROCURATORATE
    }
    for row in records:
        addressed = row.addressee == mine if row.addressee is not None else mine in taking_part
        row.awaiting_me = (
            mine is not None
            and addressed
            and row.received is None
            and all(a.procuratorate_id != mine for a in row.acknowledgements)
        )
    return {
        "copies": copies,
        "deliveries": deliveries,
        "records": records,
        "mine": mine,
        "today": timezone.localdate(),
    }


RECEIPT_SECTION = lane_section_register(
    LaneSection(
        key="receipt",
        title=_("Copies and decisions received"),
        template="procuracy/receipt/_section.html",
        order=10,
        context=receipt_context,
    )
)
