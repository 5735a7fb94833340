"""The question put to the deciding organ: revoke the temporary execution and imprison?

`RevocationProposal` is one question, from its origin to its answer:
- the community-correction institution's proposal for imprisonment (DOC-27; P2014 Art 23 ¶1;
  CCL Art 49 ¶1), examined and approved by the county judicial administration of the residence
  before it is sent (P2014 Art 23 ¶1), with a copy to the procuratorate (CCL Art 49 ¶1);
- or the procuratorate's suggestion to imprison (DOC-29; P2014 Art 23 ¶2; SPP-Rules Art 634),
  sent straight to the deciding organ.
The deciding organ records its receipt (T-S04, D-20: 30 days, CCL Art 49 ¶2) and answers with
a decision of the case (`approvals.ApprovalDecision` of kind "imprisonment", DOC-28, or its
rejection with reasons, T-S05x).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence
from kernel.accounts.models import Organisation

from ..models import RevocationGround, Supervision


class ProposalOrigin(models.TextChoices):
    CCI = "cci", _("Proposal of the community-correction institution (DOC-27)")
    PROCURATORATE = "procuratorate", _("Suggestion of the procuratorate (DOC-29)")


class ProposalStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the county judicial administration")
    SENT = "sent", _("Sent to the deciding organ")
    RECEIVED = "received", _("Received by the deciding organ")
    DECIDED = "decided", _("Imprisonment decided")
    REJECTED = "rejected", _("Rejected by the deciding organ")
    WITHDRAWN = "withdrawn", _("Not approved or withdrawn")


class RevocationProposal(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="revocation_proposals"
    )
    origin = models.CharField(_("origin"), max_length=16, choices=ProposalOrigin.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.AWAITING_APPROVAL,
    )
    # The grounds of list R (legal-spec §3.4): codes of `RevocationGroundKind`, several at once,
    # and the grounds that supervision acts raised with their records as evidence.
    grounds = models.JSONField(_("grounds"), default=list)
    raised_grounds = models.ManyToManyField(
        RevocationGround, verbose_name=_("grounds raised by supervision acts"), blank=True
    )
    reasons = models.TextField(_("reasons"))
    evidence = models.ManyToManyField(
        Evidence, verbose_name=_("evidence"), blank=True, related_name="+"
    )
    # Which uploaded evidence proves which ground: {ground code: [evidence ids]}.
    ground_evidence = models.JSONField(_("evidence by ground"), default=dict, blank=True)
    # The officer asks for electronic monitoring while the proposal is examined (CCL Art 29
    # ¶1(5)); the monitoring itself is approved and recorded by `supervision.discipline`.
    monitoring_requested = models.BooleanField(
        _("electronic monitoring while the proposal is examined"), default=False
    )
    # CCL Art 49 ¶1: the officer may address the organ of the execution place instead of the
    # original deciding organ.
    execution_place_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("organ of the execution place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A period not to be counted toward the sentence (P2014 Art 26 ¶1): explained and proved.
    non_counted_claimed = models.BooleanField(_("a period is not to be counted"), default=False)
    non_counted_first_day = models.DateField(_("not counted from"), null=True, blank=True)
    non_counted_last_day = models.DateField(_("not counted until"), null=True, blank=True)
    non_counted_explanation = models.TextField(_("explanation of the period"), blank=True)
    non_counted_proof = models.ForeignKey(
        Evidence,
        verbose_name=_("proof of the period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposing_organisation = models.ForeignKey(
        Organisation, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    number = models.CharField(_("document number"), max_length=80, blank=True)
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The county judicial administration's examination (P2014 Art 23 ¶1).
    judicial_administration = models.ForeignKey(
        Organisation,
        verbose_name=_("county judicial administration"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    examined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    examined_at = models.DateTimeField(_("examined at"), null=True, blank=True)
    examination_opinion = models.TextField(_("opinion of the examination"), blank=True)
    # Sent to the deciding organ (or the organ of the execution place, CCL Art 49 ¶1).
    sent_to = models.ForeignKey(
        Organisation,
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    procuratorate_copy_to = models.ForeignKey(
        Organisation,
        verbose_name=_("copy to the procuratorate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "approvals.ApprovalDecision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposal for imprisonment")
        verbose_name_plural = _("proposals for imprisonment")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.get_origin_display()}"
