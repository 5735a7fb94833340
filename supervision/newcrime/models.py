"""Models of this part (imported by `supervision.models`).

`CriminalProceeding` is one episode of criminal proceedings against the person during
community correction, for a new crime or for an earlier crime found only now (漏罪; P2014
Art 22; CCL Art 32): the investigating organ's compulsory measure and its notice to the CCI
(D-16, 24 hours: both timestamps kept, lateness derived from them), then its outcome: an
effective custodial judgment (T-S02, community correction ends) or an acquittal, withdrawal
or non-custodial outcome (T-S02b, back under supervision). Each episode is its own row: the
history stays.

The investigating organ is an `Organisation` when it is in the system (an investigation organ,
a county or municipal public security bureau of the province), otherwise its name as written
on its notice: a new crime is often investigated far from the residence, by an organ this
system does not know, and its notice must still be recorded within the day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence
from kernel.accounts.models import Organisation
from kernel.workcalendar.clock import add_hours

from ..models import Supervision

#: D-16: the investigating organ tells the CCI within 24 hours of the measure (P2014 Art 22 ¶1).
NOTICE_HOURS = 24


class CrimeKind(models.TextChoices):
    NEW = "new", _("New crime")
    UNDISCOVERED = "undiscovered", _("Undiscovered earlier crime")


class CompulsoryMeasure(models.TextChoices):
    """The criminal compulsory measures of CPL Arts 66-100 that the notice names."""

    DETENTION = "detention", _("Detention (compulsory measure)")
    ARREST = "arrest", _("Arrest")
    BAIL = "bail", _("Bail pending trial")
    RESIDENTIAL = "residential", _("Residential surveillance")
    DESIGNATED_RESIDENCE = (
        "designated_residence",
        _("Residential surveillance at a designated residence"),
    )


class ProceedingOutcome(models.TextChoices):
    CUSTODIAL = "custodial", _("Effective judgment with a custodial sentence")
    NON_CUSTODIAL = "non_custodial", _("Effective judgment without a custodial sentence")
    ACQUITTAL = "acquittal", _("Acquittal")
    WITHDRAWN = "withdrawn", _("Case withdrawn or not prosecuted")


#: The outcomes that send the person back under supervision (T-S02b; CCL Art 32).
RESUMING_OUTCOMES = frozenset(
    {ProceedingOutcome.NON_CUSTODIAL, ProceedingOutcome.ACQUITTAL, ProceedingOutcome.WITHDRAWN}
)
#: Their choices, as the closing form and the API offer them.
RESUMING_OUTCOME_CHOICES = [(c.value, c.label) for c in ProceedingOutcome if c in RESUMING_OUTCOMES]


class CriminalProceeding(models.Model):
    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="criminal_proceedings"
    )
    crime_kind = models.CharField(_("crime"), max_length=12, choices=CrimeKind.choices)
    suspected_offence = models.CharField(_("suspected offence"), max_length=200)
    investigating_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("investigating organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    investigating_organ_name = models.CharField(
        _("investigating organ (not in the system)"), max_length=100, blank=True
    )
    measure = models.CharField(
        _("compulsory measure"), max_length=24, choices=CompulsoryMeasure.choices
    )
    measure_taken_at = models.DateTimeField(_("measure taken at"))
    cci_notified_at = models.DateTimeField(_("the CCI was notified at"))
    notice_document = models.ForeignKey(
        Evidence,
        verbose_name=_("notice of the investigating organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notice_deadline = models.ForeignKey(
        "deadlines.Deadline",
        verbose_name=_("D-16 clock"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The outcome (T-S02 / T-S02b).
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=ProceedingOutcome.choices, blank=True
    )
    judgment_court = models.CharField(_("court of the judgment"), max_length=100, blank=True)
    judgment_number = models.CharField(_("judgment number"), max_length=80, blank=True)
    judgment_effective_on = models.DateField(_("judgment effective on"), null=True, blank=True)
    new_sentence = models.CharField(_("sentence imposed"), max_length=200, blank=True)
    court_notified_on = models.DateField(
        _("the court's notice received on"),
        null=True,
        blank=True,
        help_text=_("D-17: the court notifies “promptly” after the judgment takes effect."),
    )
    receiving_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("institution taking the person in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_reason = models.TextField(_("reason"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("criminal proceedings")
        verbose_name_plural = _("criminal proceedings")
        ordering = ["-measure_taken_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision"],
                condition=models.Q(outcome=""),
                name="uniq_open_criminal_proceeding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.get_crime_kind_display()}"

    @property
    def organ_label(self) -> str:
        return str(self.investigating_organ or self.investigating_organ_name)

    @property
    def notice_delay(self) -> dt.timedelta:
        return self.cci_notified_at - self.measure_taken_at

    @property
    def notice_due_at(self) -> dt.datetime:
        """D-16 as the clock counts it: 24 hours from the next full hour after the measure
        (P2014 Art 22 ¶1; CPL Art 105 ¶1, the starting hour is not counted)."""
        due = add_hours(self.measure_taken_at, NOTICE_HOURS).due
        assert isinstance(due, dt.datetime)
        return due

    @property
    def notice_late(self) -> bool:
        """D-16: the notice reached the CCI after the 24 hours (P2014 Art 22 ¶1)."""
        return self.cci_notified_at > self.notice_due_at

    @property
    def notice_delay_hours(self) -> float:
        return round(self.notice_delay.total_seconds() / 3600, 1)

    @property
    def is_open(self) -> bool:
        return not self.outcome
