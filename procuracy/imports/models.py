"""Records of other organs: court rulings, detention and compulsory measures, deaths.

A procuratorate (or a system administrator for it) imports them by CSV or through the API. Each
row keeps its source and import batch; a row already imported from the same source (same
`source_ref`) is not imported twice; a row is matched to people by resident identity number,
and a match becomes an event on the person's record that the anomaly signals read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Offender
from kernel.accounts.models import Organisation


class ExternalRecordKind(models.TextChoices):
    COURT_RULING = "court_ruling", _("Court ruling on a new offence")
    DETENTION = "detention", _("Detention")
    COMPULSORY_MEASURE = "compulsory_measure", _("Compulsory measure")
    DEATH = "death", _("Death")


class ImportBatch(models.Model):
    """One import: a CSV file or an API body, by whom, with every rejected row and its reason."""

    source = models.CharField(_("source"), max_length=120)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("imported for")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    channel = models.CharField(_("channel"), max_length=8)  # "csv" or "api"
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_repeated = models.PositiveIntegerField(_("rows already imported"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    #: [{"line": 7, "errors": ["…", …]}, …] in the importer's language at import time.
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.imported_at:%Y-%m-%d %H:%M}"


class ExternalRecord(models.Model):
    """One fact another organ holds about a person, as imported."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="records")
    source = models.CharField(_("source"), max_length=120)
    #: The source's own reference of the record: re-importing it changes nothing.
    source_ref = models.CharField(_("source reference"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=ExternalRecordKind.choices)
    id_number = models.CharField(_("resident identity number"), max_length=18, db_index=True)
    name = models.CharField(_("name"), max_length=60, blank=True)
    occurred_on = models.DateField(_("occurred on"))
    organ = models.CharField(_("recording organ"), max_length=120, blank=True)
    details = models.TextField(_("details"), blank=True)
    #: Every person with this identity number (one per custodian registry), once matched.
    offenders = models.ManyToManyField(Offender, related_name="external_records", blank=True)
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("record of another organ")
        verbose_name_plural = _("records of other organs")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="uniq_external_record")
        ]
        indexes = [models.Index(fields=["kind", "occurred_on"], name="external_kind_day_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name} {self.occurred_on}"
