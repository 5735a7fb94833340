"""The counters behind official numbers: one row per organisation, series and year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation


class NumberSeries(models.Model):
    """The last number an organisation issued in one series (its 代字, e.g. 暂决) in one year.

    The issuing transaction locks this row until it commits, so the numbers of one series are
    drawn one after the other, and a transaction that rolls back gives its number back."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    series = models.CharField(_("series"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "series", "year"], name="uniq_number_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.series} {self.year}: {self.last}"
