"""Official days: public holidays and make-up workdays from the State Council's notices (E-01).

A year counts as loaded only when a `CalendarYear` row exists: its schedule was entered from
the official notice. Weekdays of an unloaded year are never guessed.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source_notice = models.CharField(
        _("source notice"),
        max_length=200,
        help_text=_("The State Council General Office notice, e.g. 国办发明电〔2025〕7号."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    loaded_by = models.CharField(_("loaded by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class OfficialDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (no work)")
        MAKEUP_WORKDAY = "makeup_workday", _("Make-up workday (weekend day worked)")

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("holiday name"), max_length=60, blank=True)
    # Blank: national. Otherwise a province (2 digits) or county (6 digits) code whose own
    # official days override the national ones (e.g. ethnic-minority festivals).
    region_code = models.CharField(
        _("region"),
        max_length=6,
        blank=True,
        default="",
        validators=[RegexValidator(r"^(\d{2}|\d{6})?$", _("Use a 2- or 6-digit region code."))],
    )
    source_notice = models.CharField(_("source notice"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("official day")
        verbose_name_plural = _("official days")
        ordering = ["date", "region_code"]
        constraints = [
            models.UniqueConstraint(fields=["date", "region_code"], name="uniq_official_day")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()
