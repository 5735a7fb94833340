"""The outbox: one row per recipient and channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation


class Channel(models.TextChoices):
    IN_APP = "in_app", _("Notification centre")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    POST = "post", _("Post / registry")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be delivered")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class Notice(models.Model):
    """A notice to a user (or an external organisation by post). Written in the same
    transaction as its cause; delivered by `services.notice_deliver`."""

    delivery_key = models.CharField(_("delivery key"), max_length=160, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
        null=True,
        blank=True,
    )
    recipient_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    severity = models.CharField(_("severity"), max_length=10, default="info")
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    #: Successful channel deliveries; the delivery key and row lock keep it at one.
    deliveries = models.PositiveSmallIntegerField(_("deliveries"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "channel", "status", "read_at"]),
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=models.Q(status="pending"),
                name="notice_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
