"""The records supervision copies or notifies to a procuratorate, which the procuratorate
acknowledges (签收) in its inbox, one kind each (legal-spec §5 and T-B14, T-S04, T-S06):

- `revocation_copy`: the community-correction institution's proposal for imprisonment, sent
  by the county judicial administration with a copy to the procuratorate (CCL Art 49 ¶1;
  P2014 Art 23). Addressed by the record's own field `procuratorate_copy_to`.
- `custody_report`: the report on the return to custody, of which the county procuratorate of
  the residence is informed (P2014 Art 24 ¶4; DOC-30). Addressed by the copy's own field
  `recipient`; the receipt is also written on the copy (`received_at`), as its own act
  `custody_report_receipt_record` does.
- `hand_over`: the notice of the hand-over to community correction (P2014 Art 16; DOC-23).
  The record names no procuratorate: it is addressed to every procuratorate taking part in the
  case in the capacity PROCURATORATE (the procuratorates `_hand_over_effects` notifies), and
  each acknowledges it.
- `termination_certificate` (DOC-33, CCL Art 44) and `death_notice` (DOC-35, P2014 Art 28;
  CCL Art 51): the CCI's documents copied to the procuratorates of the case (the same rule
  as the hand-over: the document names them only in its list of copies).

A procuratorate that joins the case later (e.g. the county procuratorate informed of a return
to custody) is addressed too: the rule reads the participants as they are now.

The decisions supervision sends (the decision on imprisonment, the ruling on the period not
counted) are `approvals.Delivery` rows of purpose procuratorate and are acknowledged with
`delivery_receipt_record`, like the TEOP decision. Each kind's sender opens the soft clock
D-09a on the record when it sends; the acknowledgement meets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from supervision.caseload.models import SupervisionDocument, SupervisionDocumentKind
from supervision.custody.models import ReportAddressee, ReportCopy
from supervision.models import HandOver
from supervision.revocation.models import RevocationProposal


@dataclass(frozen=True)
class CopyKind:
    key: str
    label: Any  # a lazy translation
    article: str
    model: type[models.Model]
    #: The lookups from the record to its case, to the moment it was sent, to the sender.
    case_path: str
    sent_path: str
    sender_path: str
    #: Which records of the model are copies to a procuratorate.
    base: Q
    #: The record's own field naming the procuratorate addressed; None: the case's
    #: procuratorates in the capacity PROCURATORATE.
    own_field: str | None = None
    #: A field of the record that keeps the procuratorate's receipt (a moment), if any.
    received_field: str | None = None

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def records(self) -> QuerySet[Any]:
        return self.model._default_manager.filter(self.base)

    def addressed_to(self, procuratorate_id: int | None) -> QuerySet[Any]:
        if self.own_field is not None:
            return self.records().filter(**{f"{self.own_field}_id": procuratorate_id or 0})
        taking_part = CaseParticipant.objects.filter(
            case=OuterRef(self.case_path),
            organisation_id=procuratorate_id or 0,
            capacity=Capacity.PROCURATORATE,
        )
        return self.records().filter(Exists(taking_part))

    def addressees(self, record: Any) -> set[int]:
        """The procuratorates this record is addressed to."""
        if self.own_field is not None:
            own: int | None = getattr(record, f"{self.own_field}_id")
            return {own} if own is not None else set()
        case_id = self.records().filter(pk=record.pk).values_list(self.case_path, flat=True)
        return set(
            CaseParticipant.objects.filter(
                case_id__in=case_id, capacity=Capacity.PROCURATORATE
            ).values_list("organisation_id", flat=True)
        )

    def rows(self, records: QuerySet[Any]) -> QuerySet[Any]:
        """The inbox's columns of these records, one query."""
        # Prefixed: the names must not collide with the model's own fields (`addressee`).
        return records.values(
            "pk",
            row_case_pk=F(self.case_path),
            row_case_number=F(f"{self.case_path}__number"),
            row_offender=F(f"{self.case_path}__offender__name"),
            row_sent=F(self.sent_path),
            row_sender=F(f"{self.sender_path}__name"),
            row_addressee=F(self.own_field)
            if self.own_field is not None
            else Value(None, output_field=models.BigIntegerField()),
            row_received=F(self.received_field)
            if self.received_field is not None
            else Value(None, output_field=models.DateTimeField()),
        )

    def sent_on(self, record: Any) -> dt.date | None:
        row = self.rows(self.model._default_manager.filter(pk=record.pk)).first()
        sent: dt.datetime | None = row["row_sent"] if row else None
        return timezone.localdate(sent) if sent is not None else None


def _supervision_document(key: str, label: Any, article: str, kind: str) -> CopyKind:
    """A document the CCI issues and copies to the case's procuratorates (they are named only
    in its list of copies): sent when issued, by the organisation that issued it."""
    return CopyKind(
        key=key,
        label=label,
        article=article,
        model=SupervisionDocument,
        case_path="supervision__case",
        sent_path="document__created_at",
        sender_path="document__issuing_organisation",
        base=Q(kind=kind),
    )


KINDS: dict[str, CopyKind] = {
    k.key: k
    for k in (
        CopyKind(
            key="revocation_copy",
            label=_("Copy of the proposal for imprisonment"),
            article="CCL Art 49 ¶1",
            model=RevocationProposal,
            case_path="supervision__case",
            sent_path="sent_at",
            sender_path="judicial_administration",
            base=Q(sent_at__isnull=False, procuratorate_copy_to__isnull=False),
            own_field="procuratorate_copy_to",
        ),
        CopyKind(
            key="custody_report",
            label=_("Report on the return to custody"),
            article="P2014 Art 24 ¶4",
            model=ReportCopy,
            case_path="custody__supervision__case",
            sent_path="sent_at",
            sender_path="custody__receiving_institution",
            base=Q(addressed_as=ReportAddressee.PROCURATORATE),
            own_field="recipient",
            received_field="received_at",
        ),
        CopyKind(
            key="hand_over",
            label=_("Notice of the hand-over to community correction"),
            article="P2014 Art 16",
            model=HandOver,
            case_path="case",
            sent_path="procuratorate_notified_at",
            sender_path="recorded_by__organisation",
            base=Q(procuratorate_notified_at__isnull=False),
        ),
        _supervision_document(
            "termination_certificate",
            _("Certificate of termination of community correction"),
            "CCL Art 44",
            SupervisionDocumentKind.TERMINATION_CERTIFICATE,
        ),
        _supervision_document(
            "death_notice",
            _("Notice of death"),
            "P2014 Art 28; CCL Art 51",
            SupervisionDocumentKind.DEATH_NOTICE,
        ),
    )
}

KIND_CHOICES = [(k.key, k.label) for k in KINDS.values()]
