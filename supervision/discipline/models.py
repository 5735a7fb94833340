"""Models of this part of community correction: the rewards and sanctions the institution
gives (CCL Art 28; DOC-42) and the periods of electronic monitoring (CCL Art 29; D-24)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence
from kernel.documents.models import GeneratedDocument

from ..models import Supervision


class MeasureKind(models.TextChoices):
    """CCL Art 28 ¶1: praise for good conduct; for a violation, by its seriousness, a
    reprimand, a warning or a request to the public security organ for a penalty."""

    PRAISE = "praise", _("Praise")
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    PENALTY_REQUEST = "penalty_request", _("Request for a public-security penalty")


#: The measures that answer a violation (they name the rule breached and issue DOC-42).
SANCTIONS = frozenset({MeasureKind.REPRIMAND, MeasureKind.WARNING, MeasureKind.PENALTY_REQUEST})


class DisciplineMeasure(models.Model):
    """One reward or sanction (CCL Art 28), with the facts, the rule breached, the evidence and
    the officer; a sanction carries its decision (DOC-42) and whether the person corrected."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="discipline_measures"
    )
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    decided_on = models.DateField(_("decided on"))
    facts = models.TextField(_("facts"))
    rule_breached = models.CharField(_("rule breached"), max_length=300, blank=True)
    reexamination_not_submitted = models.BooleanField(
        _("for not submitting the re-examination results"),
        default=False,
        help_text=_("SPC-Interp Art 516(5): medical parole only."),
    )
    evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("evidence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.ForeignKey(
        GeneratedDocument,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: None: not assessed yet; True: corrected; False: found not corrected.
    corrected = models.BooleanField(_("corrected"), null=True, blank=True)
    correction_found_on = models.DateField(_("correction assessed on"), null=True, blank=True)
    correction_note = models.TextField(_("correction note"), blank=True)
    penalty_decision = models.CharField(
        _("public-security penalty decision"),
        max_length=80,
        blank=True,
        help_text=_("SPC-Interp Art 516(3): the penalty the public security organ imposed."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reward or sanction")
        verbose_name_plural = _("rewards and sanctions")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.get_kind_display()} {self.decided_on}"

    @property
    def is_sanction(self) -> bool:
        return self.kind in SANCTIONS


class MonitoringGround(models.TextChoices):
    """CCL Art 29 ¶1: the five cases in which electronic monitoring may be used."""

    INJUNCTION = "injunction", _("Violated a court injunction (CCL Art 29 ¶1(1))")
    LEFT_AREA = (
        "left_area",
        _("Left the city or county without approval or good reason (CCL Art 29 ¶1(2))"),
    )
    NOT_REPORTING = (
        "not_reporting",
        _("Refused to report activities as required and was warned (CCL Art 29 ¶1(3))"),
    )
    PENALISED = (
        "penalised",
        _("Received a public-security penalty for violating the rules (CCL Art 29 ¶1(4))"),
    )
    REVOCATION = (
        "revocation",
        _("Revocation and return to custody about to be proposed (CCL Art 29 ¶1(5))"),
    )


class MonitoringPeriod(models.Model):
    """One period of electronic monitoring (电子定位装置, CCL Art 29), at most three months;
    an extension is a new period linked to the one it extends, again at most three months.
    Approved by the head of the county judicial administration: the system has no role for
    that head, so the officer records who approved and when, with the signed approval."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="monitoring_periods"
    )
    extends = models.OneToOneField(
        "self",
        verbose_name=_("extends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extension",
    )
    ground = models.CharField(_("ground"), max_length=20, choices=MonitoringGround.choices)
    facts = models.TextField(_("facts and assessment"))
    approved_by = models.CharField(
        _("approved by (head of the county judicial administration)"), max_length=60
    )
    approved_on = models.DateField(_("approved on"))
    approval_scan = models.ForeignKey(
        Evidence,
        verbose_name=_("signed approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    ended_on = models.DateField(_("removed on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for removal"), blank=True)
    document = models.ForeignKey(
        GeneratedDocument,
        verbose_name=_("approval form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("electronic monitoring period")
        verbose_name_plural = _("electronic monitoring periods")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.starts_on}–{self.ends_on}"
