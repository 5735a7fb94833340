"""The audit event: append-only, chained per stream by keyed hashes (HMAC-SHA-256)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64

#: The events written before streams and keyed hashes (migration 0003): one chain in id
#: order, plain SHA-256 without stream or sequence. Verified the old way and pinned by the
#: keyed `audit.legacy_sealed` event in the "system" stream; nothing is appended to it.
LEGACY_STREAM = "system-v1"
SYSTEM_STREAM = "system"


def audit_hmac_key() -> bytes:
    """The key of the audit hashes. It lives in the environment, never in the database."""
    key = str(getattr(settings, "AUDIT_HMAC_KEY", ""))
    if not key:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("TEOP_AUDIT_HMAC_KEY is not set: audit events cannot be keyed.")
    return key.encode()


class AuditEvent(models.Model):
    """One thing that happened, by whom, on what, and why. Never updated, never deleted.

    Events form one chain per stream (a case, an organisation, the system), numbered 1, 2, ...
    without gaps; each hash is an HMAC of the previous hash and the event's contents under a
    key the database never holds. On PostgreSQL a trigger refuses UPDATE and DELETE
    (migration 0002) and the application's role may only SELECT and INSERT (migration 0004);
    `audit_verify` detects a row changed, inserted or removed behind their backs through the
    chains and the signed checkpoints kept outside the database.
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
    stream = models.CharField(_("stream"), max_length=80)
    seq = models.BigIntegerField(_("sequence number"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="audit_stream_seq_unique")
        ]

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

    def compute_hash(self, key: bytes | None = None) -> str:
        """The event's hash: plain SHA-256 in the sealed legacy stream, else HMAC-SHA-256 over
        the previous hash, the stream, the sequence number and the contents."""
        if self.stream == LEGACY_STREAM:
            return legacy_hash(prev_hash=self.prev_hash, canonical=self.canonical())
        canonical = {**self.canonical(), "stream": self.stream, "seq": self.seq}
        return keyed_hash(prev_hash=self.prev_hash, canonical=canonical, key=key)


def keyed_hash(*, prev_hash: str, canonical: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA-256 of the previous hash and the canonical contents (stream and seq included).
    Module-level so migration 0003 hashes its seal exactly as the model does."""
    body = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    message = f"v2|{prev_hash}|{body}".encode()
    return hmac.new(key or audit_hmac_key(), message, hashlib.sha256).hexdigest()


def legacy_hash(*, prev_hash: str, canonical: dict[str, Any]) -> str:
    """The hash before migration 0003: plain SHA-256, which anyone can recompute."""
    body = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{prev_hash}|{body}".encode()).hexdigest()
