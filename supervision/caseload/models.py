"""Models of this part of community correction (see the package docstring)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation


class SupervisionDocumentKind(models.TextChoices):
    """The documents the end of community correction issues (legal-spec §5)."""

    EXPIRY_NOTICE = "expiry_notice", _("Written notice of the approaching expiry (DOC-32)")
    TERMINATION_CERTIFICATE = (
        "termination_certificate",
        _("Certificate of termination of community correction (DOC-33)"),
    )
    TERMINATION_NOTICE = (
        "termination_notice",
        _("Notice of termination of community correction to the institution"),
    )
    DEATH_NOTICE = "death_notice", _("Death notice (DOC-35)")


class SupervisionDocument(models.Model):
    """A document issued by an act on the supervision record, as a stored PDF: the expiry
    notice (DOC-32, P2014 Art 27 ¶1), the certificate of termination (DOC-33, CCL Art 44) and,
    on the prison and detention-centre paths, the notice of termination to the institution
    (legal-spec E-23), the death notice (DOC-35, P2014 Art 28; CCL Art 51)."""

    supervision = models.ForeignKey(
        "supervision.Supervision", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=30, choices=SupervisionDocumentKind.choices)
    document = models.OneToOneField(
        "documents.GeneratedDocument", on_delete=models.PROTECT, related_name="+"
    )
    addressee = models.ForeignKey(
        Organisation,
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("supervision document")
        verbose_name_plural = _("supervision documents")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "kind"], name="uniq_supervision_document_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document.number}"
