"""The case file from the written application to the proposal (legal-spec §3.1-3.2, §5).

Each record is one step's evidence in the law's terms; `cases/rules.py` says which records
each transition of the case requires and names the article when one is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation, region_code_validator
from kernel.refusals import Requirement

from ..guarantor_rules import Finding, Place, article_11_unmet
from .case import Case
from .eligibility import IllnessCatalogueItem


class CaseRecordQuerySet(models.QuerySet[Any]):
    def in_force(self) -> CaseRecordQuerySet:
        """The records the law counts: neither withdrawn nor superseded by a correction."""
        return self.filter(withdrawn_at__isnull=True)


class CaseRecord(models.Model):
    """A record of a step of the case file that may be corrected or withdrawn while its step
    is open (issue 10 item 4). Nothing is deleted or overwritten: a withdrawal marks the
    record with who, when and why; a correction withdraws it the same way and points to the
    new record that supersedes it. `cases.rules` and the pages count only `in_force()`.
    """

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawal_reason = models.TextField(
        _("reason for the withdrawal or correction"), blank=True, editable=False
    )
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("corrected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrects",
    )

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None

    def full_clean(
        self,
        exclude: Iterable[str] | None = None,
        validate_unique: bool = True,
        validate_constraints: bool = True,
    ) -> None:
        # A form that does not show a field (the objection's examination shows not when it
        # was received) hears of that field's problem for the record as a whole.
        self._not_shown = frozenset(exclude or ())
        super().full_clean(set(self._not_shown), validate_unique, validate_constraints)

    def clean(self) -> None:
        """Plausibility (issue 14): no record of something done dated after today, dates in
        their order, the rules of each kind (`cases.plausibility`). The web form and the
        record act both run it, so the page and the API refuse alike."""
        from ..plausibility import record_problems

        problems = record_problems(self, not_shown=getattr(self, "_not_shown", frozenset()))
        if problems:
            raise ValidationError(problems)


class EvidenceKind(models.TextChoices):
    APPLICATION = "application", _("Written application")
    DIAGNOSIS_CERTIFICATE = "diagnosis_certificate", _("Diagnosis or examination certificate")
    LABORATORY_REPORT = "laboratory_report", _("Laboratory report")
    IMAGING = "imaging", _("Imaging")
    MEDICAL_RECORD = "medical_record", _("Medical record")
    IDENTIFICATION_OPINION = "identification_opinion", _("Self-care identification opinion")
    RECUSAL_DECLARATION = "recusal_declaration", _("Recusal declaration")
    LETTER_OF_GUARANTEE = "letter_of_guarantee", _("Letter of guarantee")
    INVESTIGATION_OPINION = "investigation_opinion", _("Investigation and evaluation opinion")
    MINUTES = "minutes", _("Deliberation minutes")
    OBJECTION = "objection", _("Objection")
    OBLIGATIONS_NOTICE = "obligations_notice", _("Notice of obligations signed by the prisoner")
    HAND_OVER_RECORD = "hand_over_record", _("Hand-over record signed by both sides")
    OTHER = "other", _("Other")


class Evidence(models.Model):
    """An uploaded PDF, JPEG or PNG, checked by content, fingerprinted; views are audited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("type"), max_length=24, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.original_name}"

    #: The extension of each accepted type (the type is sniffed from the content on upload).
    EXTENSIONS: ClassVar[dict[str, str]] = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
    }

    @property
    def download_name(self) -> str:
        """The uploaded name, ending in the extension of its real type (a scan named
        "诊断证明" or "诊断证明.doc" downloads as "诊断证明.pdf")."""
        name = (self.original_name or f"evidence-{self.pk}").replace("/", "_").replace("\\", "_")
        extension = self.EXTENSIONS.get(self.content_type, "")
        _stem, dot, current = name.rpartition(".")
        kept = {extension, ".jpeg"} if extension == ".jpg" else {extension}
        if extension and not (dot and f".{current.lower()}" in kept):
            name = f"{name}{extension}"
        return name


class Relationship(models.TextChoices):
    OFFENDER = "offender", _("The prisoner")
    RELATIVE = "relative", _("A relative")
    GUARDIAN = "guardian", _("The guardian")


class WrittenApplication(CaseRecord):
    """A written application by the prisoner, a relative or the guardian (P2014 Art 8 ¶1)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "applicant_name",
        "relationship",
        "applied_on",
        "summary",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="applications")
    applicant_name = models.CharField(_("applicant"), max_length=60)
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    applied_on = models.DateField(_("applied on"))
    summary = models.TextField(_("facts and reasons"), blank=True)

    class Meta:
        # One in force per case; corrected and withdrawn ones stay beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_application_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} {self.applied_on}"


class ProcuratorateCopy(CaseRecord):
    """What the prison must send the procuratorate, and when (P2014 Arts 8 ¶3, 13 ¶3)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "stage",
        "procuratorate",
        "sent_on",
    )

    class Stage(models.TextChoices):
        ASSESSMENT = "assessment", _("Informed of the assessment (Art 8 ¶3)")
        MATERIALS = "materials", _("Materials before deliberation (Art 13 ¶3)")
        PROPOSAL = "proposal", _("Written opinion after deciding to propose (Art 13 ¶3)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="procuratorate_copies")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    procuratorate = models.ForeignKey(
        Organisation, verbose_name=_("procuratorate"), on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("sent on"))
    #: Written by the procuratorate's acknowledgement (`procuracy.receipt`), never by the sender.
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "stage"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_copy_stage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_stage_display()}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()


class Title(models.TextChoices):
    CHIEF = "chief", _("Chief physician (senior)")
    DEPUTY_CHIEF = "deputy_chief", _("Deputy chief physician (deputy-senior)")
    ATTENDING = "attending", _("Attending physician")
    RESIDENT = "resident", _("Resident physician")


SENIOR_TITLES = frozenset({Title.CHIEF, Title.DEPUTY_CHIEF})

#: 医师执业证书编码: fifteen digits. It tells apart two doctors of the same name and joins the
#: spellings of one doctor (the anomaly dashboard's `doctor_unusual_share`).
PRACTISING_CERTIFICATE = RegexValidator(
    r"^\d{15}$", _("A practising certificate number is fifteen digits.")
)


class MedicalCertificate(CaseRecord):
    """A diagnosis or pregnancy examination certificate (DOC-03, P2014 Art 9 ¶1)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "kind",
        "hospital",
        "issued_on",
        "catalogue_item",
        "doctor_1",
        "doctor_1_title",
        "doctor_1_licence",
        "doctor_2",
        "doctor_2_title",
        "doctor_2_licence",
        "vice_president_signed",
        "sealed",
        "records_attached",
        "short_term_life_danger",
        "must_release_immediately",
    )

    class Kind(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("Diagnosis of illness")
        PREGNANCY = "pregnancy", _("Pregnancy examination")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    hospital = models.ForeignKey(
        Organisation, verbose_name=_("hospital"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    catalogue_item = models.ForeignKey(
        IllnessCatalogueItem,
        verbose_name=_("illness"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    doctor_1 = models.CharField(_("first doctor"), max_length=60)
    doctor_1_title = models.CharField(
        _("first doctor's title"), max_length=14, choices=Title.choices
    )
    doctor_1_licence = models.CharField(
        _("first doctor's practising certificate number"),
        max_length=15,
        blank=True,
        validators=[PRACTISING_CERTIFICATE],
    )
    doctor_2 = models.CharField(_("second doctor"), max_length=60)
    doctor_2_title = models.CharField(
        _("second doctor's title"), max_length=14, choices=Title.choices
    )
    doctor_2_licence = models.CharField(
        _("second doctor's practising certificate number"),
        max_length=15,
        blank=True,
        validators=[PRACTISING_CERTIFICATE],
    )
    vice_president_signed = models.BooleanField(
        _("signed by the vice-president in charge of medical business"), default=False
    )
    sealed = models.BooleanField(_("hospital seal"), default=False)
    records_attached = models.BooleanField(
        _("laboratory, imaging and medical-record copies attached"), default=False
    )
    short_term_life_danger = models.BooleanField(
        _("danger to life in the short term"), default=False
    )
    must_release_immediately = models.BooleanField(
        _("condition serious: medical parole must be immediate"), default=False
    )
    evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("scan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issued_on}"


class SelfCareIdentification(CaseRecord):
    """The self-care identification opinion (DOC-04, P2014 Arts 9 ¶2, 33)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "identified_on",
        "members",
        "medical_members",
        "signed_by_all",
        "signed_by_head",
        "activities_needing_help",
        "cause",
        "observation_start",
        "hospital",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identifications")
    #: The designated hospital where the team was formed, or whose doctors are its medical
    #: members (P2014 Art 9 ¶2); optional: a team may sit elsewhere.
    hospital = models.ForeignKey(
        Organisation,
        verbose_name=_("hospital of the team"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    identified_on = models.DateField(_("identified on"))
    members = models.TextField(_("team members"))
    medical_members = models.PositiveSmallIntegerField(_("medical members"))
    signed_by_all = models.BooleanField(_("signed by every member"), default=False)
    signed_by_head = models.BooleanField(_("signed by the head and sealed"), default=False)
    activities_needing_help = models.JSONField(_("activities needing help"), default=list)
    cause = models.CharField(
        _("cause"),
        max_length=20,
        choices=[
            ("illness", _("Illness")),
            ("disability", _("Physical disability")),
            ("old_age", _("Old age and infirmity")),
        ],
    )
    observation_start = models.DateField(_("treatment and observation started on"))
    evidence = models.ForeignKey(
        Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case} {self.identified_on}"


class RecusalDeclaration(CaseRecord):
    """Each doctor and assessor declares no kinship or other interest (P2014 Art 9 ¶3)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "person_name",
        "capacity",
        "declared_on",
        "no_conflict",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recusals")
    person_name = models.CharField(_("name"), max_length=60)
    capacity = models.CharField(_("capacity"), max_length=60)
    declared_on = models.DateField(_("declared on"))
    no_conflict = models.BooleanField(_("declares no kinship or other interest"), default=True)

    def __str__(self) -> str:
        return self.person_name


#: Who proposed the guarantor (P2014 Art 10).
GUARANTOR_PROPOSED_BY = [
    ("offender", _("The prisoner")),
    ("relative", _("A relative or the guardian")),
    ("recommended", _("Recommended by the committee, employer or CCI (Art 10 ¶2)")),
]


class Guarantor(CaseRecord):
    """The guarantor for medical parole, examined against Art 11 (P2014 Arts 10-11; DOC-08).

    Each of the four conditions is recorded on its own with the evidence the examiner relied
    on; condition (4) is not ticked but computed from the guarantor's residence region code
    and the prisoner's (`cases.guarantor_rules`), unless the guarantor lives with the prisoner.
    """

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "id_number",
        "relationship",
        "proposed_by",
        "full_capacity_and_willing",
        "capacity_evidence",
        "freedom_not_restricted",
        "freedom_evidence",
        "fixed_residence_and_income",
        "residence_and_income_evidence",
        "residence_address",
        "residence_region_code",
        "lives_with_prisoner",
        "residence_evidence",
        "examined_on",
        "confirmed",
        "letter_filed_on",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="guarantors")
    name = models.CharField(_("name"), max_length=60)
    id_number = models.CharField(_("resident identity number"), max_length=18)
    relationship = models.CharField(_("relationship to the prisoner"), max_length=40)
    proposed_by = models.CharField(_("proposed by"), max_length=20, choices=GUARANTOR_PROPOSED_BY)
    full_capacity_and_willing = models.BooleanField(
        _("(1) full civil capacity and willing to assume the duties"), default=False
    )
    capacity_evidence = models.CharField(
        _("evidence for (1)"),
        max_length=200,
        blank=True,
        help_text=_("The document or check relied on, e.g. identity card and signed statement."),
    )
    freedom_not_restricted = models.BooleanField(
        _("(2) personal freedom not restricted"), default=False
    )
    freedom_evidence = models.CharField(
        _("evidence for (2)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. a check with the local police station."),
    )
    fixed_residence_and_income = models.BooleanField(
        _("(3) fixed residence and income"), default=False
    )
    residence_and_income_evidence = models.CharField(
        _("evidence for (3)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. property certificate or lease, and proof of wages or pension."),
    )
    # Blank only for a guarantor who lives with the prisoner (`clean`) and for the rows
    # recorded before the residence was asked for (migration 0015).
    residence_address = models.CharField(
        _("guarantor's residence address"), max_length=200, blank=True
    )
    residence_region_code = models.CharField(
        _("region code of the guarantor's residence"),
        max_length=6,
        blank=True,
        validators=[region_code_validator],
        help_text=_(
            "(4) is met when the guarantor lives in the same county (same six digits) or the "
            "same city (same first four digits) as the prisoner's residence."
        ),
    )
    lives_with_prisoner = models.BooleanField(
        _("(4) lives with the prisoner"),
        default=False,
        help_text=_("Tick only when the guarantor lives at the prisoner's residence."),
    )
    residence_evidence = models.CharField(
        _("evidence for (4)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. household register or residence permit."),
    )
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed by the prison"), default=False)
    letter_filed_on = models.DateField(_("letter of guarantee filed on"), null=True, blank=True)

    class Meta:
        # One in force per case; corrected and withdrawn ones stay beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_guarantor_in_force",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def person_residences(self) -> list[Place]:
        """Where the prisoner will live: the residence verified (P2014 Art 8 ¶2), or before
        the verification the residence and habitual residence registered (CCL Art 17)."""
        if self.case_id is None:
            return []
        verified = self.case.residence_checks.in_force().order_by("-verified_on", "-id").first()
        if verified is not None and verified.region_code:
            return [Place(verified.address, verified.region_code)]
        offender = self.case.offender
        places = [
            Place(offender.residence_address, offender.residence_region_code),
            Place(offender.habitual_residence_address, offender.habitual_residence_region_code),
        ]
        return [p for p in places if p.region_code]

    @property
    def article_11_unmet(self) -> list[Requirement]:
        """Each item of P2014 Art 11 the guarantor fails, with its article item."""
        return article_11_unmet(
            findings=(
                Finding(self.full_capacity_and_willing, self.capacity_evidence),
                Finding(self.freedom_not_restricted, self.freedom_evidence),
                Finding(self.fixed_residence_and_income, self.residence_and_income_evidence),
            ),
            lives_with_person=self.lives_with_prisoner,
            residence=Place(self.residence_address, self.residence_region_code),
            residence_evidence=self.residence_evidence,
            person_residences=self.person_residences(),
        )

    @property
    def meets_article_11(self) -> bool:
        """P2014 Art 11: all four conditions met, each with its evidence."""
        return not self.article_11_unmet

    @property
    def lives_with_or_nearby(self) -> bool:
        """P2014 Art 11(4), computed: lives with the prisoner or in the same city or county."""
        return not any(r.article == "P2014 Art 11(4)" for r in self.article_11_unmet)

    def clean(self) -> None:
        """The prison cannot confirm a guarantor who fails an item of Art 11 (P2014 Art 10
        ¶1): the refusal names each item that fails."""
        super().clean()
        if not self.lives_with_prisoner and not (
            self.residence_address.strip() and self.residence_region_code
        ):
            raise ValidationError(
                {
                    "residence_region_code": _(
                        "Give the guarantor's residence address and its region code, or tick "
                        "that the guarantor lives with the prisoner (P2014 Art 11(4))."
                    )
                }
            )
        if self.confirmed and self.examined_on is None:
            raise ValidationError(
                {"examined_on": _("Give the date the prison examined the guarantor (Art 10 ¶1).")}
            )
        if self.confirmed and self.case_id is not None:
            unmet = self.article_11_unmet
            if unmet:
                raise ValidationError([str(r) for r in unmet])


class ResidenceVerification(CaseRecord):
    """The place of execution verified (P2014 Art 8 ¶2; CCL Art 17)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "address",
        "region_code",
        "verified_on",
        "method",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="residence_checks")
    address = models.CharField(_("address"), max_length=200)
    region_code = models.CharField(_("region code"), max_length=6)
    verified_on = models.DateField(_("verified on"))
    method = models.CharField(_("how it was verified"), max_length=120)

    def __str__(self) -> str:
        return self.address


class InvestigationFinding(models.TextChoices):
    """The conclusion of the investigation and evaluation opinion (CCL Art 18)."""

    SUITABLE = "suitable", _("Suitable for community correction")
    UNSUITABLE = "unsuitable", _("Not suitable for community correction")


class InvestigationEntrustment(CaseRecord):
    """An entrusted community-impact investigation (P2014 Arts 8 ¶2, 13 ¶2; CCL Art 18)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "entrusted_to",
        "entrusted_on",
        "opinion_received_on",
        "opinion",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="investigations")
    entrusted_to = models.ForeignKey(
        Organisation, verbose_name=_("entrusted to"), on_delete=models.PROTECT, related_name="+"
    )
    entrusted_on = models.DateField(_("entrusted on"))
    opinion_received_on = models.DateField(_("opinion received on"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    # What the entrusted institution records itself (`investigation_report_record`, issue 13);
    # empty when the prison entered an opinion that reached it on paper.
    investigated_from = models.DateField(_("investigated from"), null=True, blank=True)
    investigated_to = models.DateField(_("investigated until"), null=True, blank=True)
    interviewed = models.TextField(_("persons interviewed"), blank=True)
    finding = models.CharField(
        _("finding"), max_length=12, choices=InvestigationFinding.choices, blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True, editable=False)

    class Meta:
        # One in force per case; corrected and withdrawn ones stay beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_investigation_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.entrusted_to}"


class Deliberation(CaseRecord):
    """The deliberation of the prison's review committee (P2014 Art 13 ¶1; MOJ 2016 Art 3)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "held_on",
        "members_present",
        "chaired_by",
        "propose",
        "reasons",
        "discretion_reasoning",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deliberations")
    held_on = models.DateField(_("held on"))
    members_present = models.PositiveSmallIntegerField(_("members present"))
    chaired_by = models.CharField(_("chaired by"), max_length=60)
    propose = models.BooleanField(_("decided to propose"))
    reasons = models.TextField(_("reasons"))
    discretion_reasoning = models.TextField(
        _("reasoned decision on the discretion the rules leave (Art 7 ¶2-3)"), blank=True
    )
    minutes = models.ForeignKey(
        Evidence, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        # One in force per case; corrected and withdrawn ones stay beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_deliberation_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"


class Publicity(CaseRecord):
    """Publicity inside the prison (P2014 Art 13 ¶1)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "starts_on",
        "ends_on",
        "place",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="publicities")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    place = models.CharField(_("where it is posted"), max_length=120)

    class Meta:
        # One in force per case; corrected and withdrawn ones stay beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="uniq_publicity_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.starts_on}–{self.ends_on}"


class Objection(CaseRecord):
    """An objection from anyone during publicity, and its examination (P2014 Art 13 ¶2)."""

    #: What a clerk enters (the web form and the API body ask for these, nothing else).
    ENTERED_FIELDS: ClassVar[tuple[str, ...]] = (
        "received_on",
        "objector",
        "content",
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField(_("received on"))
    objector = models.CharField(_("objector"), max_length=60)
    content = models.TextField(_("content"))
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    established = models.BooleanField(_("objection established"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)

    def __str__(self) -> str:
        return f"{self.objector} {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.established is None


class ProposalSubmission(models.Model):
    """The dossier submitted to the approving authority; receipt starts Art 14's 15 working
    days (D-04)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="submission")
    approving_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    received_at = models.DateTimeField(_("received at"))
    emergency = models.BooleanField(_("emergency without publicity"), default=False)
    approval_form = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("approval form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"{self.case} {self.submitted_at:%Y-%m-%d}"


class ProposalSignOff(models.Model):
    """The head of the prison or detention centre signs the proposal off before it goes to the
    approving authority: the approval form (DOC-14) carries the signature of each internal
    tier and the institution's seal (P2014 Art 13 ¶2; legal-spec DOC-14 and §3.1 note 1). A
    recorded act (`cases.acts.proposal.PRISON_HEAD_SIGNOFF`), never a box the clerk ticks."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="signoff")
    institution = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed off at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("sign-off of the head of the institution")
        verbose_name_plural = _("sign-offs of the head of the institution")

    def __str__(self) -> str:
        return f"{self.case} {self.signed_by} {self.signed_at:%Y-%m-%d}"


class ProcuratorialOpinion(models.Model):
    """A written procuratorial opinion on the proposal (P2014 Art 13 ¶3; SPP-Rules Art 630)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="procuratorial_opinions")
    procuratorate = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("issued on"))
    conforms = models.BooleanField(_("the proposal meets the conditions and procedure"))
    content = models.TextField(_("opinion"))
    chief_approved = models.BooleanField(_("approved by the Chief Procurator"), default=False)

    def __str__(self) -> str:
        return f"{self.case} {self.issued_on}"


#: The records of the prison-path case file by the name the pages and URLs use; each is a
#: `CaseRecord` and can be corrected or withdrawn while its step is open.
CASE_FILE_RECORDS: dict[str, type[CaseRecord]] = {
    "application": WrittenApplication,
    "procuratorate-copy": ProcuratorateCopy,
    "certificate": MedicalCertificate,
    "identification": SelfCareIdentification,
    "recusal": RecusalDeclaration,
    "guarantor": Guarantor,
    "residence": ResidenceVerification,
    "investigation": InvestigationEntrustment,
    "deliberation": Deliberation,
    "publicity": Publicity,
    "objection": Objection,
}
