"""The dossier reader's records (issue 13): which pages of which documents each reviewer
opened, the procuratorate's setting that its opinion needs every document read (P2014 Art 13
¶3), and the notes an organisation keeps on a case's documents, seen by it alone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: A document key names one document of one case: "e<id>" (uploaded evidence) or "g<id>"
#: (a generated document issued on the case).
KEY_MAX_LENGTH = 24


class DocumentReading(models.Model):
    """The pages of one document of a case one user has opened in the reader."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_readings"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="document_readings"
    )
    document_key = models.CharField(_("document"), max_length=KEY_MAX_LENGTH)
    page_count = models.PositiveIntegerField(_("pages"))
    #: The page numbers opened (1-based), sorted, without repeats.
    pages_viewed = models.JSONField(_("pages viewed"), default=list)
    first_viewed_at = models.DateTimeField(_("first viewed"), auto_now_add=True)
    last_viewed_at = models.DateTimeField(_("last viewed"), auto_now=True)

    class Meta:
        verbose_name = _("document reading")
        verbose_name_plural = _("document readings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "case", "document_key"], name="uniq_document_reading"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_key} {len(self.pages_viewed)}/{self.page_count}"

    @property
    def complete(self) -> bool:
        return self.page_count > 0 and len(self.pages_viewed) >= self.page_count


class ReaderSetting(models.Model):
    """An organisation's reader setting: whether its procuratorial opinion waits until the
    procurator has opened every page of every document of the case."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="reader_setting",
        verbose_name=_("organisation"),
    )
    opinion_requires_all_viewed = models.BooleanField(
        _("an opinion needs every document read"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reader setting")
        verbose_name_plural = _("reader settings")

    def __str__(self) -> str:
        return str(self.organisation)


class DocumentNote(models.Model):
    """A note on a document (or one page of it), private to the author's organisation."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="document_notes")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="document_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="document_notes"
    )
    document_key = models.CharField(_("document"), max_length=KEY_MAX_LENGTH)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    text = models.TextField(_("note"), max_length=4000)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document note")
        verbose_name_plural = _("document notes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "organisation"], name="document_note_org_idx")]

    def __str__(self) -> str:
        return f"{self.document_key}: {self.text[:40]}"
