"""A generated document: its number, issuer, file and fingerprint."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation


class GeneratedDocument(models.Model):
    number = models.CharField(_("document number"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(_("template"), max_length=120)
    issuing_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("issuing organisation"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issued_on = models.DateField(_("issued on"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(_("created by"), max_length=150, blank=True)
    #: What the document is issued on (e.g. "cases.case" and its id): the dossier reader lists
    #: every document of a case in one query. Empty for documents issued before issue 13.
    subject_type = models.CharField(_("subject type"), max_length=80, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="document_subject_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_organisation", "number"], name="uniq_document_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"
