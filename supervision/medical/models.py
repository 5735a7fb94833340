"""Models of the re-examinations (see the package docstring).

The provincial registry of designated hospitals (`HospitalListing`) is the one source of truth
for which hospital may certify what, in which province and when (P2014 Art 9). The
`designated_from`/`designated_until` of a hospital's `Organisation` are its summary (the span
of all its listings), written only by `supervision.medical.registry.hospital_designation_sync`
whenever a listing is saved or deleted (the admin and the import command call it): the
diagnosis stage of the proposal keeps reading `Organisation.is_designated_on`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from kernel.accounts.models import Organisation
from kernel.accounts.roles import OrganisationType
from kernel.deadlines.models import Deadline
from kernel.documents.models import GeneratedDocument

from ..models import ConditionReview, Supervision, SupervisionContact


class HospitalCapability(models.TextChoices):
    """What a listed hospital may certify (P2014 Art 9; the provincial list says which)."""

    ILLNESS = "illness", _("Serious illness (per the catalogue)")
    PREGNANCY = "pregnancy", _("Pregnancy examination")
    SELF_CARE = "self_care", _("Inability to take care of oneself")
    REEXAMINATION = "reexamination", _("Re-examination during medical parole")


#: The listing's field for each capability.
CAPABILITY_FIELDS = {
    HospitalCapability.ILLNESS: "certifies_illness",
    HospitalCapability.PREGNANCY: "certifies_pregnancy",
    HospitalCapability.SELF_CARE: "certifies_self_care",
    HospitalCapability.REEXAMINATION: "reexamines",
}


class HospitalListing(models.Model):
    """One hospital on one province's list of hospitals designated by the provincial people's
    government (P2014 Art 9), from the day the list takes effect until it is replaced, with
    what the hospital may certify and the provincial document that lists it."""

    hospital = models.ForeignKey(
        Organisation,
        verbose_name=_("hospital"),
        on_delete=models.PROTECT,
        related_name="hospital_listings",
        limit_choices_to={"type": OrganisationType.DESIGNATED_HOSPITAL},
    )
    province = models.CharField(
        _("province"),
        max_length=2,
        validators=[RegexValidator(r"^\d{2}$", _("A province code has two digits (e.g. 33)."))],
        help_text=_("The first two digits of the administrative division code."),
    )
    certifies_illness = models.BooleanField(_("serious illness (per the catalogue)"), default=True)
    certifies_pregnancy = models.BooleanField(_("pregnancy examination"), default=False)
    certifies_self_care = models.BooleanField(_("inability to take care of oneself"), default=False)
    reexamines = models.BooleanField(_("re-examination during medical parole"), default=True)
    listed_from = models.DateField(_("listed from"))
    listed_until = models.DateField(_("listed until"), null=True, blank=True)
    listing_document = models.CharField(
        _("provincial document"),
        max_length=200,
        help_text=_("The provincial government's document that lists the hospital."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("designated hospital listing")
        verbose_name_plural = _("designated hospital listings")
        ordering = ["province", "hospital__name", "-listed_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["hospital", "province", "listed_from"], name="uniq_hospital_listing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.hospital} ({self.listed_from})"

    def clean(self) -> None:
        if self.listed_until and self.listed_until < self.listed_from:
            raise ValidationError({"listed_until": _("The listing cannot end before it starts.")})
        if (
            self.hospital_id is not None
            and self.hospital.type != OrganisationType.DESIGNATED_HOSPITAL
        ):
            raise ValidationError({"hospital": _("Only a designated hospital can be listed.")})

    @property
    def capabilities(self) -> list[HospitalCapability]:
        return [c for c, field in CAPABILITY_FIELDS.items() if getattr(self, field)]


class ReexaminationReminder(models.Model):
    """One SMS reminder (D-15b) to the person or the guarantor before the re-examination is
    due, recorded once per clock, contact and rung: a rerun of the task sends nothing twice."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="+")
    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="reexamination_reminders"
    )
    contact = models.ForeignKey(SupervisionContact, on_delete=models.PROTECT, related_name="+")
    days_before = models.PositiveSmallIntegerField(_("days before"))
    phone = models.CharField(_("mobile phone"), max_length=11)
    text = models.CharField(_("text"), max_length=300)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("re-examination reminder")
        verbose_name_plural = _("re-examination reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "contact", "days_before"], name="uniq_reexamination_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} — {self.days_before}"


class PostponementState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class PostponementRequester(models.TextChoices):
    PERSON = "person", _("The person under supervision")
    GUARANTOR = "guarantor", _("The guarantor")
    OFFICER = "officer", _("The officer")


class ReexaminationPostponement(models.Model):
    """A request to postpone the re-examination (病情复查延期), with its reason and the date
    asked for, decided by the community-correction institution (P2014 Art 21)."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="postponements"
    )
    requested_by_party = models.CharField(
        _("requested by"), max_length=10, choices=PostponementRequester.choices
    )
    reason = models.TextField(_("reason"))
    due_before = models.DateField(_("re-examination due before the request"), null=True)
    requested_date = models.DateField(_("re-examination postponed to (asked)"))
    requested_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = FSMField(
        _("state"),
        default=PostponementState.REQUESTED,
        choices=PostponementState.choices,
        protected=True,
    )
    approved_date = models.DateField(_("re-examination postponed to"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("re-examination postponement")
        verbose_name_plural = _("re-examination postponements")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.requested_date}"

    @transition(field=state, source=PostponementState.REQUESTED, target=PostponementState.APPROVED)
    def approve(self) -> None:
        """The CCI approves the postponement (P2014 Art 21)."""

    @transition(field=state, source=PostponementState.REQUESTED, target=PostponementState.REFUSED)
    def refuse(self) -> None:
        """The CCI refuses the postponement: the re-examination stays due (P2014 Art 21)."""


class ReviewRecord(models.Model):
    """The review record (DOC-25) issued for a condition review (P2014 Art 21)."""

    review = models.OneToOneField(
        ConditionReview, on_delete=models.CASCADE, related_name="review_record"
    )
    document = models.OneToOneField(GeneratedDocument, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("review record (DOC-25)")
        verbose_name_plural = _("review records (DOC-25)")

    def __str__(self) -> str:
        return str(self.document)


class BirthRecord(models.Model):
    """The birth of the child of a woman whose temporary execution was granted for pregnancy:
    the ground becomes nursing her own baby until the child's first birthday (legal-spec
    E-11, E-12; P2014 Art 5 ¶1(2))."""

    supervision = models.OneToOneField(
        Supervision, on_delete=models.CASCADE, related_name="birth_record"
    )
    child_born_on = models.DateField(_("child born on"))
    nursing_ends_on = models.DateField(_("nursing period ends on"))
    notes = models.CharField(_("notes"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("birth record")
        verbose_name_plural = _("birth records")

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.child_born_on}"
