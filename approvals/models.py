"""The approving authority's side: its decision and its answers to procuratorial opinions
(legal-spec §3.1 T-B11, T-B11x; P2014 Art 14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case, ProcuratorialOpinion
from kernel.accounts.models import Organisation


class DecisionKind(models.TextChoices):
    """The decisions of one case, each with its own number, document, signature, deliveries
    and clocks."""

    TEOP = "teop", _("Decision on temporary execution outside prison")
    IMPRISONMENT = "imprisonment", _("Decision on imprisonment")
    REEXAMINATION = "reexamination", _("Result of the re-examination")
    RECALCULATION = "recalculation", _("Ruling on the period not counted")


class ApprovalDecision(models.Model):
    """A decision of the case: the TEOP decision, approval (DOC-16/16C) or not (DOC-17/18);
    the decision on imprisonment (DOC-28) or its rejection; the re-examination after a
    procuratorial objection (DOC-39); the intermediate court's ruling on the period not counted
    (DOC-31). `Case.decision` is the TEOP decision; `case.decisions` all of them."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(
        _("kind of decision"),
        max_length=16,
        choices=DecisionKind.choices,
        default=DecisionKind.TEOP,
    )
    approved = models.BooleanField(_("approved"))
    authority = models.ForeignKey(
        Organisation,
        verbose_name=_("approving authority"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    # Issued by kernel.numbering (浙狱暂决〔2026〕001号); unique, whoever issued it.
    number = models.CharField(
        _("decision number"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("This decision number has already been issued.")},
    )
    reasons = models.TextField(_("reasons"))
    committee_held_on = models.DateField(_("review committee held on"), null=True, blank=True)
    committee_members_present = models.PositiveSmallIntegerField(
        _("review committee members present"), null=True, blank=True
    )
    document = models.ForeignKey(
        "documents.GeneratedDocument", on_delete=models.PROTECT, related_name="+"
    )
    # The TEOP decision keeps the remaining term as it stood on its date (P2014 Art 24 ¶1;
    # legal-spec E-06): a court's decision on imprisonment routes the person by it.
    remaining_term_days = models.PositiveIntegerField(
        _("remaining term on the decision date (days)"), null=True, blank=True
    )
    remaining_term_basis = models.JSONField(
        _("how the remaining term was computed"), null=True, blank=True
    )
    # What this decision answers, when it is not the TEOP decision itself: the revocation
    # proposal or suggestion, the objection, the proposal not to count a period.
    answers_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answers_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(kind="teop"),
                name="one_teop_decision_per_case",
            )
        ]

    def __str__(self) -> str:
        return self.number


class OpinionAnswer(models.Model):
    """The approving authority's answer to a procuratorial opinion, given before deciding."""

    opinion = models.OneToOneField(
        ProcuratorialOpinion, on_delete=models.PROTECT, related_name="answer"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(_("answered on"))
    answer = models.TextField(_("answer"))

    def __str__(self) -> str:
        return f"{self.opinion} — {self.answered_on}"


class Publication(models.Model):
    """A decision published on the Internet (P2014 Art 14), as redacted at publication.

    Redaction policy (docs/publication-policy.md): the name is masked to its first character
    and 某; no identity number, address, date of birth, medical detail or illness, guarantor or
    family member is published. What is published is frozen here, so a later change to the
    case never changes what the public saw.
    """

    decision = models.OneToOneField(
        ApprovalDecision, on_delete=models.PROTECT, related_name="publication"
    )
    published_at = models.DateTimeField(_("published at"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("published text"))
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """A decision sent to one recipient, with the time sent and the time received
    (P2014 Art 14; Prison Law Art 26; CCL Art 20). Receipt starts the clocks that run from it."""

    class Purpose(models.TextChoices):
        INSTITUTION = "institution", _("To the prison or detention centre (Art 14, 5 WD)")
        PROCURATORATE = "procuratorate", _("Copy to the procuratorate at the same level (Art 14)")
        ORIGINAL_COURT = "original_court", _("Copy to the original sentencing court (Art 14)")
        COMMUNITY_CORRECTION = (
            "cci",
            _("Copy and notice to the community-correction institution (CCL Art 20, 5 days)"),
        )
        CCI_DOCUMENTS = (
            "cci_documents",
            _("Legal documents to the community-correction institution (CCL Art 20, 10 days)"),
        )
        PUBLIC_SECURITY = (
            "public_security",
            _("Copy to the public security organ of the residence (Prison Law Art 26; CCL Art 20)"),
        )
        # The later decisions of the case (P2014 Arts 23, 26; CCL Art 49).
        JUDICIAL_ADMINISTRATION = (
            "judicial_admin",
            _("To the county judicial administration of the residence (P2014 Art 23)"),
        )
        CUSTODY_INSTITUTION = (
            "custody_inst",
            _("To the original or file-holding prison or detention centre (P2014 Arts 23, 26)"),
        )

    decision = models.ForeignKey(
        ApprovalDecision, on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    sent_at = models.DateTimeField(_("sent at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient", "purpose"], name="uniq_delivery"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} → {self.recipient}"


class ProcuratorialObjection(models.Model):
    """A procuratorate's written opinion that the decision is improper, within one month of
    receiving it, and the authority's re-examination (P2014 Art 30; CPL Art 267)."""

    class Outcome(models.TextChoices):
        MAINTAINED = "maintained", _("Decision maintained")
        REVOKED = "revoked", _("Decision revoked")

    decision = models.ForeignKey(
        ApprovalDecision, on_delete=models.PROTECT, related_name="objections"
    )
    procuratorate = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"))
    grounds = models.TextField(_("grounds"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    reviewed_at = models.DateTimeField(_("re-examined at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    review_reasons = models.TextField(_("reasons of the re-examination"), blank=True)

    class Meta:
        verbose_name = _("procuratorial objection")
        verbose_name_plural = _("procuratorial objections")

    def __str__(self) -> str:
        return f"{self.decision} — {self.procuratorate}"


class FilingForReview(models.Model):
    """Case-by-case filing for review of a duty-crime offender's case (P2014 Art 2 ¶2;
    legal-spec T-B10f). The recipient and timing are a configuration of the SPP 2014 filing
    rules, which were not retrieved: the authority records where and when it filed."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="filing")
    filed_with = models.ForeignKey(
        Organisation, verbose_name=_("filed with"), on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("filed on"))
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("filing for review")
        verbose_name_plural = _("filings for review")

    def __str__(self) -> str:
        return f"{self.case} → {self.filed_with}"


class CrossProvinceTransfer(models.Model):
    """The residence is in another province (P2014 Art 20; legal-spec T-B11c/T-B11d): the
    deciding organ notifies that province's prison administration (or public security
    detention management), which designates one prison or detention centre to hold the file.
    That institution handles later re-imprisonment and release at expiry and notifies the
    community-correction institution; later notices go to it."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="cross_province")
    notified_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("authority of the residence province"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("notified at"))
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fileholder = models.ForeignKey(
        Organisation,
        verbose_name=_("institution holding the file"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    designated_at = models.DateTimeField(_("designated at"), null=True, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("cross-province transfer")
        verbose_name_plural = _("cross-province transfers")

    def __str__(self) -> str:
        return f"{self.case} → {self.notified_organ}"

    @staticmethod
    def required_for(case: Case) -> bool:
        """The residence and the institution holding the offender are in different
        provinces (the first two digits of the administrative division codes)."""
        from cases.jurisdiction import Capacity

        if case.on_court_path:
            return False
        institution = case.participant(Capacity.INSTITUTION)
        residence = case.offender.residence_region_code or ""
        return bool(
            institution is not None and residence and residence[:2] != institution.region_code[:2]
        )


class CourtProceeding(models.Model):
    """The court path before delivery for execution (P2014 Arts 17-19; SPC-Interp Arts
    514-515; legal-spec §3.3): how the court was seized, the judgment, who holds the
    defendant, and the procuratorate's opinion sought before deciding (Art 18 ¶4)."""

    class Origin(models.TextChoices):
        APPLICATION = "application", _("Application by the defendant (Art 17)")
        DEFENDER = "defender", _("Application by the defender (Art 17)")
        DETENTION_CENTRE_NOTICE = (
            "detention_centre_notice",
            _("Notice from the detention centre (Art 17)"),
        )

    class Custody(models.TextChoices):
        DETAINED = "detained", _("Detained in a detention centre")
        BAIL = "bail", _("On bail pending trial")
        RESIDENTIAL_SURVEILLANCE = "residential_surveillance", _("Under residential surveillance")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="court_proceeding")
    court = models.ForeignKey(
        Organisation, verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    origin = models.CharField(_("how the case started"), max_length=24, choices=Origin.choices)
    applicant_name = models.CharField(_("applicant"), max_length=60, blank=True)
    applied_on = models.DateField(_("applied or notified on"))
    judgment_effective_on = models.DateField(_("judgment effective on"))
    execution_documents_served_on = models.DateField(
        _("execution documents served on"), null=True, blank=True
    )
    custody = models.CharField(_("custody"), max_length=24, choices=Custody.choices)
    # The detention centre holding the defendant, or the public security organ executing bail
    # or residential surveillance: it receives the decision (Art 18 ¶2-3).
    executing_organ = models.ForeignKey(
        Organisation,
        verbose_name=_("detention centre or public security organ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consultation_requested_on = models.DateField(
        _("procuratorate's opinion sought on"), null=True, blank=True
    )
    consultation_requested_of = models.ForeignKey(
        Organisation,
        verbose_name=_("procuratorate consulted"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    consultation_request = models.TextField(_("request"), blank=True)
    reply = models.TextField(_("procuratorate's opinion"), blank=True)
    replied_on = models.DateField(_("opinion given on"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("court proceeding")
        verbose_name_plural = _("court proceedings")

    def __str__(self) -> str:
        return f"{self.case} ({self.court})"

    @property
    def execution_documents_served(self) -> bool:
        return self.execution_documents_served_on is not None

    @property
    def consulted(self) -> bool:
        return self.consultation_requested_on is not None


class CourtInvestigation(models.Model):
    """T-A03: the court entrusts the community-correction institution or the county judicial
    administration of the defendant's residence with an investigation and evaluation of the
    defendant's social danger and impact on the community of residence, for reference when it
    decides (CCL Art 18; legal-spec T-A03, DOC-07a/b). Optional; one per court case. Kept apart
    from the prison path's `InvestigationEntrustment` (P2014 Art 8 ¶2), which the prison asks."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="court_investigation")
    entrusted_to = models.ForeignKey(
        Organisation,
        verbose_name=_("entrusted institution"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entrusted_on = models.DateField(_("entrusted on"))
    request = models.TextField(_("matters entrusted"))
    entrusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # DOC-07b: filed by the entrusted institution's officer, or recorded by the court when it
    # arrives on paper (a judicial administration has no users here).
    opinion = models.TextField(_("investigation and evaluation opinion"), blank=True)
    opinion_on = models.DateField(_("opinion given on"), null=True, blank=True)
    opinion_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    opinion_recorded_at = models.DateTimeField(_("opinion recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("investigation entrusted by the court")
        verbose_name_plural = _("investigations entrusted by the court")

    def __str__(self) -> str:
        return f"{self.case} → {self.entrusted_to}"

    @property
    def reported(self) -> bool:
        return self.opinion_on is not None
