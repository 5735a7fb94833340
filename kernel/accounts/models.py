"""Organisations (legal-spec §1.1, Appendix A), users and the roles they hold."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_ORGANISATION_TYPES, CourtLevel, Level, OrganisationType, Role

region_code_validator = RegexValidator(
    r"^\d{6}$", _("An administrative division code has six digits, e.g. 330106.")
)
# The organ's official abbreviation (机关代字) that opens its document numbers: Chinese
# characters only, so a number never carries a space, a bracket or a cut-off name.
abbreviation_validator = RegexValidator(
    r"^[\u4e00-\u9fff]{1,12}$",
    _("The official abbreviation is 1 to 12 Chinese characters, e.g. 浙狱."),
)


class Organisation(models.Model):
    """An organ or institution acting in the TEOP procedure (legal-spec §1.1)."""

    name = models.CharField(_("organisation name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    abbreviation = models.CharField(
        _("official abbreviation"),
        max_length=12,
        blank=True,
        validators=[abbreviation_validator],
        help_text=_(
            "The abbreviation that opens the organisation's case, decision and document "
            "numbers, e.g. 浙狱 in 浙狱暂决〔2026〕001号. Required before it issues a number."
        ),
    )
    type = models.CharField(_("type"), max_length=8, choices=OrganisationType.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    court_level = models.CharField(
        _("court level"), max_length=12, choices=CourtLevel.choices, blank=True
    )
    region_code = models.CharField(
        _("administrative division code"), max_length=6, validators=[region_code_validator]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # A designated hospital is designated by the provincial government for a period
    # (P2014 Art 9); outside it, its diagnoses do not count.
    designated_from = models.DateField(_("designated from"), null=True, blank=True)
    designated_until = models.DateField(_("designated until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["region_code", "name"]
        indexes = [models.Index(fields=["type", "region_code"])]
        constraints = [
            # Two organs with one abbreviation would issue the same numbers.
            models.UniqueConstraint(
                fields=["abbreviation"],
                condition=~models.Q(abbreviation=""),
                name="uniq_org_abbreviation",
                violation_error_message=_(
                    "Another organisation already uses this official abbreviation."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.region_code[:2]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.type == OrganisationType.COURT and not self.court_level:
            errors["court_level"] = str(_("A court needs its level (basic, intermediate, ...)."))
        if self.type != OrganisationType.COURT and self.court_level:
            errors["court_level"] = str(_("Only a court has a court level."))
        if self.type == OrganisationType.DESIGNATED_HOSPITAL and not self.designated_from:
            errors["designated_from"] = str(
                _("A designated hospital needs the date its designation starts (P2014 Art 9).")
            )
        if (
            self.designated_from
            and self.designated_until
            and self.designated_until < self.designated_from
        ):
            errors["designated_until"] = str(_("The designation cannot end before it starts."))
        if errors:
            raise ValidationError(errors)

    def is_designated_on(self, day: dt.date) -> bool:
        """Whether a hospital's diagnosis on `day` is by a designated hospital (P2014 Art 9)."""
        if self.type != OrganisationType.DESIGNATED_HOSPITAL or self.designated_from is None:
            return False
        if day < self.designated_from:
            return False
        return self.designated_until is None or day <= self.designated_until


class ProcuratorialAssignment(models.Model):
    """Which procuratorate supervises which organisation (legal-spec E-30 routing table)."""

    class Mode(models.TextChoices):
        STATIONED = "stationed", _("Stationed")
        CIRCUIT = "circuit", _("Circuit")
        SAME_LEVEL = "same_level", _("Same-level supervision")

    procuratorate = models.ForeignKey(
        Organisation,
        verbose_name=_("procuratorate"),
        on_delete=models.CASCADE,
        related_name="supervision_assignments",
        limit_choices_to={"type": OrganisationType.PROCURATORATE},
    )
    supervised = models.ForeignKey(
        Organisation,
        verbose_name=_("supervised organisation"),
        on_delete=models.CASCADE,
        related_name="procuratorial_assignments",
    )
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)

    class Meta:
        verbose_name = _("procuratorial assignment")
        verbose_name_plural = _("procuratorial assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "supervised", "mode"], name="uniq_proc_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procuratorate} → {self.supervised} ({self.get_mode_display()})"

    def clean(self) -> None:
        if self.procuratorate_id and self.procuratorate.type != OrganisationType.PROCURATORATE:
            raise ValidationError(
                {"procuratorate": _("Only a procuratorate can supervise another organisation.")}
            )


class User(AbstractUser):
    """A person working for one organisation and holding one or more roles."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The user's roles; one query, cached for the request."""
        if not self.pk or not self.is_active:
            return frozenset()
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))


class RoleGrant(models.Model):
    """A role held by a user at the user's organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="uniq_user_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def clean(self) -> None:
        organisation = self.user.organisation if self.user_id else None
        if organisation is None:
            raise ValidationError(_("Assign the user to an organisation before granting a role."))
        allowed = ROLE_ORGANISATION_TYPES[self.role]
        if organisation.type not in allowed:
            raise ValidationError(
                {
                    "role": _("The role “%(role)s” cannot be held at a %(type)s.")
                    % {"role": self.get_role_display(), "type": organisation.get_type_display()}
                }
            )
