"""`Idempotency-Key` for the API's POSTs: a retried request returns the first answer and the
act is taken once (issue 10 item 3).

The protocol, for a request of an authenticated user carrying the header:

1. The key is claimed by inserting an `in_progress` row in its own, committed transaction,
   unique per user and key. If the row exists already:
   - `done` with the same fingerprint: the stored answer is replayed, with the header
     `Idempotent-Replayed: true`, and nothing runs;
   - another fingerprint (another path or body under the same key): 422;
   - `in_progress`: another request with this key is running: 409, unless it was claimed more
     than `TAKEOVER_AFTER` ago (its process died): then this request takes it over.
2. The view runs: the act in its own transaction. The claim is deliberately *not* part of that
   transaction: a signed act counts wrong one-time passwords after its own rollback
   (`second_factor_failures_recorded`), which an outer transaction would roll back too.
3. A 2xx answer is stored (`done`); any other answer or exception deletes the claim, so that a
   corrected request may use the same key.

A process dying between the act's commit and step 3 leaves the claim `in_progress`; a retry
after `TAKEOVER_AFTER` runs the request again, and the act's own `expected_state` check
refuses it as stale (409) rather than taking it twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
#: A claim older than this belongs to a request whose process died: it may be taken over.
TAKEOVER_AFTER = dt.timedelta(minutes=5)
#: Printable ASCII without spaces, as UUIDs and the usual client-generated keys are.
KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,200}")

#: The header in the OpenAPI schema of every POST that honours it.
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "A key of your choice (1-200 printable ASCII characters, e.g. a UUID). A retried "
        "request with the same key returns the first answer (header Idempotent-Replayed: "
        "true) and does nothing twice; the same key with another request is refused (422); "
        "while the first request runs, 409."
    ),
)


def request_fingerprint(request: Request) -> str:
    """SHA-256 of the method, the path and the body in a canonical form (keys sorted, files
    by their content's hash), so that the same request sent again has the same fingerprint."""
    canonical = json.dumps(
        [request.method, request.path, _canonical(request.data)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": value.name, "sha256": digest.hexdigest()}
    if hasattr(value, "lists"):  # QueryDict of a form or multipart body
        return {str(k): [_canonical(v) for v in vs] for k, vs in value.lists()}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def _refusal(status: int, code: str, detail: str) -> Response:
    return Response({"detail": detail, "code": code}, status=status)


def _claim(user: Any, key: str, fingerprint: str) -> IdempotentRequest | Response:
    """The claimed row, or the answer when the key is taken (replay, 422 or 409)."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return IdempotentRequest.objects.create(
                    user=user,
                    key=key,
                    fingerprint=fingerprint,
                    status=IdempotentRequest.Status.IN_PROGRESS,
                )
        except IntegrityError:
            pass
        existing = IdempotentRequest.objects.filter(user=user, key=key).first()
        if existing is None:  # released by a refused request in between: claim again
            continue
        if existing.fingerprint != fingerprint:
            return _refusal(
                422,
                "idempotency_key_reused",
                _("This Idempotency-Key was used for another request."),
            )
        if existing.status == IdempotentRequest.Status.DONE:
            return Response(
                existing.response_body,
                status=existing.response_status,
                headers={REPLAYED_HEADER: "true"},
            )
        now = timezone.now()
        taken = IdempotentRequest.objects.filter(
            pk=existing.pk,
            status=IdempotentRequest.Status.IN_PROGRESS,
            created_at__lt=now - TAKEOVER_AFTER,
        ).update(created_at=now)
        if taken:
            existing.created_at = now
            return existing
        return _refusal(
            409,
            "idempotency_in_progress",
            _("A request with this Idempotency-Key is being processed."),
        )
    return _refusal(
        409, "idempotency_in_progress", _("A request with this Idempotency-Key is being processed.")
    )


def idempotently(request: Request, run: Callable[[], Response]) -> Response:
    """Answer `request` with `run()`, once per `Idempotency-Key` of the user (see above).
    Without the header, `run()` answers as usual."""
    key = request.headers.get(HEADER)
    if key is None or not request.user.is_authenticated:
        return run()
    if not KEY_PATTERN.fullmatch(key):
        return _refusal(
            400,
            "invalid_idempotency_key",
            _("The Idempotency-Key must be 1-200 printable ASCII characters without spaces."),
        )
    claimed = _claim(request.user, key, request_fingerprint(request))
    if isinstance(claimed, Response):
        return claimed
    try:
        response = run()
    except BaseException:
        IdempotentRequest.objects.filter(pk=claimed.pk).delete()
        raise
    if 200 <= response.status_code < 300:
        body = json.loads(json.dumps(response.data, cls=JSONEncoder))
        IdempotentRequest.objects.filter(pk=claimed.pk).update(
            status=IdempotentRequest.Status.DONE,
            response_status=response.status_code,
            response_body=body,
        )
    else:
        IdempotentRequest.objects.filter(pk=claimed.pk).delete()
    return response


def idempotent(view: Callable[..., Response]) -> Callable[..., Response]:
    """`idempotently` as a decorator of an API view method `(self, request, *args, **kwargs)`."""

    @wraps(view)
    def wrapped(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        return idempotently(request, lambda: view(self, request, *args, **kwargs))

    return wrapped


#: How long a stored answer is replayed. A client retries within minutes; a day covers a
#: client that was offline overnight. After it the key may be used again.
KEPT_FOR = dt.timedelta(hours=24)


def idempotent_requests_expire(*, now: dt.datetime | None = None) -> int:
    """Forget stored answers older than `KEPT_FOR` (and claims abandoned as long), so the
    table stays the size of a day's API writes; returns how many were removed."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    removed, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return removed
