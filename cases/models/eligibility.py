"""The illness catalogue and stored eligibility assessments (legal-spec §2, §6)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case


class IllnessCatalogueItem(models.Model):
    """An item of the Scope of Serious Illnesses (2014, P2014 attachment) or of the repealed
    1990 list (legacy cases only), versioned and editable by the administrator (§6)."""

    class Version(models.TextChoices):
        V2014 = "2014", _("2014 list (in force)")
        V1990 = "1990", _("1990 list (repealed, legacy cases)")

    version = models.CharField(_("version"), max_length=4, choices=Version.choices)
    code = models.CharField(_("code"), max_length=20, unique=True)
    category = models.CharField(_("category"), max_length=80)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    confirmed = models.BooleanField(
        _("text confirmed"),
        default=False,
        help_text=_(
            "Unconfirmed items are shown with a warning until checked against the official text."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("illness catalogue item")
        verbose_name_plural = _("illness catalogue")
        ordering = ["-version", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class EligibilityAssessment(models.Model):
    """A stored evaluation of the eligibility rules, with the inputs it saw and the rule-set
    version, so a past result can be explained later (legal-spec §2)."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="eligibility_assessments",
        null=True,
        blank=True,
    )
    assessed_at = models.DateTimeField(_("assessed at"), auto_now_add=True)
    assessed_on = models.DateField(_("assessed as of"))
    assessed_by = models.CharField(_("assessed by"), max_length=150)
    ruleset_version = models.CharField(_("rule-set version"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=20)
    eligible_on = models.DateField(_("eligible on"), null=True, blank=True)
    strict_review = models.BooleanField(_("strict review"), default=False)
    filing_required = models.BooleanField(_("filing required"), default=False)
    inputs = models.JSONField(_("inputs"))
    result = models.JSONField(_("result"))

    class Meta:
        verbose_name = _("eligibility assessment")
        verbose_name_plural = _("eligibility assessments")
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case or '—'} {self.outcome} ({self.ruleset_version})"
