"""A user's second factor and the digital signature placed on an issued document."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.documents.models import GeneratedDocument

from .otp_crypto import secret_decrypt, secret_encrypt


class SecondFactor(models.Model):
    """A TOTP authenticator (RFC 6238) bound to one user.

    Signing a decision needs the signer's password session plus a code from a device only the
    signer holds, so that the signature is under the signer's sole control (Electronic
    Signature Law of the PRC Art 13).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="second_factor",
    )
    # The base32 secret, encrypted with TEOP_OTP_ENCRYPTION_KEY (otp_crypto.py); read and
    # write it through `secret`.
    secret_ciphertext = models.TextField(_("secret (encrypted)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The last 30-second step whose code was accepted; a code is never accepted twice.
    last_used_step = models.BigIntegerField(_("last used time step"), default=0)
    # Wrong codes in the current window, and the lock they led to (otp.py THROTTLE_*).
    failed_attempts = models.PositiveSmallIntegerField(_("wrong codes in a row"), default=0)
    failure_window_started_at = models.DateTimeField(
        _("first wrong code at"), null=True, blank=True
    )
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return f"{self.user} · TOTP"

    @property
    def secret(self) -> str:
        return secret_decrypt(self.secret_ciphertext)

    @secret.setter
    def secret(self, value: str) -> None:
        self.secret_ciphertext = secret_encrypt(value)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def is_locked(self, at: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (at or timezone.now())


class SecondFactorReset(models.Model):
    """A system administrator's recorded reset of a user's signing factor after the device
    was lost: the only way to replace a confirmed factor without a code from it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="second_factor_resets",
    )
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reset by"),
        on_delete=models.PROTECT,
        related_name="second_factor_resets_made",
    )
    reason = models.TextField(_("reason"))
    reset_at = models.DateTimeField(_("reset at"))
    factor_was_confirmed = models.BooleanField(_("the factor was confirmed"), default=False)

    class Meta:
        verbose_name = _("second-factor reset")
        verbose_name_plural = _("second-factor resets")
        ordering = ["-reset_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.reset_at:%Y-%m-%d %H:%M}"


class DocumentSignature(models.Model):
    """The issuing organisation's PAdES signature over a generated document.

    The signed file is a separate, incrementally updated copy: the original file and its
    fingerprint stay as issued.
    """

    class SecondFactorKind(models.TextChoices):
        TOTP = "totp", _("One-time password (TOTP)")

    document = models.OneToOneField(
        GeneratedDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="signature",
    )
    signed_file = models.FileField(_("signed file"), upload_to="documents/signed/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="document_signatures",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="document_signatures",
    )
    signed_at = models.DateTimeField(_("signed at"))
    certificate_subject = models.CharField(_("certificate subject"), max_length=400)
    certificate_serial = models.CharField(_("certificate serial number"), max_length=80)
    certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64)
    second_factor = models.CharField(
        _("second factor"),
        max_length=12,
        choices=SecondFactorKind.choices,
        default=SecondFactorKind.TOTP,
    )

    class Meta:
        verbose_name = _("document signature")
        verbose_name_plural = _("document signatures")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.document} · {self.organisation}"
