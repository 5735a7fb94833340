"""Which chain an audit event joins, and the lock that serialises appends to that chain only.

One chain per case (and per organisation for what is not about a case) means two clerks
working on unrelated cases never wait for each other's audit append, while the events of one
case stay totally ordered. The kernel imports no domain app, so a case is recognised by its
model label.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import SYSTEM_STREAM

CASE_LABEL = "cases.Case"


def case_stream(case_id: object) -> str:
    return f"case:{case_id}"


def audit_stream_for(*, actor: Any, obj: models.Model | None) -> str:
    """ "case:<id>" when the object is a case or belongs to one, else "org:<id>" of the
    actor's organisation, else "system"."""
    if obj is not None:
        if obj._meta.label == CASE_LABEL and obj.pk is not None:
            return case_stream(obj.pk)
        case_id = getattr(obj, "case_id", None)
        if case_id is not None:
            return case_stream(case_id)
        # Objects that point at a case generically (a deadline's subject).
        subject_type_id = getattr(obj, "subject_type_id", None)
        subject_id = getattr(obj, "subject_id", None)
        if subject_type_id is not None and subject_id is not None:
            model = ContentType.objects.get_for_id(subject_type_id).model_class()
            if model is not None and model._meta.label == CASE_LABEL:
                return case_stream(subject_id)
    organisation_id = getattr(actor, "organisation_id", None) if actor is not None else None
    if organisation_id is not None:
        return f"org:{organisation_id}"
    return SYSTEM_STREAM


def stream_lock_key(stream: str) -> int:
    """A signed 64-bit advisory-lock key for the stream (pg_advisory_xact_lock(bigint)).

    Two streams sharing a key (odds about 2**-64 per pair) would only make them wait for each
    other, never break a chain.
    """
    digest = hashlib.sha256(f"teop-audit-stream:{stream}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
