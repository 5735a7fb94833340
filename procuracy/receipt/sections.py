"""The lane's `receipt` section: this case's copies and decisions addressed to a procuratorate
taking part in it, when each was sent and acknowledged, and, for the user's own procuratorate,
the acknowledgement forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Delivery
from cases.models import Case, ProcuratorateCopy
from kernel.accounts.roles import Role
from kernel.http import AuthenticatedHttpRequest

from ..lane import LaneSection, lane_section_register


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
    if not copies and not deliveries:
        return None
    mine = request.user.organisation_id if Role.PROCURATOR in request.user.role_codes else None
    return {
        "copies": copies,
        "deliveries": deliveries,
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
