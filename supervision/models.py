"""From the decision to community correction: the institution prepares the release, escorts
the person, hands them over; the community-correction institution receives them
(legal-spec §3.1 T-B12 … T-B14, §3.3 T-A06; P2014 Arts 15-16, 19; CCL Arts 19-22).

Community correction keeps its records in `Supervision` and `ConditionReview` here and in the
models of its parts (`supervision.<part>.models`, imported at the end of this module).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

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


class SupervisionState(models.TextChoices):
    """The supervision's own states (legal-spec §3.4, S1 … S10)."""

    UNDER_SUPERVISION = "under_supervision", _("Under supervision")
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", _("Criminal proceedings for a new crime")
    REVOCATION_PROPOSED = "revocation_proposed", _("Imprisonment proposed")
    REVOCATION_UNDER_REVIEW = "revocation_under_review", _("Proposal for imprisonment under review")
    REVOKED_AWAITING_CUSTODY = (
        "revoked_awaiting_custody",
        _("Imprisonment decided, awaiting custody"),
    )
    ABSCONDED = "absconded", _("Absconded after the decision on imprisonment")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("Returned to custody")
    EXPIRY_NOTIFIED = "expiry_notified", _("Expiry notified")
    SENTENCE_EXPIRED = "sentence_expired", _("Sentence expired, released")
    DECEASED = "deceased", _("Deceased")
    REIMPRISONED_NEW_SENTENCE = "reimprisoned_new_sentence", _("Imprisoned for a new sentence")


class SupervisionGrade(models.TextChoices):
    """Graded management (分类管理, CCL Art 24): how closely the officer supervises and how
    often the person is verified."""

    STRICT = "strict", _("Strict management")
    ORDINARY = "ordinary", _("Ordinary management")
    LENIENT = "lenient", _("Lenient management")


_S = SupervisionState
#: States in which the person is supervised in the community and its routine acts go on
#: (reviews, verifications, the guarantor, rewards and sanctions): also while a proposal for
#: imprisonment is examined, since the person stays under community correction until the
#: decision (CCL Art 49).
SUPERVISION_OPEN = frozenset(
    {
        _S.UNDER_SUPERVISION,
        _S.EXPIRY_NOTIFIED,
        _S.REVOCATION_PROPOSED,
        _S.REVOCATION_UNDER_REVIEW,
    }
)
#: States from which a revocation may be proposed or suggested (T-S03, T-S03p): the person is
#: supervised and no proposal is pending (legal-spec §3.4: from S1; the last month before expiry
#: does not stop a ground from being acted on).
REVOCABLE = frozenset({_S.UNDER_SUPERVISION, _S.EXPIRY_NOTIFIED})
#: States in which death ends the supervision (T-S10: S1 … S5, and S5b, S7).
MORTAL = frozenset(
    {
        _S.UNDER_SUPERVISION,
        _S.CRIMINAL_PROCEEDINGS,
        _S.REVOCATION_PROPOSED,
        _S.REVOCATION_UNDER_REVIEW,
        _S.REVOKED_AWAITING_CUSTODY,
        _S.ABSCONDED,
        _S.EXPIRY_NOTIFIED,
    }
)
#: Terminal states: community correction has ended (CCL Art 45).
SUPERVISION_ENDED = frozenset(
    {
        _S.RETURNED_TO_CUSTODY,
        _S.SENTENCE_EXPIRED,
        _S.DECEASED,
        _S.REIMPRISONED_NEW_SENTENCE,
    }
)


class Supervision(FSMModelMixin, models.Model):
    """One person under community correction, from the reception (CCL Art 22; T-B14/T-A06)
    to expiry (P2014 Art 27; CCL Art 44) or death (P2014 Art 28; CCL Art 51). The case stays
    "under community correction" (`Case` has no later state); this record carries the rest."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="supervision")
    executing_cci = models.ForeignKey(
        Organisation,
        verbose_name=_("community-correction institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deciding_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("deciding organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    custodial_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("original or file-holding institution"),
        help_text=_("P2014 Art 20: the file holder in a cross-province case."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ground_medical = models.BooleanField(_("serious illness (medical parole)"), default=False)
    ground_pregnancy = models.BooleanField(_("pregnant or nursing"), default=False)
    ground_self_care = models.BooleanField(_("unable to take care of oneself"), default=False)
    expiry_date = models.DateField(_("sentence expiry date"), null=True, blank=True)
    opened_at = models.DateTimeField(_("received into community correction at"))
    state = FSMField(
        _("state"),
        default=SupervisionState.UNDER_SUPERVISION,
        choices=SupervisionState.choices,
        protected=True,
    )
    expiry_notified_on = models.DateField(_("expiry notice sent on"), null=True, blank=True)
    ended_on = models.DateField(_("community correction ended on"), null=True, blank=True)
    termination_certificate = models.CharField(
        _("certificate number"),
        max_length=60,
        blank=True,
        help_text=_("Court path: the CCI's certificate of termination (CCL Art 44)."),
    )
    death_discovered_on = models.DateField(_("death discovered on"), null=True, blank=True)
    death_cause = models.CharField(_("cause of death"), max_length=200, blank=True)
    death_reported_by = models.CharField(_("death reported by"), max_length=80, blank=True)
    # What the caseload lists without a join per row; each is kept by the acts that change it.
    grade = models.CharField(
        _("supervision grade"),
        max_length=10,
        choices=SupervisionGrade.choices,
        default=SupervisionGrade.ORDINARY,
        help_text=_("CCL Art 24: graded management sets how often the person is verified."),
    )
    juvenile = models.BooleanField(
        _("juvenile"),
        default=False,
        help_text=_("CCL Arts 52-58: handled separately; the records are confidential."),
    )
    warning_count = models.PositiveSmallIntegerField(
        _("warnings"),
        default=0,
        help_text=_("CCL Art 28; SPC-Interp Art 516(4): two warnings without correction."),
    )
    monitoring_ends_on = models.DateField(
        _("electronic monitoring ends on"),
        null=True,
        blank=True,
        help_text=_("CCL Art 29 ¶2: at most three months a period."),
    )
    nursing_ends_on = models.DateField(
        _("nursing period ends on"),
        null=True,
        blank=True,
        help_text=_("The child's first birthday: the nursing ground ends (legal-spec E-12)."),
    )

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")

    def __str__(self) -> str:
        return f"{self.case} — {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    @transition(
        field=state,
        source=SupervisionState.UNDER_SUPERVISION,
        target=SupervisionState.EXPIRY_NOTIFIED,
    )
    def notify_expiry(self) -> None:
        """T-S08: written notice one month before expiry (P2014 Art 27 ¶1)."""

    @transition(
        field=state,
        source=SupervisionState.EXPIRY_NOTIFIED,
        target=SupervisionState.SENTENCE_EXPIRED,
    )
    def expire(self) -> None:
        """T-S09: the sentence has expired (P2014 Art 27; Prison Law Art 28; CCL Art 44)."""

    @transition(field=state, source=list(MORTAL), target=SupervisionState.DECEASED)
    def die(self) -> None:
        """T-S10: death during community correction (P2014 Art 28; CCL Art 51)."""

    # New or undiscovered crime (P2014 Art 22; CCL Art 32).

    @transition(
        field=state,
        source=[_S.UNDER_SUPERVISION, _S.EXPIRY_NOTIFIED],
        target=_S.CRIMINAL_PROCEEDINGS,
    )
    def open_criminal_proceedings(self) -> None:
        """T-S01: a compulsory measure for a new or undiscovered crime (P2014 Art 22 ¶1)."""

    @transition(field=state, source=_S.CRIMINAL_PROCEEDINGS, target=_S.REIMPRISONED_NEW_SENTENCE)
    def reimprison_for_new_sentence(self) -> None:
        """T-S02: an effective custodial judgment; the institution takes the person in
        (P2014 Art 22 ¶2; CCL Art 45)."""

    @transition(
        field=state,
        source=_S.CRIMINAL_PROCEEDINGS,
        target=RETURN_VALUE(_S.UNDER_SUPERVISION, _S.EXPIRY_NOTIFIED),
    )
    def resume_after_proceedings(self) -> str:
        """T-S02b: acquittal or a non-custodial outcome (CCL Art 32): back where supervision
        was, the expiry notice already sent (P2014 Art 27 ¶1) staying sent."""
        if self.expiry_notified_on is not None:
            return str(_S.EXPIRY_NOTIFIED)
        return str(_S.UNDER_SUPERVISION)

    # Revocation (P2014 Arts 23, 26 ¶1; CPL Art 268; CCL Art 49; SPC-Interp Arts 516-517).

    @transition(field=state, source=list(REVOCABLE), target=_S.REVOCATION_PROPOSED)
    def propose_revocation(self) -> None:
        """T-S03 / T-S03p: the CCI's proposal or the procuratorate's suggestion."""

    @transition(field=state, source=_S.REVOCATION_PROPOSED, target=_S.UNDER_SUPERVISION)
    def withdraw_revocation_proposal(self) -> None:
        """The county judicial administration does not approve the proposal, or it is
        withdrawn before it is sent (P2014 Art 23 ¶1)."""

    @transition(field=state, source=_S.REVOCATION_PROPOSED, target=_S.REVOCATION_UNDER_REVIEW)
    def receive_revocation_proposal(self) -> None:
        """T-S04: the deciding organ records receipt (D-20, CCL Art 49 ¶2)."""

    @transition(
        field=state,
        source=[_S.REVOCATION_UNDER_REVIEW, _S.UNDER_SUPERVISION, _S.EXPIRY_NOTIFIED],
        target=_S.REVOKED_AWAITING_CUSTODY,
    )
    def revoke(self) -> None:
        """T-S05: the decision on imprisonment (P2014 Art 23; CCL Art 49). From S1/S7 only on
        the re-examination after a procuratorial objection (P2014 Art 30)."""

    @transition(field=state, source=_S.REVOCATION_UNDER_REVIEW, target=_S.UNDER_SUPERVISION)
    def reject_revocation(self) -> None:
        """T-S05x: the proposal is rejected with reasons."""

    # Return to custody (P2014 Arts 24-25; CCL Arts 49-50).

    @transition(field=state, source=_S.REVOKED_AWAITING_CUSTODY, target=_S.ABSCONDED)
    def abscond(self) -> None:
        """T-S06a: at large after the decision; the public security organ pursues (Art 25)."""

    @transition(
        field=state,
        source=[_S.REVOKED_AWAITING_CUSTODY, _S.ABSCONDED],
        target=_S.RETURNED_TO_CUSTODY,
    )
    def return_to_custody(self) -> None:
        """T-S06 / T-S06b: taken into the prison or detention centre (P2014 Arts 24-25)."""


class ReviewFinding(models.TextChoices):
    PERSIST = "persist", _("The circumstances persist")
    DISAPPEARED = "disappeared", _("The circumstances have disappeared")
    UNCERTAIN = "uncertain", _("Uncertain")


class ConditionChange(models.TextChoices):
    """How the condition evolved since the last examination (一保到底: a condition unchanged for
    long with no panel review is a signal of the anomaly dashboard)."""

    WORSENED = "worsened", _("Worsened")
    UNCHANGED = "unchanged", _("Unchanged")
    IMPROVED = "improved", _("Improved")


class ConditionReview(models.Model):
    """The officer's three-monthly review of the medical re-examination (DOC-25; P2014 Art 21,
    D-15)."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="reviews")
    reexamined_on = models.DateField(_("re-examined on"))
    hospital = models.ForeignKey(
        Organisation, verbose_name=_("hospital"), on_delete=models.PROTECT, related_name="+"
    )
    hospital_designated = models.BooleanField(
        _("designated on that date"),
        help_text=_("P2014 Art 9: a re-examination outside the provincial list is flagged."),
    )
    doctors = models.CharField(_("doctors and titles"), max_length=200)
    findings = models.TextField(_("findings of the re-examination"))
    finding = models.CharField(
        _("the officer's finding"), max_length=20, choices=ReviewFinding.choices
    )
    #: Blank on reviews recorded before it was asked.
    condition_change = models.CharField(
        _("condition since the last examination"),
        max_length=10,
        choices=ConditionChange.choices,
        blank=True,
    )
    panel_reviewed = models.BooleanField(_("reviewed by an expert panel"), default=False)
    feedback_to = models.ForeignKey(
        Organisation,
        verbose_name=_("feedback sent to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("condition review")
        verbose_name_plural = _("condition reviews")
        ordering = ["-reexamined_on", "-id"]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.reexamined_on}"


class ContactRole(models.TextChoices):
    PERSON = "person", _("The person under supervision")
    GUARANTOR = "guarantor", _("The guarantor")


class SupervisionContact(models.Model):
    """Who the officer and the system reach outside the institutions: the person under
    supervision and the guarantor (P2014 Art 12), with the mobile number that reminders
    (D-15b) and the one-time codes of the reporting page go to. A guarantor replaced keeps
    their row, inactive: the history stays."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("who"), max_length=10, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(
        _("mobile phone"),
        max_length=11,
        validators=[
            RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number."))
        ],
    )
    active = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["role", "-active", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "role"],
                condition=models.Q(active=True),
                name="uniq_active_contact_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class RevocationGroundKind(models.TextChoices):
    """List R of legal-spec §3.4: the three statutory grounds (CPL Art 268 ¶1) and the eight
    of the court path (SPC-Interp Art 516), used also in community-correction practice."""

    CPL_1 = "cpl_268_1", _("Found not to meet the conditions (CPL Art 268 ¶1(1))")
    CPL_2 = "cpl_268_2", _("Serious violation of the supervision rules (CPL Art 268 ¶1(2))")
    CPL_3 = "cpl_268_3", _("The circumstances have disappeared (CPL Art 268 ¶1(3))")
    SPC_1 = "spc_516_1", _("Not meeting the conditions (SPC-Interp Art 516(1))")
    SPC_2 = (
        "spc_516_2",
        _(
            "Left the city or county without approval, or escaped supervision "
            "(SPC-Interp Art 516(2))"
        ),
    )
    SPC_3 = "spc_516_3", _("Not corrected after a public-security penalty (SPC-Interp Art 516(3))")
    SPC_4 = "spc_516_4", _("Two warnings, still not corrected (SPC-Interp Art 516(4))")
    SPC_5 = (
        "spc_516_5",
        _("Re-examination results not submitted after a warning (SPC-Interp Art 516(5))"),
    )
    SPC_6 = (
        "spc_516_6",
        _("The circumstances have disappeared, the term not expired (SPC-Interp Art 516(6))"),
    )
    SPC_7 = (
        "spc_516_7",
        _(
            "The guarantor lost the conditions and no new one was proposed in time "
            "(SPC-Interp Art 516(7))"
        ),
    )
    SPC_8 = "spc_516_8", _("Other serious violations (SPC-Interp Art 516(8))")


class RevocationGround(models.Model):
    """A ground for revoking the temporary execution that a supervision act has raised (a
    review that found the circumstances gone, the second warning, a guarantor not replaced in
    time...), with the record it comes from as its evidence. The revocation proposal (next
    issue) offers the open ones with their evidence linked."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.CASCADE, related_name="revocation_grounds"
    )
    ground = models.CharField(_("ground"), max_length=12, choices=RevocationGroundKind.choices)
    reason = models.TextField(_("reason"))
    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    raised_at = models.DateTimeField(auto_now_add=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("revocation ground raised")
        verbose_name_plural = _("revocation grounds raised")
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "ground", "source_type", "source_id"],
                name="uniq_revocation_ground_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supervision.case} — {self.get_ground_display()}"


# The parts of community correction keep their models in their own modules (imported here so
# that Django registers them with this app).
from .caseload import models as _caseload_models  # noqa: E402, F401
from .correction import models as _correction_models  # noqa: E402, F401

# Revocation and return to custody.
from .custody import models as _custody_models  # noqa: E402, F401
from .discipline import models as _discipline_models  # noqa: E402, F401
from .guarantee import models as _guarantee_models  # noqa: E402, F401
from .imprisonment import models as _imprisonment_models  # noqa: E402, F401
from .medical import models as _medical_models  # noqa: E402, F401
from .newcrime import models as _newcrime_models  # noqa: E402, F401
from .recalculation import models as _recalculation_models  # noqa: E402, F401
from .revocation import models as _revocation_models  # noqa: E402, F401
from .selfreport import models as _selfreport_models  # noqa: E402, F401
