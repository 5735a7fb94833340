"""Rectification opinions (纠正意见) and procuratorial suggestions of the
procuratorate to an organ of the case, and the organ's written reply (legal-spec P9, D-25,
D-26, DOC-36; P2014 Art 29; SPP-Rules Arts 552, 624; CCL Art 62).

- A minor illegality is raised orally and recorded (SPP-Rules Art 624(1)); the organ has seven
  days to correct it (D-25), after which the procuratorate raises it in writing.
- A serious illegality, or an oral opinion left uncorrected for seven days, is raised at once in
  writing (SPP-Rules Art 624(2)) with the Chief Procurator's approval (SPP-Rules Art 552):
  the rectification opinion DOC-36, to which the organ replies in writing, with reasons for
  anything it does not adopt (CCL Art 62; D-26).
- A systemic risk is the subject of a procuratorial suggestion (SPP-Rules Art 624(3)), answered
  the same way (CCL Art 62; D-26s).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Evidence
from kernel.accounts.models import Organisation


class OpinionForm(models.TextChoices):
    ORAL = "oral", _("Oral rectification opinion")
    WRITTEN = "written", _("Written rectification opinion")


class Seriousness(models.TextChoices):
    MINOR = "minor", _("Minor: a flaw or a slight illegality")
    SERIOUS = "serious", _("Serious illegality or a major accident")


class RectificationMatter(models.TextChoices):
    """What the opinion is about, where a signal of the anomaly dashboard asks: a late
    hand-over to community correction is accounted for by an opinion on it."""

    HAND_OVER = "hand_over", _("Late hand-over to community correction")
    OTHER = "other", _("Another illegality")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting correction (7 days)")
    CORRECTED = "corrected", _("Corrected")
    ESCALATED = "escalated", _("Not corrected: raised in writing")
    ISSUED = "issued", _("Awaiting the written reply")
    ANSWERED = "answered", _("Answered in writing")


class _Reply(models.Model):
    """The organ's written reply (CCL Art 62): whether it adopts the opinion or suggestion,
    and why not when it does not."""

    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    reply_content = models.TextField(_("content of the reply"), blank=True)
    non_adoption_reasons = models.TextField(_("reasons for not adopting it"), blank=True)
    reply_scan = models.ForeignKey(
        Evidence,
        verbose_name=_("scan of the written reply"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reply_clock = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class RectificationOpinion(_Reply):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rectification_opinions")
    procuratorate = models.ForeignKey(
        Organisation, verbose_name=_("procuratorate"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Organisation, verbose_name=_("addressed to"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(_("form"), max_length=8, choices=OpinionForm.choices)
    seriousness = models.CharField(_("seriousness"), max_length=8, choices=Seriousness.choices)
    matter = models.CharField(
        _("matter"),
        max_length=10,
        choices=RectificationMatter.choices,
        default=RectificationMatter.OTHER,
    )
    status = models.CharField(_("status"), max_length=12, choices=RectificationStatus.choices)
    issued_on = models.DateField(_("issued on"))
    illegality = models.TextField(_("illegality found"))
    required_correction = models.TextField(_("correction required"))
    chief_approved = models.BooleanField(_("approved by the Chief Procurator"), default=False)
    escalates = models.OneToOneField(
        "self",
        verbose_name=_("oral opinion it raises in writing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_by",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # D-25 of an oral opinion; corrected within it (SPP-Rules Art 624(1)).
    correction_clock = models.ForeignKey(
        "deadlines.Deadline", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    corrected_on = models.DateField(_("corrected on"), null=True, blank=True)
    correction_note = models.TextField(_("how it was corrected"), blank=True)
    number = models.CharField(_("document number"), max_length=80, blank=True)
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rectification opinion")
        verbose_name_plural = _("rectification opinions")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} → {self.target}"


class SuggestionStatus(models.TextChoices):
    ISSUED = "issued", _("Awaiting the written reply")
    ANSWERED = "answered", _("Answered in writing")


class ProcuratorialSuggestion(_Reply):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="procuratorial_suggestions"
    )
    procuratorate = models.ForeignKey(
        Organisation, verbose_name=_("procuratorate"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Organisation, verbose_name=_("addressed to"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=SuggestionStatus.choices)
    issued_on = models.DateField(_("issued on"))
    risk = models.TextField(_("systemic risk found"))
    suggestion = models.TextField(_("suggestion"))
    chief_approved = models.BooleanField(_("approved by the Chief Procurator"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("procuratorial suggestion")
        verbose_name_plural = _("procuratorial suggestions")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{_('Procuratorial suggestion')} → {self.target}"
