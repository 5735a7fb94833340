"""A user's second factor and the digital signature placed on an issued document."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation
from kernel.documents.models import GeneratedDocument


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
    secret = models.CharField(_("secret (base32)"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The last 30-second step whose code was accepted; a code is never accepted twice.
    last_used_step = models.BigIntegerField(_("last used time step"), default=0)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return f"{self.user} · TOTP"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


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
