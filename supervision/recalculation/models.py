"""A period not counted toward the sentence, from the deciding organ's notice to the
intermediate court's ruling (legal-spec §3.4 T-S07; P2014 Art 26 ¶1; CPL Art 268 ¶3; MPS-Rules
Art 310; DOC-31; D-21).

`RecalculationProposal` is one question, from its notice to its answer: the deciding organ,
after examination, notifies the institution to propose; the institution's proposal (DOC-31
不计入执行刑期建议书) goes to the intermediate court of its place; the court records receipt
(D-21: one month) and rules (a decision of the case, `approvals.ApprovalDecision` of kind
"recalculation", 刑期重新计算裁定), served on the institution with a copy to the procuratorate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence, NonCountedPeriod
from kernel.accounts.models import Organisation

from ..models import Supervision


class RecalculationGround(models.TextChoices):
    """Why the time outside prison is not counted (CPL Art 268 ¶3)."""

    ILLEGAL_MEANS = (
        "illegal_means",
        _("Temporary execution obtained by bribery or other illegal means"),
    )
    ESCAPE = "escape", _("Escape during temporary execution")


class RecalculationStatus(models.TextChoices):
    NOTIFIED = "notified", _("The institution is notified to propose")
    PROPOSED = "proposed", _("Proposed to the intermediate court")
    RECEIVED = "received", _("Received by the intermediate court")
    RULED = "ruled", _("Ruled")


class RecalculationProposal(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="recalculation_proposals"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecalculationStatus.choices,
        default=RecalculationStatus.NOTIFIED,
    )
    # The claim: the period, its ground, its explanation and proof (P2014 Art 26 ¶1).
    ground = models.CharField(_("ground"), max_length=16, choices=RecalculationGround.choices)
    claimed_first_day = models.DateField(_("not counted from"))
    claimed_last_day = models.DateField(_("not counted until"))
    explanation = models.TextField(_("explanation of the period"))
    proof = models.ForeignKey(
        Evidence,
        verbose_name=_("proof of the period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_proposal = models.ForeignKey(
        "supervision.RevocationProposal",
        verbose_name=_("proposal for imprisonment that claimed the period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The deciding organ's notice (P2014 Art 26 ¶1).
    notifying_organisation = models.ForeignKey(
        Organisation, verbose_name=_("notified by"), on_delete=models.PROTECT, related_name="+"
    )
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notified_at = models.DateTimeField(_("notified at"))
    institution = models.ForeignKey(
        Organisation,
        verbose_name=_("prison or detention centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The institution's proposal (DOC-31) to the intermediate court of its place.
    court = models.ForeignKey(
        Organisation,
        verbose_name=_("intermediate people's court"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal_number = models.CharField(_("proposal number"), max_length=80, blank=True)
    proposal_document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The ruling (刑期重新计算裁定) and what it wrote on the sentence.
    ruling = models.ForeignKey(
        "approvals.ApprovalDecision",
        verbose_name=_("ruling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.ForeignKey(
        NonCountedPeriod,
        verbose_name=_("period not counted as ruled"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    expiry_before = models.DateField(_("expiry before the ruling"), null=True, blank=True)
    expiry_after = models.DateField(_("expiry after the ruling"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal not to count a period")
        verbose_name_plural = _("proposals not to count a period")
        ordering = ["-notified_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.claimed_first_day} – {self.claimed_last_day}"
