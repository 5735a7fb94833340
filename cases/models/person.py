"""The person and the sentence being executed (legal-spec Appendix A)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.models import Organisation, region_code_validator
from kernel.bounds import region_code_exists
from kernel.templatetags.punctuation import mark

from .. import sentence as arithmetic
from ..identity import InvalidIdentityNumber, parse_identity_number

_IDENTITY_MESSAGES = {
    "length": _("A resident identity number has exactly 18 characters."),
    "characters": _("Use digits only, with X allowed as the last character."),
    "region": _("The first two digits are not a province code."),
    "birth_date": _("Characters 7 to 14 are not a real date of birth (YYYYMMDD)."),
    "check_digit": _(
        "The last character (check digit) does not match the first 17: the number was "
        "probably mistyped. Please check it against the identity card."
    ),
}


def identity_error_message(exc: InvalidIdentityNumber) -> str:
    return str(_IDENTITY_MESSAGES.get(exc.code, _("This is not a valid identity number.")))


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Offender(models.Model):
    """A prisoner (罪犯) or defendant; after release, a community-correction subject."""

    # Filled by the selectors' `Prefetch(..., to_attr=...)` (one query for a whole page), not
    # columns: the current sentence(s) and every sentence, newest first.
    current_sentences: list[Sentence]
    all_sentences: list[Sentence]
    #: The one current sentence, set by the offender list for its template.
    current_sentence: Sentence | None

    name = models.CharField(_("name"), max_length=60)
    # Unique per institution, not nationally: a person transferred between institutions is
    # registered by each, and a clerk never learns that another organisation holds a record
    # of the number (issue #9 item 3).
    id_number = models.CharField(_("resident identity number"), max_length=18)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    prisoner_number = models.CharField(_("prisoner number"), max_length=30, blank=True)
    custodian = models.ForeignKey(
        Organisation,
        verbose_name=_("prison or detention centre"),
        on_delete=models.PROTECT,
        related_name="offenders_in_custody",
        null=True,
        blank=True,
    )
    # The place of execution is the residence, or the habitual residence (CCL Art 17).
    residence_address = models.CharField(_("residence"), max_length=200)
    residence_region_code = models.CharField(
        _("residence region code"), max_length=6, validators=[region_code_validator]
    )
    habitual_residence_address = models.CharField(
        _("habitual residence"), max_length=200, blank=True
    )
    habitual_residence_region_code = models.CharField(
        _("habitual residence region code"),
        max_length=6,
        blank=True,
        validators=[region_code_validator],
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offender")
        verbose_name_plural = _("offenders")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["custodian", "name"]),
            models.Index(fields=["name"]),
            models.Index(fields=["id_number"], name="offender_id_number_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["custodian", "id_number"],
                name="uniq_offender_id_number_per_custodian",
                violation_error_message=_(
                    "This person is already registered at your institution: search the "
                    "offender list for the identity number."
                ),
            )
        ]

    def __str__(self) -> str:
        # The brackets follow the reader's language (issue 14).
        return f"{self.name}{mark('lparen')}{self.masked_id_number}{mark('rparen')}"

    @property
    def masked_id_number(self) -> str:
        return f"{self.id_number[:6]}********{self.id_number[-4:]}" if self.id_number else ""

    @property
    def age_today(self) -> int:
        from django.utils import timezone

        return self.age_on(timezone.localdate())

    def age_on(self, day: dt.date) -> int:
        """Completed years of age on `day` (a birthday counts from that day)."""
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    def clean(self) -> None:
        # The residence codes name real places (GB/T 2260): the investigation is entrusted
        # and the execution handed over by them (P2014 Art 8 ¶2; issue 14).
        regions: dict[str, object] = {}
        for field in ("residence_region_code", "habitual_residence_region_code"):
            try:
                region_code_exists(getattr(self, field))
            except ValidationError as exc:
                regions[field] = exc.messages
        try:
            self._clean_identity()
        except ValidationError as exc:
            raise ValidationError({**regions, **exc.message_dict}) from None
        if regions:
            raise ValidationError(regions)

    def _clean_identity(self) -> None:
        if not self.id_number:
            return
        try:
            parsed = parse_identity_number(self.id_number)
        except InvalidIdentityNumber as exc:
            raise ValidationError({"id_number": identity_error_message(exc)}) from None
        self.id_number = parsed.value
        errors: dict[str, object] = {}
        if self.date_of_birth and self.date_of_birth != parsed.birth_date:
            errors["date_of_birth"] = _(
                "The date of birth does not match the identity number (which says %(date)s)."
            ) % {"date": parsed.birth_date.isoformat()}
        if self.sex and self.sex != parsed.sex:
            errors["sex"] = _("The sex does not match the identity number.")
        if errors:
            raise ValidationError(errors)


class SentenceType(models.TextChoices):
    DEATH_REPRIEVE = arithmetic.SentenceType.DEATH_REPRIEVE.value, _("Death with reprieve")
    LIFE = arithmetic.SentenceType.LIFE.value, _("Life imprisonment")
    FIXED_TERM = arithmetic.SentenceType.FIXED_TERM.value, _("Fixed-term imprisonment")
    CRIMINAL_DETENTION = arithmetic.SentenceType.CRIMINAL_DETENTION.value, _("Criminal detention")


_term_part = [MinValueValidator(0)]


class Sentence(models.Model):
    """The sentence being executed, with its commutations and periods not counted.

    Derived dates follow legal-spec §0.4 and E-04 (computed in `cases.sentence`).
    """

    offender = models.ForeignKey(
        Offender, verbose_name=_("offender"), on_delete=models.CASCADE, related_name="sentences"
    )
    judgment_number = models.CharField(_("judgment number"), max_length=80)
    sentencing_court = models.ForeignKey(
        Organisation,
        verbose_name=_("sentencing court"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    offences = models.CharField(_("offences"), max_length=300)
    judgment_effective_on = models.DateField(_("judgment effective on"), null=True, blank=True)
    original_type = models.CharField(
        _("original sentence"), max_length=20, choices=SentenceType.choices
    )
    original_years = models.PositiveSmallIntegerField(
        _("years"), default=0, validators=[MaxValueValidator(25)]
    )
    original_months = models.PositiveSmallIntegerField(
        _("months"), default=0, validators=[MaxValueValidator(11)]
    )
    execution_start = models.DateField(_("execution started on"))
    custody_days = models.PositiveIntegerField(
        _("pre-trial custody credited (days)"),
        default=0,
        help_text=_("Credited day for day (Criminal Law Art 47)."),
    )
    is_current = models.BooleanField(_("being executed"), default=True)
    # Denormalised for lists and sweeps; recomputed from the facts on every save.
    current_type = models.CharField(
        _("current sentence"), max_length=20, choices=SentenceType.choices, editable=False
    )
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        ordering = ["-execution_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offender"],
                condition=models.Q(is_current=True),
                name="one_current_sentence_per_offender",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_original_type_display()} {self.original_term or ''}".strip()

    @property
    def original_term(self) -> arithmetic.Term | None:
        if self.original_type in (SentenceType.LIFE, SentenceType.DEATH_REPRIEVE):
            return None
        return arithmetic.Term(years=self.original_years, months=self.original_months)

    def facts(
        self,
        commutations: list[Commutation] | None = None,
        non_counted: list[NonCountedPeriod] | None = None,
    ) -> arithmetic.SentenceFacts:
        """The pure facts the arithmetic works on (uses prefetched rows when given)."""
        if commutations is None:
            commutations = list(self.commutations.all()) if self.pk else []
        if non_counted is None:
            non_counted = list(self.non_counted_periods.all()) if self.pk else []
        return arithmetic.SentenceFacts(
            original_type=arithmetic.SentenceType(self.original_type),
            original_term=self.original_term,
            execution_start=self.execution_start,
            custody_days=self.custody_days,
            commutations=tuple(
                sorted((c.as_fact() for c in commutations), key=lambda c: c.ruling_date)
            ),
            non_counted=tuple(
                sorted((p.as_fact() for p in non_counted), key=lambda p: p.first_day)
            ),
        )

    def refresh_derived(self, facts: arithmetic.SentenceFacts | None = None) -> None:
        facts = facts or self.facts()
        self.current_type = arithmetic.current_type(facts).value
        self.expiry_date = arithmetic.expiry_date(facts)

    def clean(self) -> None:
        if not self.execution_start or not self.original_type:
            return
        try:
            arithmetic.validate(self.facts())
        except arithmetic.SentenceError as exc:
            # Lazy: the refusal reads in the language of the page that shows it.
            raise ValidationError(exc.lazy_message) from None


class Commutation(models.Model):
    """A commutation ruling (减刑裁定)."""

    sentence = models.ForeignKey(
        Sentence,
        verbose_name=_("sentence"),
        on_delete=models.CASCADE,
        related_name="commutations",
    )
    ruling_date = models.DateField(_("ruling date"))
    ruling_number = models.CharField(_("ruling number"), max_length=80, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=[
            (arithmetic.CommutationKind.TO_LIFE.value, _("Death with reprieve to life")),
            (arithmetic.CommutationKind.TO_FIXED_TERM.value, _("To fixed-term imprisonment")),
            (arithmetic.CommutationKind.REDUCTION.value, _("Reduction of the term")),
        ],
    )
    years = models.PositiveSmallIntegerField(_("years"), default=0, validators=_term_part)
    months = models.PositiveSmallIntegerField(
        _("months"), default=0, validators=[MaxValueValidator(11)]
    )
    days = models.PositiveSmallIntegerField(
        _("days"), default=0, validators=[MaxValueValidator(366)]
    )

    class Meta:
        verbose_name = _("commutation")
        verbose_name_plural = _("commutations")
        ordering = ["ruling_date", "id"]

    def __str__(self) -> str:
        return f"{self.ruling_date} {self.get_kind_display()}"

    def as_fact(self) -> arithmetic.Commutation:
        return arithmetic.Commutation(
            ruling_date=self.ruling_date,
            kind=arithmetic.CommutationKind(self.kind),
            term=arithmetic.Term(years=self.years, months=self.months, days=self.days),
        )


class NonCountedPeriod(models.Model):
    """A period not counted toward the sentence (CPL Art 268 ¶3; P2014 Art 26)."""

    sentence = models.ForeignKey(
        Sentence,
        verbose_name=_("sentence"),
        on_delete=models.CASCADE,
        related_name="non_counted_periods",
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    basis = models.CharField(_("legal basis"), max_length=200)

    class Meta:
        verbose_name = _("period not counted")
        verbose_name_plural = _("periods not counted")
        ordering = ["first_day"]

    def __str__(self) -> str:
        return f"{self.first_day} – {self.last_day}"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError(_("The last day cannot be before the first day."))

    def as_fact(self) -> arithmetic.NonCountedPeriod:
        return arithmetic.NonCountedPeriod(first_day=self.first_day, last_day=self.last_day)
