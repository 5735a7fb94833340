"""The audit event: append-only, each row chained to the previous one by a SHA-256 hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One thing that happened, by whom, on what, and why. Never updated, never deleted.

    On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002); `audit_verify` detects
    a row changed or removed behind the trigger's back through the hash chain.
    """

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    # Plain ids, not foreign keys: deleting a user or organisation must never cascade into
    # (or be blocked by) the log, and the names are kept as they were at the time.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    from_state = models.CharField(_("from state"), max_length=60, blank=True)
    to_state = models.CharField(_("to state"), max_length=60, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def canonical(self) -> dict[str, Any]:
        """The fields the hash covers, in a stable, JSON-serialisable form."""
        return {
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "from_state": self.from_state,
            "to_state": self.to_state,
            "reason": self.reason,
            "request_id": self.request_id,
            "payload": self.payload,
        }

    def compute_hash(self) -> str:
        body = json.dumps(self.canonical(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(f"{self.prev_hash}|{body}".encode()).hexdigest()
