"""Models of this part (imported by `supervision.models`).

The decision on imprisonment is a decision of the case (`approvals.ApprovalDecision` of kind
"imprisonment", with its number, document, signature and deliveries); `ImprisonmentDecision`
keeps what only this decision has: the question it answers (the proposal or suggestion, or the
procuratorial objection of P2014 Art 30), the grounds, when it took effect (a court's decision
at once, SPC-Interp Art 517) and the period the court fixed as not counted (SPC-Interp Art 518).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Supervision


class ImprisonmentDecision(models.Model):
    """What the deciding organ decided on the question of imprisonment (T-S05 / T-S05x; P2014
    Arts 23, 30; CCL Art 49 ¶2; SPC-Interp Arts 517-518)."""

    decision = models.OneToOneField(
        "approvals.ApprovalDecision", on_delete=models.PROTECT, related_name="imprisonment"
    )
    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, related_name="imprisonment_decisions"
    )
    proposal = models.ForeignKey(
        "supervision.RevocationProposal",
        verbose_name=_("proposal for imprisonment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objection = models.ForeignKey(
        "approvals.ProcuratorialObjection",
        verbose_name=_("procuratorial objection"),
        help_text=_("P2014 Art 30: revoked on re-examination after the release."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grounds = models.JSONField(_("grounds"), default=list)
    effective_at = models.DateTimeField(
        _("effective at"),
        null=True,
        blank=True,
        help_text=_("SPC-Interp Art 517: a court's decision takes effect at once."),
    )
    non_counted_period = models.ForeignKey(
        "cases.NonCountedPeriod",
        verbose_name=_("period not counted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision on imprisonment")
        verbose_name_plural = _("decisions on imprisonment")

    def __str__(self) -> str:
        return str(self.decision)
