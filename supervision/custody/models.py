"""Models of this part (imported by `supervision.models`): the return to custody of one
supervision (P2014 Arts 24-25; CCL Arts 49 ¶3-4, 50) and the copies of its report (DOC-30)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation

from ..models import Supervision


class CustodyReturn(models.Model):
    """After the decision on imprisonment: which institution takes the person in, absconding
    and arrest (T-S06a/b), and the return itself with its report (T-S06, DOC-30). One per
    supervision; each part is written only by its own act."""

    supervision = models.OneToOneField(
        Supervision, on_delete=models.CASCADE, related_name="custody_return"
    )
    # The institution designated to take the person in (P2014 Art 24).
    receiving_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("receiving institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    designated_at = models.DateTimeField(_("designated at"), null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Absconding after the decision and the arrest (P2014 Art 25; CCL Art 50).
    absconded_on = models.DateField(_("at large since"), null=True, blank=True)
    absconding_facts = models.TextField(_("facts of the absconding"), blank=True)
    pursuing_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("public security organ pursuing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    arrested_at = models.DateTimeField(_("arrested at"), null=True, blank=True)
    arrested_by = models.CharField(_("arrested by"), max_length=120, blank=True)
    # The return (P2014 Art 24; CCL Art 49 ¶3-4).
    taken_in_at = models.DateTimeField(_("taken into custody at"), null=True, blank=True)
    escort_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("escorted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escort_officers = models.CharField(_("escort officers"), max_length=200, blank=True)
    report = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("report on the return to custody"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("return to custody")
        verbose_name_plural = _("returns to custody")

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.receiving_institution or '—'}"


class ReportAddressee(models.TextChoices):
    """Who the report on the return goes to (P2014 Art 24 ¶4; legal-spec DOC-30)."""

    DECIDING_ORGAN = "deciding_organ", _("Report to the deciding organ")
    PROCURATORATE = "procuratorate", _("Informed: the county procuratorate of the residence")
    ORIGINAL_COURT = "original_court", _("Informed: the original court")


class ReportCopy(models.Model):
    """The report (DOC-30) sent to one organ, when it was sent and when it was received."""

    custody = models.ForeignKey(CustodyReturn, on_delete=models.CASCADE, related_name="copies")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    addressed_as = models.CharField(
        _("addressed as"), max_length=16, choices=ReportAddressee.choices
    )
    sent_at = models.DateTimeField(_("sent at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)

    class Meta:
        verbose_name = _("copy of the report on the return to custody")
        verbose_name_plural = _("copies of the report on the return to custody")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["custody", "recipient", "addressed_as"], name="uniq_custody_report_copy"
            )
        ]

    def __str__(self) -> str:
        return f"{self.custody} → {self.recipient}"
