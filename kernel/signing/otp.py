"""Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits).

The code proves that the person signing holds the device enrolled for that user, so the
signing key is used only under the signer's control (Electronic Signature Law of the PRC
Art 13), not by whoever sits at an unlocked session.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import struct
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kernel.audit.services import audit_record

from .models import SecondFactor

STEP_SECONDS = 30
DIGITS = 6
#: Accept the previous and the next step too: phones' clocks drift.
DRIFT_STEPS = 1
ISSUER = "TEOP"


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def _time_step(at: dt.datetime | float | None = None) -> int:
    if at is None:
        at = timezone.now()
    seconds = at.timestamp() if isinstance(at, dt.datetime) else float(at)
    return int(seconds // STEP_SECONDS)


def hotp(secret: str, counter: int) -> str:
    """RFC 4226 HOTP value of `counter`, as a zero-padded 6-digit string."""
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def totp_code(secret: str, at: dt.datetime | float | None = None) -> str:
    """The code shown by an authenticator for `secret` at `at` (default: now)."""
    return hotp(secret, _time_step(at))


def _normalise(code: str) -> str:
    return "".join(str(code).split())


def _accept(second_factor: SecondFactor, code: str, at: dt.datetime | None) -> bool:
    """Match `code` against the steps around `at`; on success remember the step (no replay).

    The caller holds the row lock.
    """
    code = _normalise(code)
    if len(code) != DIGITS or not code.isdigit():
        return False
    now_step = _time_step(at)
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if step <= second_factor.last_used_step:
            continue
        if hmac.compare_digest(hotp(second_factor.secret, step), code):
            second_factor.last_used_step = step
            second_factor.save(update_fields=["last_used_step"])
            return True
    return False


def totp_verify(user: Any, code: str, *, at: dt.datetime | None = None) -> bool:
    """Whether `code` is the user's current code, not used before; needs a confirmed factor."""
    with transaction.atomic():
        second_factor = (
            SecondFactor.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if second_factor is None:
            return False
        return _accept(second_factor, code, at)


def _random_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()  # 160 bits, as RFC 4226 advises


@transaction.atomic
def second_factor_enrol(user: Any, *, reset: bool = False) -> SecondFactor:
    """Give the user an unconfirmed authenticator secret.

    An existing secret is kept (reloading the set-up page shows the same one) unless `reset`,
    which replaces it and requires confirming the new one.
    """
    existing = SecondFactor.objects.select_for_update().filter(user=user).first()
    if existing is not None and not reset:
        return existing
    second_factor = existing or SecondFactor(user=user)
    second_factor.secret = _random_secret()
    second_factor.confirmed_at = None
    second_factor.last_used_step = 0
    second_factor.save()
    audit_record(
        actor=user,
        action="second_factor.enrolled",
        obj=second_factor,
        payload={"reset": reset},
    )
    return second_factor


@transaction.atomic
def second_factor_confirm(*, user: Any, code: str, at: dt.datetime | None = None) -> bool:
    """Confirm the enrolled secret with a code from the app; False if the code is wrong."""
    second_factor = SecondFactor.objects.select_for_update().filter(user=user).first()
    if second_factor is None or not _accept(second_factor, code, at):
        return False
    if second_factor.confirmed_at is None:
        second_factor.confirmed_at = timezone.now()
        second_factor.save(update_fields=["confirmed_at"])
        audit_record(actor=user, action="second_factor.confirmed", obj=second_factor)
    return True


def otpauth_uri(user: Any) -> str:
    """The `otpauth://` URI an authenticator app reads (usually from a QR code)."""
    second_factor = SecondFactor.objects.get(user=user)
    label = quote(f"{ISSUER}:{user.get_username()}")
    query = urlencode(
        {
            "secret": second_factor.secret,
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def demo_secret(username: str) -> str:
    """A deterministic secret for a demo user, derived from SECRET_KEY and the username."""
    digest = hmac.new(
        str(settings.SECRET_KEY).encode(), f"teop-demo-otp:{username}".encode(), hashlib.sha1
    ).digest()
    return base64.b32encode(digest).decode()


@transaction.atomic
def second_factor_demo_setup(users: Iterable[Any]) -> list[SecondFactor]:
    """Give each demo user a confirmed factor with a reproducible secret.

    `manage.py otp_code <username>` then prints the code a demo signer types in.
    """
    made = []
    for user in users:
        second_factor, _created = SecondFactor.objects.update_or_create(
            user=user,
            defaults={
                "secret": demo_secret(user.get_username()),
                "confirmed_at": timezone.now(),
            },
        )
        made.append(second_factor)
    return made
