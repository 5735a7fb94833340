"""Reads for the approving side's pages."""

from __future__ import annotations

from dataclasses import dataclass

from cases.models import Case
from kernel.deadlines.models import Deadline
from kernel.deadlines.selectors import deadlines_of

from .models import ApprovalDecision, Delivery


def delivery_clock_kind(delivery: Delivery, decision: ApprovalDecision, case: Case) -> str:
    """The statutory clock a delivery answers to. Art 14: the decision to the institution
    within 5 working days, the copies "at the same time" (D-05/D-06); the court serves within
    7 days of the judgment taking effect (D-12; Art 18 ¶2); CCL Art 20: the community-
    correction institution is notified within 5 days (D-13a), the documents follow within
    10 days with copies to the procuratorate and public security of the place (D-13b)."""
    if delivery.purpose == Delivery.Purpose.COMMUNITY_CORRECTION:
        return "D-13a"
    if delivery.purpose in (Delivery.Purpose.CCI_DOCUMENTS, Delivery.Purpose.PUBLIC_SECURITY):
        return "D-13b"
    if case.on_court_path:
        return "D-12"
    return "D-05" if decision.approved else "D-06"


@dataclass(frozen=True)
class DeliveryRow:
    delivery: Delivery
    clock: Deadline | None

    @property
    def late(self) -> bool:
        due = self.clock.due_at if self.clock else None
        done = self.delivery.received_at
        return bool(due and done and done > due)


def delivery_rows(case: Case) -> list[DeliveryRow]:
    """Every delivery of the case's decision with the clock it answers to (two queries)."""
    decision = getattr(case, "decision", None)
    if decision is None:
        return []
    clocks = {d.kind: d for d in deadlines_of(case)}
    return [
        DeliveryRow(d, clocks.get(delivery_clock_kind(d, decision, case)))
        for d in decision.deliveries.select_related("recipient").order_by("id")
    ]
