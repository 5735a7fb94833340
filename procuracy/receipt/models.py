"""The procuratorate's acknowledgement (签收) of a copy the prison sent it (P2014 Arts 8 ¶3,
13 ¶3). The prison's `cases.ProcuratorateCopy` stays as the prison recorded it; its
`received_on` is written from here, by the procuratorate, never by the sender.

The decisions delivered to the procuratorate are acknowledged on their own record
(`approvals.Delivery.received_at`, the act `delivery_receipt_record`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import ProcuratorateCopy
from kernel.accounts.models import Organisation


class CopyAcknowledgement(models.Model):
    copy = models.OneToOneField(
        ProcuratorateCopy, on_delete=models.CASCADE, related_name="acknowledgement"
    )
    procuratorate = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received on"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement of a copy")
        verbose_name_plural = _("acknowledgements of copies")
        indexes = [models.Index(fields=["procuratorate", "-acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.copy} {self.received_on}"


class RecordAcknowledgement(models.Model):
    """The procuratorate's acknowledgement (签收) of a record supervision copied or notified to
    it (`procuracy.receipt.copykinds`): the CCI's proposal for imprisonment (CCL Art 49 ¶1),
    the report on the return to custody (P2014 Art 24 ¶4), the notice of the hand-over (P2014
    Art 16). One per record and procuratorate: a record addressed to several procuratorates is
    acknowledged by each."""

    kind = models.CharField(_("kind of copy"), max_length=32)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    procuratorate = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received on"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement of a record")
        verbose_name_plural = _("acknowledgements of records")
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "procuratorate"],
                name="uniq_record_acknowledgement",
            )
        ]
        indexes = [models.Index(fields=["procuratorate", "-acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.target_id} {self.received_on}"
