"""The first answer to an API request sent with an `Idempotency-Key` header, kept so that a
retried request gets the same answer and the act is not taken twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """One key of one user: claimed (`in_progress`) before the act runs, `done` with the
    stored answer after it succeeded; deleted when the act was refused, so that a corrected
    request with the same key can run."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("idempotency key"), max_length=200)
    #: SHA-256 of the method, the path and the canonical body: the same key with another
    #: request is refused (422), not answered with the first request's result.
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="uniq_idempotent_user_key")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key} ({self.status})"
