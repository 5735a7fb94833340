"""TOTP secrets encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA-256).

The key comes from the environment (`TEOP_OTP_ENCRYPTION_KEY`), never from the database, so
a copy of the database (a backup, a read-only replica, an SQL injection) does not give anyone
the codes of the signers. The setting may list several keys separated by commas: the first
encrypts, every one decrypts, so a key can be rotated without locking signers out.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def otp_fernet(keys: str | None = None) -> MultiFernet:
    """The cipher for `keys` (default: the setting); refuses a missing or malformed key."""
    raw = keys if keys is not None else str(getattr(settings, "TEOP_OTP_ENCRYPTION_KEY", ""))
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not parts:
        raise ImproperlyConfigured("TEOP_OTP_ENCRYPTION_KEY is not set.")
    try:
        return MultiFernet([Fernet(part) for part in parts])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "TEOP_OTP_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes; "
            "make one with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`), separated by commas."
        ) from exc


def secret_encrypt(secret: str) -> str:
    return otp_fernet().encrypt(secret.encode()).decode()


def secret_decrypt(ciphertext: str) -> str:
    """The base32 secret; a ciphertext no configured key opens is a configuration error (the
    key was changed without keeping the old one), not a wrong code."""
    try:
        return otp_fernet().decrypt(ciphertext.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored one-time-password secret cannot be decrypted with TEOP_OTP_ENCRYPTION_KEY "
            "(was the key replaced without keeping the old one after a comma?)."
        ) from exc
