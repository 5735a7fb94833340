"""What is addressed to a procuratorate and awaits its acknowledgement (签收), and what it has
acknowledged: the prison's copies (`cases.ProcuratorateCopy`) and the decisions delivered to it
(`approvals.Delivery`, purpose procuratorate). Each list is one query, whatever its length."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from approvals.models import Delivery
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, ProcuratorateCopy


def _sender_name() -> Subquery:
    return Subquery(
        CaseParticipant.objects.filter(case=OuterRef("case"), capacity=Capacity.INSTITUTION)
        .order_by("pk")
        .values("organisation__name")[:1]
    )


def copies_to(procuratorate_id: int | None) -> QuerySet[ProcuratorateCopy]:
    """The copies in force addressed to this procuratorate, with the case, the offender and the
    sending institution."""
    return (
        ProcuratorateCopy.objects.in_force()
        .filter(procuratorate_id=procuratorate_id)
        .select_related("case__offender", "acknowledgement__acknowledged_by")
        .annotate(sender_name=_sender_name())
    )


def copies_awaiting(procuratorate_id: int | None) -> QuerySet[ProcuratorateCopy]:
    return (
        copies_to(procuratorate_id).filter(acknowledgement__isnull=True).order_by("sent_on", "pk")
    )


def copies_acknowledged(procuratorate_id: int | None) -> QuerySet[ProcuratorateCopy]:
    return (
        copies_to(procuratorate_id)
        .filter(acknowledgement__isnull=False)
        .order_by("-acknowledgement__acknowledged_at", "-pk")
    )


def deliveries_to(procuratorate_id: int | None) -> QuerySet[Delivery]:
    """The decisions delivered to this procuratorate, with the case and the deciding organ."""
    return Delivery.objects.filter(
        recipient_id=procuratorate_id, purpose=Delivery.Purpose.PROCURATORATE
    ).select_related("decision__case__offender", "decision__authority")


def deliveries_awaiting(procuratorate_id: int | None) -> QuerySet[Delivery]:
    return (
        deliveries_to(procuratorate_id).filter(received_at__isnull=True).order_by("sent_at", "pk")
    )


def deliveries_acknowledged(procuratorate_id: int | None) -> QuerySet[Delivery]:
    return (
        deliveries_to(procuratorate_id)
        .filter(received_at__isnull=False)
        .order_by("-received_at", "-pk")
    )
