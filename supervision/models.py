"""From the decision to community correction: the institution prepares the release, escorts
the person, hands them over; the community-correction institution receives them
(legal-spec §3.1 T-B12 … T-B14, §3.3 T-A06; P2014 Arts 15-16, 19; CCL Arts 19-22).

Supervision itself (three-monthly reviews, events, return to prison, closure) will add its
own records here; these are the first, and the case reaches "under supervision" through them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Evidence
from kernel.accounts.models import Organisation


class ReleasePreparation(models.Model):
    """What the institution does between receiving the decision and the release
    (P2014 Art 15; Prison Law Art 27; CCL Art 19)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="release_preparation")
    decision_received_on = models.DateField(_("decision received on"))
    decision_served_on = models.DateField(
        _("decision issued to the prisoner on"),
        null=True,
        blank=True,
        help_text=_("P2014 Art 15 ¶1: the institution issues the decision to the prisoner."),
    )
    residence_address = models.CharField(_("residence verified again"), max_length=200, blank=True)
    residence_region_code = models.CharField(_("region code"), max_length=6, blank=True)
    residence_verified_on = models.DateField(
        _("residence verified again on"),
        null=True,
        blank=True,
        help_text=_("P2014 Art 15 ¶2: verify the residence again before the release."),
    )
    cci_notified_on = models.DateField(
        _("written notice to the community-correction institution on"),
        null=True,
        blank=True,
        help_text=_("P2014 Art 15 ¶2: notify the institution of the residence in writing."),
    )
    reform_record_sent_on = models.DateField(
        _("reform record sent on"),
        null=True,
        blank=True,
        help_text=_("Prison Law Art 27: the prisoner's reform record goes to the institution."),
    )
    obligations_notice = models.ForeignKey(
        Evidence,
        verbose_name=_("signed notice of obligations"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escort_officers = models.CharField(_("escort officers"), max_length=200, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("release preparation")
        verbose_name_plural = _("release preparations")

    def __str__(self) -> str:
        return f"{self.case} — {self.decision_received_on}"

    def clean(self) -> None:
        errors = {}
        if self.decision_served_on and self.decision_served_on < self.decision_received_on:
            errors["decision_served_on"] = _(
                "The decision cannot be issued to the prisoner before the institution received it."
            )
        if self.residence_region_code and not (
            len(self.residence_region_code) == 6 and self.residence_region_code.isdigit()
        ):
            errors["residence_region_code"] = _("A region code has six digits.")
        if errors:
            raise ValidationError(errors)


class HandOver(models.Model):
    """The hand-over record signed by both sides at the residence (DOC-22; P2014 Arts 16, 19;
    CCL Art 21), within ten days of the institution receiving the decision."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="hand_over")
    handed_over_at = models.DateTimeField(_("handed over at"))
    place = models.CharField(_("place"), max_length=200)
    institution_signatory = models.CharField(_("signed for the institution by"), max_length=80)
    cci_signatory = models.CharField(
        _("signed for the community-correction institution by"), max_length=80
    )
    documents = models.TextField(
        _("documents handed over"),
        help_text=_("The decision and the related documents carried by the escort (Art 16)."),
    )
    condition = models.TextField(_("the person's condition at hand-over"), blank=True)
    signed_record = models.ForeignKey(
        Evidence,
        verbose_name=_("signed hand-over record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    procuratorate_notified_at = models.DateTimeField(
        _("procuratorate notified at"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hand-over record")
        verbose_name_plural = _("hand-over records")

    def __str__(self) -> str:
        return f"{self.case} — {self.handed_over_at:%Y-%m-%d}"


class Reception(models.Model):
    """The community-correction institution's reception: documents checked, identity
    verified, registered, file opened, rules announced (CCL Art 22)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="reception")
    institution = models.ForeignKey(
        Organisation,
        verbose_name=_("community-correction institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"))
    documents_checked = models.BooleanField(_("documents checked"))
    identity_verified = models.BooleanField(_("identity verified"))
    file_opened = models.BooleanField(_("file opened"))
    rules_announced = models.BooleanField(
        _("offence, term and rules announced"),
        help_text=_("CCL Art 22: announce the offence, the term and the rules to observe."),
    )
    file_number = models.CharField(_("correction file number"), max_length=40)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reception into community correction")
        verbose_name_plural = _("receptions into community correction")

    def __str__(self) -> str:
        return f"{self.case} — {self.file_number}"
