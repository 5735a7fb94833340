"""Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits).

The code proves that the person signing holds the device enrolled for that user, so the
signing key is used only under the signer's control (Electronic Signature Law of the PRC
Art 13), not by whoever sits at an unlocked session.

Why not django-otp: its TOTPDevice keeps the key in plaintext in the database and verifies and
throttles in its own saves, outside our deciding transaction, so a wrong code's count and the
decision it refuses could not be kept apart as below. The algorithm here is the RFC's twenty
lines, checked against the RFC 6238 test vectors (tests/kernel/test_second_factor.py), while
drift, replay, throttling and encryption at rest are ours and tested one by one.

Throttling: wrong codes are counted per user (THROTTLE_* below). A code is usually checked
inside the deciding transaction, which a wrong code rolls back, taking any counter written in
it along. So the check itself writes nothing on failure; it raises `SecondFactorRefused`, and
the service that opened the transaction is wrapped in `second_factor_failures_recorded`, which
counts the failure in a transaction of its own once the deciding one has rolled back.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import secrets
import struct
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernel.audit.services import audit_record

from .models import SecondFactor

STEP_SECONDS = 30
DIGITS = 6
#: Accept the previous and the next step too: phones' clocks drift.
DRIFT_STEPS = 1
ISSUER = "TEOP"

#: Wrong codes allowed within THROTTLE_WINDOW before the factor locks for THROTTLE_LOCKOUT.
THROTTLE_MAX_FAILURES = 5
THROTTLE_WINDOW = dt.timedelta(minutes=15)
THROTTLE_LOCKOUT = dt.timedelta(minutes=15)

SECOND_FACTOR_URL = "/account/second-factor/"


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
    secret = second_factor.secret
    now_step = _time_step(at)
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if step <= second_factor.last_used_step:
            continue
        if hmac.compare_digest(hotp(secret, step), code):
            second_factor.last_used_step = step
            second_factor.save(update_fields=["last_used_step"])
            return True
    return False


# -- refusals and throttling -------------------------------------------------------------------


def local_time(at: dt.datetime) -> str:
    """`at` as the clerk reads it: Beijing time (TIME_ZONE), to the minute."""
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


def _wrong_code_message() -> str:
    return _("The one-time password is wrong or has expired.")


def _locked_message(until: dt.datetime) -> str:
    return _(
        "Too many wrong one-time passwords: your signing code is locked until %(until)s "
        "(Beijing time). Try again after that time; if your phone is lost, ask your system "
        "administrator to reset it."
    ) % {"until": local_time(until)}


class SecondFactorRefused(ValidationError):
    """A one-time password was refused. Raised by the check, which writes nothing for it;
    `second_factor_failures_recorded` counts it after the caller's transaction is over."""

    def __init__(
        self,
        messages: list[str],
        *,
        factor_pk: int | None,
        at: dt.datetime,
        purpose: str,
        recorded: bool = False,
    ) -> None:
        super().__init__(messages)
        self.factor_pk = factor_pk
        self.at = at
        self.purpose = purpose
        self.recorded = recorded


class WrongOneTimePassword(SecondFactorRefused):
    """The code is not the current one, was used before, or is malformed."""


class SecondFactorLocked(SecondFactorRefused):
    """Too many wrong codes: no code is accepted until `locked_until`."""

    def __init__(self, *, locked_until: dt.datetime, **kwargs: Any) -> None:
        super().__init__([_locked_message(locked_until)], **kwargs)
        self.locked_until = locked_until


def second_factor_verify(
    *,
    user: Any,
    code: str,
    purpose: str,
    at: dt.datetime | None = None,
    confirmed_only: bool = True,
) -> SecondFactor:
    """Check `code` against the user's factor and consume its time step (no replay).

    Runs inside the caller's transaction (the deciding one when signing). A wrong code raises
    `WrongOneTimePassword` and a locked factor `SecondFactorLocked`, writing nothing: the
    caller's `second_factor_failures_recorded` counts the failure once that transaction has
    rolled back. A right code clears the count of wrong ones.
    """
    now = at or timezone.now()
    with transaction.atomic():
        queryset = SecondFactor.objects.select_for_update().filter(user=user)
        if confirmed_only:
            queryset = queryset.filter(confirmed_at__isnull=False)
        second_factor = queryset.first()
        if second_factor is None:
            raise ValidationError(
                _("Set up your one-time password app at %(url)s before signing documents.")
                % {"url": SECOND_FACTOR_URL}
            )
        if second_factor.is_locked(now):
            assert second_factor.locked_until is not None
            raise SecondFactorLocked(
                locked_until=second_factor.locked_until,
                factor_pk=second_factor.pk,
                at=now,
                purpose=purpose,
            )
        if not _accept(second_factor, code, now):
            raise WrongOneTimePassword(
                [_wrong_code_message()], factor_pk=second_factor.pk, at=now, purpose=purpose
            )
        if second_factor.failed_attempts or second_factor.failure_window_started_at:
            second_factor.failed_attempts = 0
            second_factor.failure_window_started_at = None
            second_factor.save(update_fields=["failed_attempts", "failure_window_started_at"])
        return second_factor


@transaction.atomic
def second_factor_failure_record(refusal: SecondFactorRefused) -> SecondFactorRefused:
    """Count a refused code for its factor, lock the factor after THROTTLE_MAX_FAILURES wrong
    codes within THROTTLE_WINDOW, audit both, and return the refusal the user should read.

    Call it outside the transaction the refusal rolled back (see the module docstring)."""
    if refusal.recorded or refusal.factor_pk is None:
        return refusal
    second_factor = (
        SecondFactor.objects.select_for_update()
        .select_related("user")
        .filter(pk=refusal.factor_pk)
        .first()
    )
    if second_factor is None:  # reset by an administrator in the meantime
        return refusal
    user = second_factor.user
    now = refusal.at
    if isinstance(refusal, SecondFactorLocked) or second_factor.is_locked(now):
        until = second_factor.locked_until or now
        audit_record(
            actor=user,
            action="second_factor.refused_while_locked",
            obj=second_factor,
            payload={"purpose": refusal.purpose, "locked_until": until.isoformat()},
            at=now,
        )
        return SecondFactorLocked(
            locked_until=until,
            factor_pk=second_factor.pk,
            at=now,
            purpose=refusal.purpose,
            recorded=True,
        )
    window_start = second_factor.failure_window_started_at
    if window_start is None or now - window_start >= THROTTLE_WINDOW:
        second_factor.failed_attempts = 0
        second_factor.failure_window_started_at = now
    second_factor.failed_attempts += 1
    attempts = second_factor.failed_attempts
    audit_record(
        actor=user,
        action="second_factor.wrong_code",
        obj=second_factor,
        payload={"purpose": refusal.purpose, "attempt": attempts},
        at=now,
    )
    if attempts >= THROTTLE_MAX_FAILURES:
        second_factor.locked_until = now + THROTTLE_LOCKOUT
        second_factor.failed_attempts = 0
        second_factor.failure_window_started_at = None
        second_factor.save(
            update_fields=["failed_attempts", "failure_window_started_at", "locked_until"]
        )
        audit_record(
            actor=user,
            action="second_factor.locked",
            obj=second_factor,
            payload={
                "purpose": refusal.purpose,
                "locked_until": second_factor.locked_until.isoformat(),
                "wrong_codes": attempts,
            },
            at=now,
        )
        return SecondFactorLocked(
            locked_until=second_factor.locked_until,
            factor_pk=second_factor.pk,
            at=now,
            purpose=refusal.purpose,
            recorded=True,
        )
    second_factor.save(update_fields=["failed_attempts", "failure_window_started_at"])
    left = THROTTLE_MAX_FAILURES - attempts
    return WrongOneTimePassword(
        [
            _wrong_code_message(),
            ngettext(
                "%(left)d more wrong code locks signing for %(minutes)d minutes.",
                "%(left)d more wrong codes lock signing for %(minutes)d minutes.",
                left,
            )
            % {"left": left, "minutes": int(THROTTLE_LOCKOUT.total_seconds() // 60)},
        ],
        factor_pk=second_factor.pk,
        at=now,
        purpose=refusal.purpose,
        recorded=True,
    )


P = ParamSpec("P")
R = TypeVar("R")


def second_factor_failures_recorded(service: Callable[P, R]) -> Callable[P, R]:
    """Wrap a service whose transaction checks a one-time password: a refused code rolls that
    transaction back, then is counted (and the lock applied) in a transaction of its own.

    Put it outside `@transaction.atomic`, on the service that opens the transaction."""

    @functools.wraps(service)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except SecondFactorRefused as refusal:
            raise second_factor_failure_record(refusal) from refusal

    return wrapped


@second_factor_failures_recorded
def second_factor_check(
    *, user: Any, code: str, purpose: str, at: dt.datetime | None = None
) -> SecondFactor:
    """`second_factor_verify` in a transaction of its own, failures counted."""
    return second_factor_verify(user=user, code=code, purpose=purpose, at=at)


def totp_verify(user: Any, code: str, *, at: dt.datetime | None = None) -> bool:
    """Whether `code` is the user's current code, not used before; needs a confirmed factor.
    A wrong code counts towards the lock like any other."""
    try:
        second_factor_check(user=user, code=code, purpose="verify", at=at)
    except ValidationError:
        return False
    return True


# -- enrolment ---------------------------------------------------------------------------------


def _random_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()  # 160 bits, as RFC 4226 advises


@second_factor_failures_recorded
@transaction.atomic
def second_factor_enrol(
    user: Any, *, reset: bool = False, current_code: str | None = None
) -> SecondFactor:
    """Give the user an unconfirmed authenticator secret.

    An existing secret is kept (reloading the set-up page shows the same one) unless `reset`,
    which replaces it and requires confirming the new one. A confirmed factor is replaced only
    with a current code from it (`current_code`): a stolen session, or someone who can set the
    user's password, must not be able to bind a new device to the user's signature (Electronic
    Signature Law Art 13). A lost device is reset by a system administrator
    (`otp_reset.second_factor_admin_reset`).
    """
    existing = SecondFactor.objects.select_for_update().filter(user=user).first()
    if existing is not None and not reset:
        return existing
    replaced_confirmed = existing is not None and existing.is_confirmed
    if replaced_confirmed:
        if not current_code:
            raise ValidationError(
                _(
                    "To replace your confirmed authenticator, enter the code it shows now. If "
                    "the phone is lost, ask your system administrator to reset it."
                )
            )
        second_factor_verify(user=user, code=current_code, purpose="replace")
    second_factor = existing or SecondFactor(user=user)
    second_factor.secret = _random_secret()
    second_factor.confirmed_at = None
    second_factor.last_used_step = 0
    second_factor.failed_attempts = 0
    second_factor.failure_window_started_at = None
    second_factor.locked_until = None
    second_factor.save()
    audit_record(
        actor=user,
        action="second_factor.enrolled",
        obj=second_factor,
        payload={"reset": reset, "replaced_confirmed": replaced_confirmed},
    )
    return second_factor


@second_factor_failures_recorded
@transaction.atomic
def second_factor_confirm(*, user: Any, code: str, at: dt.datetime | None = None) -> bool:
    """Confirm the enrolled secret with a code from the app. A wrong code raises
    `WrongOneTimePassword` (counted), a locked factor `SecondFactorLocked`."""
    second_factor = second_factor_verify(
        user=user, code=code, purpose="confirm", at=at, confirmed_only=False
    )
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
        second_factor = SecondFactor.objects.filter(user=user).first() or SecondFactor(user=user)
        second_factor.secret = demo_secret(user.get_username())
        second_factor.confirmed_at = timezone.now()
        second_factor.save()
        made.append(second_factor)
    return made
