"""Models of this part of community correction (see the package docstring): the personal
reporting link of a contact (only the token's hash is kept), what the person or the guarantor
sends (a draft the officer accepts or rejects) and its attached files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence
from kernel.accounts.models import Organisation

from ..models import SUPERVISION_ENDED, Supervision, SupervisionContact


class ReportingLink(models.Model):
    """A personal link to the reporting page, sent by SMS to one contact: the random token
    itself is never stored, only its SHA-256; it lapses at `expires_at` (the end of
    supervision) and is revoked when reissued, when the contact is replaced or when community
    correction ends."""

    contact = models.ForeignKey(
        SupervisionContact, on_delete=models.CASCADE, related_name="reporting_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(_("link issued at"))
    expires_at = models.DateTimeField(_("link valid until"))
    revoked_at = models.DateTimeField(_("link revoked at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting link")
        verbose_name_plural = _("reporting links")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact} — {self.issued_at:%Y-%m-%d}"

    def is_live(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at


class SelfReportKind(models.TextChoices):
    REEXAMINATION = "reexamination", _("Result of the hospital re-examination")
    LEAVE = "leave", _("Request to leave the area or move")
    HOSPITALISATION = "hospitalisation", _("Stay in hospital")
    GUARANTOR_CHANGE = "guarantor_change", _("Change of the guarantor's circumstances")


class SelfReportStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting the officer")
    ACCEPTED = "accepted", _("Accepted by the officer")
    REJECTED = "rejected", _("Rejected by the officer")


class SelfReport(models.Model):
    """What the person under supervision or the guarantor sent from the reporting page: a
    draft until an officer of the executing institution accepts or rejects it."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="self_reports"
    )
    contact = models.ForeignKey(
        SupervisionContact, on_delete=models.PROTECT, related_name="self_reports"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SelfReportKind.choices)
    #: The fields of the kind (dates as ISO text), as the sender entered them.
    content = models.JSONField(_("content"), default=dict)
    hospital = models.ForeignKey(
        Organisation,
        verbose_name=_("hospital"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SelfReportStatus.choices,
        default=SelfReportStatus.DRAFT,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="+")

    class Meta:
        verbose_name = _("self-report")
        verbose_name_plural = _("self-reports")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["supervision", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.submitted_at:%Y-%m-%d}"


class SelfReportAttachment(models.Model):
    """A file sent with a self-report: size bounded, type sniffed from its content (PDF, JPEG,
    PNG), fingerprinted; kept apart from the case file until the officer accepts it."""

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="selfreport/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


@receiver(post_save, sender=Supervision, dispatch_uid="selfreport_links_end_with_supervision")
def _links_end_with_supervision(sender: Any, instance: Supervision, **kwargs: Any) -> None:
    """Community correction has ended (expiry, death, …): every reporting link is revoked."""
    if instance.state in SUPERVISION_ENDED:
        ReportingLink.objects.filter(contact__supervision=instance, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
