"""Models of this part of community correction (see the package docstring): the team, the plan
in versions and the field verification log. Nothing is deleted: a member who leaves keeps the
row with the date and reason; an adjusted plan is a new version."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Evidence, Sex

from ..models import Supervision, SupervisionGrade


class TeamRole(models.TextChoices):
    """Who may sit in a correction team (CCL Art 25 ¶1; Art 52 for juveniles)."""

    CCI_OFFICER = "cci_officer", _("Officer of the community-correction institution")
    JUDICIAL_OFFICE = "judicial_office", _("Judicial office staff")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    VOLUNTEER = "volunteer", _("Volunteer")
    GUARANTOR = "guarantor", _("Guarantor")
    GUARDIAN = "guardian", _("Guardian")
    FAMILY = "family", _("Family member")
    COMMITTEE = "committee", _("Residents' or villagers' committee")
    GRID_WORKER = "grid_worker", _("Grid worker")
    EMPLOYER_OR_SCHOOL = "employer_or_school", _("Employer or school")
    OTHER = "other", _("Other")


class TeamMember(models.Model):
    """A member of the person's correction team (矫正小组, CCL Art 25)."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("role in the team"), max_length=20, choices=TeamRole.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9+\- ]{5,20}$", _("Enter a phone number."))],
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction team member")
        verbose_name_plural = _("correction team members")
        ordering = ["left_on", "joined_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    @property
    def active(self) -> bool:
        return self.left_on is None


class CorrectionPlan(models.Model):
    """One version of the correction plan (矫正方案, CCL Art 24): the first is adopted, each
    adjustment adds the next version; the highest version is in force."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"))
    situation = models.TextField(
        _("the person's situation"),
        help_text=_(
            "CCL Art 24: sex, age, psychology, health, causes and type of the offence, repentance."
        ),
    )
    measures = models.TextField(_("measures"))
    grade = models.CharField(
        _("supervision grade"), max_length=10, choices=SupervisionGrade.choices
    )
    adopted_on = models.DateField(_("adopted on"))
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction plan")
        verbose_name_plural = _("correction plans")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "version"], name="uniq_correction_plan_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supervision.case} — v{self.version}"


class VerificationMethod(models.TextChoices):
    HOME_VISIT = "home_visit", _("Field visit")
    INFORMATION_CHECK = "information_check", _("Information-system check")
    VIDEO_ROLL_CALL = "video_roll_call", _("Video roll-call")


class FieldVerification(models.Model):
    """One entry of the field verification log (实地查访, 信息化核查, 视频点验): when, where, by
    whom, what was found, and the evidence kept in the case file."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="verifications"
    )
    method = models.CharField(_("method"), max_length=20, choices=VerificationMethod.choices)
    verified_at = models.DateTimeField(_("verified at"))
    place = models.CharField(_("place"), max_length=200)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    findings = models.TextField(_("what was found"))
    evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("evidence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("field verification")
        verbose_name_plural = _("field verifications")
        ordering = ["-verified_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.get_method_display()} {self.verified_at:%Y-%m-%d}"
