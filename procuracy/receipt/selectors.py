"""What is addressed to a procuratorate and awaits its acknowledgement (签收), and what it has
acknowledged: the prison's copies (`cases.ProcuratorateCopy`) and the decisions delivered to it
(`approvals.Delivery`, purpose procuratorate). Each list is one query, whatever its length."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from approvals.models import Delivery
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, ProcuratorateCopy

from .copykinds import KINDS as COPY_KINDS
from .copykinds import CopyKind
from .models import RecordAcknowledgement

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _sender_name() -> Subquery:
    return Subquery(
        CaseParticipant.objects.filter(case=OuterRef("case"), capacity=Capacity.INSTITUTION)
        .order_by("pk")
        .values("organisation__name")[:1]
    )


def copies_to(procuratorate_id: int | None) -> QuerySet[ProcuratorateCopy]:
    """The copies in force addressed to this procuratorate, with the case, the offender and the
    sending institution."""
    copies: QuerySet[ProcuratorateCopy] = (
        ProcuratorateCopy.objects.in_force()
        .filter(procuratorate_id=procuratorate_id)
        .select_related("case__offender", "acknowledgement__acknowledged_by")
        .annotate(sender_name=_sender_name())
    )
    return copies


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


@dataclass
class CopyRow:
    """One record supervision copied to the procuratorate, as the inbox and the lane list it."""

    kind: CopyKind
    pk: int
    case_pk: int
    case_number: str
    offender: str
    sent: dt.datetime | None
    sender: str | None
    #: The procuratorate the record names; None: the case's procuratorates.
    addressee: int | None
    #: The receipt the record itself keeps (the report's copy), whoever recorded it.
    received: dt.datetime | None
    acknowledgement: RecordAcknowledgement | None = None
    acknowledgements: list[RecordAcknowledgement] = field(default_factory=list)
    #: On the lane: the user's procuratorate is addressed and has not acknowledged it yet.
    awaiting_me: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind.key}-{self.pk}"


def _rows(kind: CopyKind, records: QuerySet[Any]) -> list[CopyRow]:
    return [
        CopyRow(kind=kind, **{name.removeprefix("row_"): value for name, value in row.items()})
        for row in kind.rows(records)
    ]


def _kinds(only: str | None) -> list[CopyKind]:
    return [k for k in COPY_KINDS.values() if only in (None, "", k.key)]


def records_awaiting(procuratorate_id: int | None, only: str | None = None) -> list[CopyRow]:
    """The records of every kind (or of one) addressed to this procuratorate and not yet
    acknowledged by it, oldest first: one query per kind, whatever their number."""
    rows: list[CopyRow] = []
    for kind in _kinds(only):
        done = RecordAcknowledgement.objects.filter(
            target_type=kind.content_type(), procuratorate_id=procuratorate_id or 0
        ).values("target_id")
        records = kind.addressed_to(procuratorate_id).exclude(pk__in=done)
        if kind.received_field is not None:
            records = records.filter(**{f"{kind.received_field}__isnull": True})
        rows += _rows(kind, records)
    return sorted(rows, key=lambda r: (r.sent or _EPOCH, r.kind.key, r.pk))


def records_acknowledged(
    procuratorate_id: int | None, only: str | None = None, limit: int = 20
) -> list[CopyRow]:
    """The latest acknowledgements of this procuratorate with their records: one query, then
    one per kind among them."""
    kinds = {k.key: k for k in _kinds(only)}
    acknowledgements = list(
        RecordAcknowledgement.objects.filter(procuratorate_id=procuratorate_id or 0, kind__in=kinds)
        .select_related("acknowledged_by")
        .order_by("-acknowledged_at", "-pk")[:limit]
    )
    by_kind: dict[str, list[int]] = {}
    for a in acknowledgements:
        by_kind.setdefault(a.kind, []).append(a.target_id)
    found: dict[tuple[str, int], CopyRow] = {}
    for key, ids in by_kind.items():
        kind = kinds[key]
        for row in _rows(kind, kind.model._default_manager.filter(pk__in=ids)):
            found[(key, row.pk)] = row
    rows = []
    for a in acknowledgements:
        match = found.get((a.kind, a.target_id))
        if match is not None:
            match.acknowledgement = a
            rows.append(match)
    return rows


def records_of_case(case_id: int) -> list[CopyRow]:
    """Every record of this case copied to a procuratorate, with its acknowledgements (the
    lane's `receipt` section): one query per kind, and one for the acknowledgements."""
    rows: list[CopyRow] = []
    for kind in COPY_KINDS.values():
        rows += _rows(kind, kind.records().filter(**{kind.case_path: case_id}))
    if not rows:
        return rows
    wanted = Q()
    for row in rows:
        wanted |= Q(kind=row.kind.key, target_id=row.pk)
    acknowledgements: dict[tuple[str, int], list[RecordAcknowledgement]] = {}
    for a in (
        RecordAcknowledgement.objects.filter(wanted)
        .select_related("procuratorate", "acknowledged_by")
        .order_by("acknowledged_at", "pk")
    ):
        acknowledgements.setdefault((a.kind, a.target_id), []).append(a)
    for row in rows:
        row.acknowledgements = acknowledgements.get((row.kind.key, row.pk), [])
    return sorted(rows, key=lambda r: (r.sent or _EPOCH, r.kind.key, r.pk))
