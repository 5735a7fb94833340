"""The eligibility rules engine for temporary execution outside prison (legal-spec §2).

Pure: dataclasses in, an `Assessment` out; no database, no models. The views build a `Profile`
from their rows, call `assess(profile, on=...)` and store `Assessment.as_dict()` with
`RULESET_VERSION`, so a past result can always be explained.

How it works (legal-spec §2.1, §2.3, E-34):

* Each rule EL-nn is one function ``el_nn_...(profile, on, settings) -> RuleResult | None``
  (None: the rule does not apply). A rule that passes returns an ELIGIBLE result, so the
  assessment explains every rule it checked.
* Rules tied to a ground (MEDICAL, PREGNANT, NURSING, SELF_CARE) are evaluated once per
  requested ground, on the profile narrowed to that ground, and carry ``ground=``. Called
  directly with several grounds, such a rule reports on the first affected ground in `Ground`
  order. The other rules are evaluated once, with ``ground=None``.
* The final outcome is the most restrictive one (`SEVERITY`): INELIGIBLE > INELIGIBLE_UNTIL >
  NEEDS_DATA > NEEDS_DISCRETION > STRICT_REVIEW / FILING_REQUIRED (cumulative flags) > ELIGIBLE.
  A ground's own failures count only through the best requested ground: one ground met is
  enough (E-34), so a failed ground makes the case INELIGIBLE only when no other requested
  ground is met.
* Discretion is never automated (P2014 Art 7 ¶2-3, E-09): when a time-served threshold is not
  yet met but may be relaxed or disregarded, the result is NEEDS_DISCRETION and the unrelaxed
  date is still shown; no reduction is ever computed.
* Boundaries are inclusive (CL Art 99): "10 years or more", "one third or more", "65 or
  older" (the 65th birthday counts), "3 of 5", "1 of 5", "six months" of observation (eligible
  on the day `month_period_end(start, 6)`, SPC-Interp Art 202 ¶1).

Messages are English msgids (gettext_lazy), rendered in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeAlias

from dateutil.relativedelta import relativedelta
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.illness_catalogue import by_code
from cases.sentence import (
    SentenceError,
    SentenceFacts,
    SentenceType,
    current_type,
    one_third_served_date,
    seven_years_after_commutation_date,
    validate,
)
from kernel.counting import at_least, month_period_end
from kernel.errors import TranslatedError

__all__ = [
    "ART_6_GROUNDS",
    "ART_7_CRIMES",
    "DEFAULT_SETTINGS",
    "RULES",
    "RULESET_VERSION",
    "SEVERITY",
    "THREE_CATEGORIES",
    "Assessment",
    "CrimeTag",
    "DailyActivity",
    "Diagnosis",
    "Ground",
    "History",
    "ImpossibleProfile",
    "Outcome",
    "Pregnancy",
    "Procedure",
    "Profile",
    "Risk",
    "Rule",
    "RuleResult",
    "RuleSettings",
    "SelfCare",
    "assess",
    "most_restrictive",
]

RULESET_VERSION = "P2014-2026.1"

Message: TypeAlias = str | Promise


# --------------------------------------------------------------------------------------------
# Vocabulary (legal-spec §2.1, §2.2)
# --------------------------------------------------------------------------------------------


class Outcome(StrEnum):
    """The outcome vocabulary of legal-spec §2.1."""

    INELIGIBLE = "ineligible"
    INELIGIBLE_UNTIL = "ineligible_until"
    NEEDS_DATA = "needs_data"
    NEEDS_DISCRETION = "needs_discretion"
    STRICT_REVIEW = "strict_review"
    FILING_REQUIRED = "filing_required"
    ELIGIBLE = "eligible"


#: "Most restrictive wins" (legal-spec §2.1): the higher, the more restrictive. STRICT_REVIEW
#: and FILING_REQUIRED are cumulative flags; when both are raised and nothing blocks, the
#: outcome shown is STRICT_REVIEW (it changes the standard of examination) and both flags stay
#: set on the Assessment.
SEVERITY: MappingProxyType[Outcome, int] = MappingProxyType(
    {
        Outcome.ELIGIBLE: 0,
        Outcome.FILING_REQUIRED: 1,
        Outcome.STRICT_REVIEW: 2,
        Outcome.NEEDS_DISCRETION: 3,
        Outcome.NEEDS_DATA: 4,
        Outcome.INELIGIBLE_UNTIL: 5,
        Outcome.INELIGIBLE: 6,
    }
)
_FLAGS = frozenset({Outcome.STRICT_REVIEW, Outcome.FILING_REQUIRED})


def most_restrictive(outcomes: Iterable[Outcome]) -> Outcome:
    """The most restrictive of `outcomes` by `SEVERITY`; ELIGIBLE when there are none."""
    return max(outcomes, key=SEVERITY.__getitem__, default=Outcome.ELIGIBLE)


class Ground(StrEnum):
    """The statutory grounds (P2014 Art 5 ¶1; CPL Art 265 ¶1)."""

    MEDICAL = "medical"
    PREGNANT = "pregnant"
    NURSING = "nursing"
    SELF_CARE = "self_care"


class CrimeTag(StrEnum):
    """Crime tags that rules depend on (legal-spec §2.2)."""

    DUTY_CRIME = "duty_crime"
    FINANCIAL_ORDER_OR_FRAUD = "financial_order_or_fraud"
    UNDERWORLD_ORG = "underworld_org"
    ORG_CRIME_LEADER_OR_KEY_MEMBER = "org_crime_leader_or_key_member"
    RECIDIVIST = "recidivist"
    INTENTIONAL_HOMICIDE = "intentional_homicide"
    RAPE = "rape"
    ROBBERY = "robbery"
    KIDNAPPING = "kidnapping"
    ARSON = "arson"
    EXPLOSION = "explosion"
    RELEASE_OF_DANGEROUS_SUBSTANCES = "release_of_dangerous_substances"
    ORGANISED_VIOLENT_CRIME = "organised_violent_crime"


class DailyActivity(StrEnum):
    """The five daily activities of P2014 Art 33 ¶2 (legal-spec §2.3 E)."""

    EATING = "eating"
    TURNING_OVER = "turning_over"
    TOILETING = "toileting"
    DRESSING_WASHING = "dressing_washing"
    MOVING = "moving"


#: The "three kinds of offenders" of P2014 Art 6 ¶2 (legal-spec §0.5).
THREE_CATEGORIES = frozenset(
    {CrimeTag.DUTY_CRIME, CrimeTag.FINANCIAL_ORDER_OR_FRAUD, CrimeTag.UNDERWORLD_ORG}
)
#: The serious violent crimes of P2014 Art 7 ¶1 (with RECIDIVIST: scope condition S7).
ART_7_CRIMES = frozenset(
    {
        CrimeTag.INTENTIONAL_HOMICIDE,
        CrimeTag.RAPE,
        CrimeTag.ROBBERY,
        CrimeTag.KIDNAPPING,
        CrimeTag.ARSON,
        CrimeTag.EXPLOSION,
        CrimeTag.RELEASE_OF_DANGEROUS_SUBSTANCES,
        CrimeTag.ORGANISED_VIOLENT_CRIME,
    }
)
#: Grounds to which P2014 Arts 6 ¶1 and 7 are tied ("needs medical parole or cannot take care
#: of himself").
ART_6_GROUNDS = frozenset({Ground.MEDICAL, Ground.SELF_CARE})
_FEMALE_GROUNDS = frozenset({Ground.PREGNANT, Ground.NURSING})
_INDETERMINATE = frozenset({SentenceType.DEATH_REPRIEVE, SentenceType.LIFE})
#: "10 years or more" as a (months, days) span of `Term.span` (P2014 Art 7 ¶1; CL Art 99).
_TEN_YEARS = (120, 0)
_ELDERLY_AGE = 65  # P2014 Arts 7 ¶2, 33 ¶2: 六十五周岁以上
_ADULT_AGE = 18  # E-09: juvenile = under 18
_SELF_CARE_ACTIVITIES_UNDER_65 = 3  # P2014 Art 33 ¶2: three of the five
_SELF_CARE_ACTIVITIES_65 = 1  # P2014 Art 33 ¶2: one of the five
_OBSERVATION_MONTHS = 6  # P2014 Art 33 ¶2: 六个月以上


# --------------------------------------------------------------------------------------------
# Inputs (legal-spec §2.2)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnosis:
    """The designated hospital's diagnosis (P2014 Art 9; DOC-03).

    `in_catalogue`: the illness is within the 2014 Scope of Serious Illnesses, including the
    chapeau ("not cured after long treatment, seriously affecting health"); when None, a
    `catalogue_item` code of the 2014 list counts as a yes. `category`: the 2014 category
    numeral, e.g. "II" for mental illness (taken from the item when None). `cardio_metabolic`:
    hypertension, diabetes or heart disease (P2014 Art 6 ¶2, EL-12).
    """

    catalogue_item: str | None = None
    in_catalogue: bool | None = None
    category: str | None = None
    short_term_life_danger: bool | None = None
    cardio_metabolic: bool = False
    violent_mental_illness: bool | None = None
    formalities_met: bool | None = None


@dataclass(frozen=True)
class Pregnancy:
    """Pregnancy examination and infant data (P2014 Arts 5 ¶1(2), 9)."""

    examination_confirmed: bool | None = None
    infant_date_of_birth: dt.date | None = None
    infant_is_own: bool | None = None
    nursing: bool | None = None


@dataclass(frozen=True)
class SelfCare:
    """The self-care identification (P2014 Arts 9 ¶2, 33; DOC-04).

    `cause_ok`: the cause is illness, physical disability or old age and infirmity.
    """

    activities_needing_help: frozenset[DailyActivity] = frozenset()
    cause_ok: bool | None = None
    observation_start: dt.date | None = None
    opinion_formalities_met: bool | None = None


@dataclass(frozen=True)
class Risk:
    """The P2014 Art 6 ¶1 risk findings, each backed by evidence elsewhere."""

    social_danger: bool | None = None
    self_injury: bool | None = None
    refuses_treatment: bool | None = None


@dataclass(frozen=True)
class History:
    """Earlier TEOP of the same offender (P2014 Art 6 ¶3; E-35)."""

    revoked_for_violation: bool = False
    new_crime_during_teop: bool = False


@dataclass(frozen=True)
class Procedure:
    """Procedural preconditions (EL-50, EL-51, EL-53). None: not yet examined."""

    guarantor_confirmed: bool | None = None
    residence_verified: bool | None = None
    path_matches_decision_organ: bool | None = None


@dataclass(frozen=True)
class Profile:
    """Everything the rules look at for one offender and one application.

    `disabled`: a disability certificate or assessment record exists and the disability is not
    self-inflicted (E-09). `juvenile_at_offence`: under 18 when the offence was committed.
    """

    grounds: frozenset[Ground]
    sex: Literal["M", "F"] | None
    date_of_birth: dt.date | None
    sentence: SentenceFacts | None
    juvenile_at_offence: bool | None = None
    disabled: bool | None = None
    diagnosis: Diagnosis | None = None
    pregnancy: Pregnancy | None = None
    self_care: SelfCare | None = None
    risk: Risk = Risk(None, None, None)
    crimes: frozenset[CrimeTag] = frozenset()
    history: History = History()
    procedure: Procedure = Procedure()


# --------------------------------------------------------------------------------------------
# Settings (legal-spec §7): versioned decisions with the spec's recommended defaults
# --------------------------------------------------------------------------------------------

#: E-10 default: the 2014 category III items concerning hypertension or heart disease. The
#: diabetes-related items of category VIII were not retrieved (§6.2), so none is listed.
_ART_6_2_ITEMS = frozenset({"2014-III-1", "2014-III-2", "2014-III-3", "2014-III-4"})


@dataclass(frozen=True)
class RuleSettings:
    """The §7 decisions that change eligibility, with the spec's recommended defaults.

    * `juvenile_measured_at` (E-09): "offence" (default: under 18 when the offence was
      committed, `Profile.juvenile_at_offence`) or "application" (under 18 on the assessment
      date, from the date of birth).
    * `art_6_2_catalogue_items` (E-10): 2014 items treated as "hypertension, diabetes, heart
      disease etc." for EL-12 in addition to `Diagnosis.cardio_metabolic`.
    * `nursing_infant_max_age_months` (E-12): None (default) = no age limit for the baby, as
      the texts give none; a number N ends the nursing ground after the N-month period from
      the baby's birth (SPC-Interp Art 202 ¶1). The spec's 12-month figure is for a review
      alert to the CCI, not an automatic bar, and is not applied here.
    * `pregnancy_requires_social_danger_check` (E-13): False (default) = the social-danger bar
      of P2014 Art 6 ¶1 is not applied to pregnancy or nursing (the risk is recorded, not
      auto-blocking); True applies EL-10 to them too.
    * `self_care_65_requires_observation` (E-25): False (default) = for those 65 or over the
      six months of treatment, nursing and observation are not required.
    * `guarantor_required_for_all_grounds` (E-14): False (default) = the guarantor (EL-50) is
      mandatory for the medical ground only.
    """

    juvenile_measured_at: Literal["offence", "application"] = "offence"
    art_6_2_catalogue_items: frozenset[str] = _ART_6_2_ITEMS
    nursing_infant_max_age_months: int | None = None
    pregnancy_requires_social_danger_check: bool = False
    self_care_65_requires_observation: bool = False
    guarantor_required_for_all_grounds: bool = False

    def __post_init__(self) -> None:
        """Reject settings that cannot be applied."""
        if self.juvenile_measured_at not in ("offence", "application"):
            raise ValueError(
                f"juvenile_measured_at must be 'offence' or 'application' "
                f"(got {self.juvenile_measured_at!r})."
            )
        months = self.nursing_infant_max_age_months
        if months is not None and months < 0:
            raise ValueError(f"nursing_infant_max_age_months cannot be negative (got {months}).")

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (sets as sorted lists)."""
        data = asdict(self)
        data["art_6_2_catalogue_items"] = sorted(self.art_6_2_catalogue_items)
        return data


DEFAULT_SETTINGS = RuleSettings()


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class ImpossibleProfile(TranslatedError):
    """A profile that cannot exist in law or in fact; the message says why, rendered in the
    reader's language when shown (kernel/errors.py)."""


@dataclass(frozen=True)
class RuleResult:
    """What one rule found. `until`: the date a time-served threshold is met."""

    rule: str
    outcome: Outcome
    article: str
    message: Message
    until: dt.date | None = None
    ground: Ground | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: dates as ISO strings, the message rendered as str."""
        return {
            "rule": self.rule,
            "outcome": str(self.outcome),
            "article": self.article,
            "message": str(self.message),
            "until": self.until.isoformat() if self.until else None,
            "ground": str(self.ground) if self.ground else None,
        }


@dataclass(frozen=True)
class Assessment:
    """The combined result of all rules, with the rule-set version and settings used."""

    outcome: Outcome
    strict_review: bool
    filing_required: bool
    eligible_on: dt.date | None
    results: tuple[RuleResult, ...]
    ruleset_version: str
    settings: RuleSettings
    grounds_met: frozenset[Ground] = field(default_factory=frozenset)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: dates as ISO strings, messages rendered as str."""
        return {
            "outcome": str(self.outcome),
            "strict_review": self.strict_review,
            "filing_required": self.filing_required,
            "eligible_on": self.eligible_on.isoformat() if self.eligible_on else None,
            "results": [result.as_dict() for result in self.results],
            "ruleset_version": self.ruleset_version,
            "settings": self.settings.as_dict(),
            "grounds_met": sorted(str(ground) for ground in self.grounds_met),
        }


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_SEPARATOR = _("; ")


def _join(items: Sequence[Message]) -> Message:
    """The items as one lazily translated list ("a; b; c")."""
    pattern = "{sep}".join(f"{{{index}}}" for index in range(len(items)))
    return format_lazy(pattern, *items, sep=_SEPARATOR)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _ground(profile: Profile, concerned: Iterable[Ground]) -> Ground | None:
    """The first requested ground (in `Ground` order) among `concerned`, if any."""
    wanted = frozenset(concerned)
    return next((g for g in Ground if g in profile.grounds and g in wanted), None)


def _result(
    rule: str,
    outcome: Outcome,
    article: str,
    message: Message,
    *,
    ground: Ground | None = None,
    until: dt.date | None = None,
) -> RuleResult:
    return RuleResult(rule, outcome, article, message, until=until, ground=ground)


def _birthday(date_of_birth: dt.date, years: int) -> dt.date:
    """The day a person reaches `years` full years (周岁); 29 February falls on 28 February."""
    birthday: dt.date = date_of_birth + relativedelta(years=years)
    return birthday


def _is_65_or_over(profile: Profile, on: dt.date) -> bool | None:
    """Aged 65 or over on `on` (E-09: the 65th birthday counts, CL Art 99); None if unknown."""
    if profile.date_of_birth is None:
        return None
    return at_least(on, _birthday(profile.date_of_birth, _ELDERLY_AGE))


def _current(profile: Profile, on: dt.date) -> SentenceType | None:
    """The sentence type after the commutations ruled on or before `on`."""
    if profile.sentence is None:
        return None
    return current_type(profile.sentence, on)


def _in_catalogue(diagnosis: Diagnosis) -> bool | None:
    """The hospital's finding; when absent, a 2014 item code counts as within the scope."""
    if diagnosis.in_catalogue is not None:
        return diagnosis.in_catalogue
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    if entry is not None and entry.version == "2014":
        return True
    return None


def _category(diagnosis: Diagnosis) -> str | None:
    if diagnosis.category is not None:
        return diagnosis.category
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    return entry.category if entry is not None and entry.version == "2014" else None


def _s7(profile: Profile) -> bool:
    """Scope condition S7 of P2014 Art 7 ¶1: recidivist or one of the violent crimes."""
    return CrimeTag.RECIDIVIST in profile.crimes or bool(profile.crimes & ART_7_CRIMES)


def _threshold(profile: Profile, on: dt.date) -> tuple[str, dt.date] | None:
    """(rule, date the P2014 Art 7 ¶1 threshold is met) for this profile, if one applies."""
    facts = profile.sentence
    if facts is None or _ground(profile, ART_6_GROUNDS) is None or not _s7(profile):
        return None
    if facts.original_type in _INDETERMINATE:
        if current_type(facts, on) is not SentenceType.FIXED_TERM:
            return None  # not yet commuted to a fixed term: EL-01 / EL-02 bar the case
        date = seven_years_after_commutation_date(facts)
        return ("EL-30", date) if date is not None else None
    term = facts.original_term
    if facts.original_type is SentenceType.FIXED_TERM and term and at_least(term.span, _TEN_YEARS):
        date = one_third_served_date(facts)
        return ("EL-30b", date) if date is not None else None
    return None


def _unmet_threshold(profile: Profile, on: dt.date) -> tuple[str, dt.date] | None:
    threshold = _threshold(profile, on)
    if threshold is None or at_least(on, threshold[1]):
        return None
    return threshold


def _relaxation(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> tuple[list[Message], list[Message]]:
    """P2014 Art 7 ¶2 (E-09): (bases found, facts still unknown)."""
    bases: list[Message] = []
    unknown: list[Message] = []
    dob = profile.date_of_birth
    dob_unknown = dob is None
    if settings.juvenile_measured_at == "offence":
        juvenile = profile.juvenile_at_offence
        if juvenile is None:
            unknown.append(_("whether the offender was under 18 at the time of the offence"))
    else:
        juvenile = None if dob is None else on < _birthday(dob, _ADULT_AGE)
    if juvenile:
        bases.append(_("a juvenile"))
    if _is_65_or_over(profile, on):
        bases.append(_("aged 65 or over"))
    if dob_unknown:
        unknown.append(_("the date of birth"))
    if profile.disabled:
        bases.append(_("disabled"))
    elif profile.disabled is None:
        unknown.append(_("whether the offender is disabled (certificate or assessment)"))
    return bases, unknown


def _exemption(profile: Profile) -> bool | None:
    """P2014 Art 7 ¶3 (EL-32): listed illness with short-term danger to life; None if unknown."""
    diagnosis = profile.diagnosis
    if Ground.MEDICAL not in profile.grounds or diagnosis is None:
        return False
    if not _in_catalogue(diagnosis):
        return False
    return diagnosis.short_term_life_danger


def _threshold_result(
    rule: str,
    article: str,
    date: dt.date,
    profile: Profile,
    on: dt.date,
    settings: RuleSettings,
    ground: Ground,
) -> RuleResult:
    """Met on `date` → ELIGIBLE; before: NEEDS_DISCRETION if Art 7 ¶2/¶3 may apply, else
    INELIGIBLE_UNTIL(date)."""
    if at_least(on, date):
        return _result(
            rule,
            Outcome.ELIGIBLE,
            article,
            format_lazy(_("The time-served threshold was met on {date}."), date=_iso(date)),
            ground=ground,
        )
    bases, _unknown = _relaxation(profile, on, settings)
    if bases or _exemption(profile):
        return _result(
            rule,
            Outcome.NEEDS_DISCRETION,
            article,
            format_lazy(
                _(
                    "The time-served threshold is met only on {date}; it may be relaxed or "
                    "disregarded by a reasoned decision (see EL-31 / EL-32)."
                ),
                date=_iso(date),
            ),
            ground=ground,
            until=date,
        )
    return _result(
        rule,
        Outcome.INELIGIBLE_UNTIL,
        article,
        format_lazy(_("The time-served threshold is met on {date}."), date=_iso(date)),
        ground=ground,
        until=date,
    )


# --------------------------------------------------------------------------------------------
# A. Sentence type and statutory grounds
# --------------------------------------------------------------------------------------------

_ART_EL01 = "P2014 Art 5 ¶1; M1990 Art 3(1)"


def el_01_death_reprieve_uncommuted(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-01. P2014 Art 5 ¶1 lists only "fixed-term imprisonment, criminal detention or already
    commuted to fixed-term imprisonment" (and ¶2 life imprisonment for pregnancy/nursing); a
    death sentence with a 2-year reprieve not yet commuted is not among them (M1990 Art 3(1)
    said so expressly) → INELIGIBLE. Without sentence facts no sentence rule can run →
    NEEDS_DATA.
    """
    if profile.sentence is None:
        return _result(
            "EL-01",
            Outcome.NEEDS_DATA,
            "P2014 Arts 5, 7",
            _(
                "The sentence is missing: record its type, term, start of execution and "
                "commutations."
            ),
        )
    if _current(profile, on) is SentenceType.DEATH_REPRIEVE:
        return _result(
            "EL-01",
            Outcome.INELIGIBLE,
            _ART_EL01,
            _(
                "A death sentence with reprieve that has not been commuted gives no ground for "
                "temporary execution outside prison."
            ),
        )
    return None


def el_02_life_sentence_medical_or_self_care(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-02. P2014 Art 5 ¶2; CPL Art 265 ¶2: a prisoner sentenced to life imprisonment "may be
    temporarily executed outside prison under the circumstances of item (2)" (pregnancy or
    nursing) only; the medical and self-care grounds are not open to him → INELIGIBLE for those
    grounds (including death with reprieve commuted to life but not yet to a fixed term).
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is None or _current(profile, on) is not SentenceType.LIFE:
        return None
    return _result(
        "EL-02",
        Outcome.INELIGIBLE,
        "P2014 Art 5 ¶2; CPL Art 265 ¶2",
        _(
            "A prisoner serving life imprisonment can be considered only while pregnant or "
            "nursing her own baby, not for illness or inability to take care of oneself."
        ),
        ground=ground,
    )


def el_03_life_sentence_pregnancy_or_nursing(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-03. P2014 Art 5 ¶2: "A criminal sentenced to life imprisonment may be temporarily
    executed outside prison under the circumstances specified in item (2)" (pregnant or
    nursing women) → no further sentence bar.
    """
    ground = _ground(profile, _FEMALE_GROUNDS)
    if ground is None or _current(profile, on) is not SentenceType.LIFE:
        return None
    return _result(
        "EL-03",
        Outcome.ELIGIBLE,
        "P2014 Art 5 ¶2",
        _("Life imprisonment does not bar the pregnancy or nursing ground."),
        ground=ground,
    )


def el_04_fixed_term_or_detention(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-04. P2014 Art 5 ¶1: "A criminal sentenced to fixed-term imprisonment, criminal
    detention or already commuted to fixed-term imprisonment" may rely on any of the three
    grounds → continue.
    """
    if _current(profile, on) not in (SentenceType.FIXED_TERM, SentenceType.CRIMINAL_DETENTION):
        return None
    return _result(
        "EL-04",
        Outcome.ELIGIBLE,
        "P2014 Art 5 ¶1",
        _("The sentence (fixed-term imprisonment or criminal detention) allows every ground."),
    )


_ART_EL05 = "P2014 Art 5 ¶1(1), Art 9 ¶1 and attachment; CPL Art 265 ¶4"


def el_05_medical_illness_in_catalogue(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-05. P2014 Art 5 ¶1(1): "suffering from a serious illness within the attached Scope of
    Serious Illnesses for medical parole and needing medical parole"; the list's chapeau adds
    "not cured after long treatment and seriously affecting his physical and mental health"
    (久治不愈，严重影响其身心健康); diagnosis by a designated hospital (Art 9 ¶1; CPL Art 265 ¶4).
    Not within the scope → INELIGIBLE for the medical ground; unknown → NEEDS_DATA; an item of
    the repealed 1990 list cannot be used for a new case (§6).
    """
    if Ground.MEDICAL not in profile.grounds:
        return None
    ground = Ground.MEDICAL
    diagnosis = profile.diagnosis
    if diagnosis is None:
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            _("The diagnosis of the designated hospital is missing."),
            ground=ground,
        )
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    if entry is not None and entry.version == "1990":
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            format_lazy(
                _(
                    "The diagnosis cites item {code} of the repealed 1990 list; choose the item "
                    "of the 2014 Scope of Serious Illnesses."
                ),
                code=entry.code,
            ),
            ground=ground,
        )
    within = _in_catalogue(diagnosis)
    if within is None:
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            _(
                "Record whether the illness is within the 2014 Scope of Serious Illnesses "
                "(and which item)."
            ),
            ground=ground,
        )
    if not within:
        return _result(
            "EL-05",
            Outcome.INELIGIBLE,
            _ART_EL05,
            _(
                "The illness is not within the 2014 Scope of Serious Illnesses: the medical "
                "ground is not met."
            ),
            ground=ground,
        )
    item = diagnosis.catalogue_item or "—"
    if entry is not None and not entry.confirmed:
        message = format_lazy(
            _(
                "The illness is within the 2014 Scope of Serious Illnesses (item {code}). "
                "Warning: the text of this item is not confirmed; cite the source."
            ),
            code=item,
        )
    else:
        message = format_lazy(
            _("The illness is within the 2014 Scope of Serious Illnesses (item {code})."),
            code=item,
        )
    return _result("EL-05", Outcome.ELIGIBLE, _ART_EL05, message, ground=ground)


_ART_EL06 = "P2014 Art 5 ¶1(2), Art 9 ¶1; CPL Art 265 ¶1(2)"


def el_06_pregnant_or_nursing(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-06. P2014 Art 5 ¶1(2): "women who are pregnant or nursing their own babies"
    (怀孕或者正在哺乳自己婴儿的妇女); pregnancy confirmed by a designated-hospital examination
    (Art 9). The texts give no age limit for the baby (E-12: configurable, default none).
    """
    ground = _ground(profile, _FEMALE_GROUNDS)
    if ground is None:
        return None
    if profile.sex is None:
        return _result(
            "EL-06",
            Outcome.NEEDS_DATA,
            _ART_EL06,
            _("The offender's sex is missing."),
            ground=ground,
        )
    pregnancy = profile.pregnancy
    if ground is Ground.PREGNANT:
        confirmed = pregnancy.examination_confirmed if pregnancy else None
        if confirmed is None:
            return _result(
                "EL-06",
                Outcome.NEEDS_DATA,
                _ART_EL06,
                _("The designated hospital's pregnancy examination is missing."),
                ground=ground,
            )
        if not confirmed:
            return _result(
                "EL-06",
                Outcome.INELIGIBLE,
                _ART_EL06,
                _("The pregnancy examination did not confirm a pregnancy."),
                ground=ground,
            )
        return _result(
            "EL-06",
            Outcome.ELIGIBLE,
            _ART_EL06,
            _("The pregnancy is confirmed by a designated hospital."),
            ground=ground,
        )
    return _nursing(pregnancy, on, settings)


def _nursing(pregnancy: Pregnancy | None, on: dt.date, settings: RuleSettings) -> RuleResult:
    ground = Ground.NURSING
    infant_dob = pregnancy.infant_date_of_birth if pregnancy else None
    is_own = pregnancy.infant_is_own if pregnancy else None
    nursing = pregnancy.nursing if pregnancy else None
    missing: list[Message] = []
    if infant_dob is None:
        missing.append(_("the baby's date of birth"))
    if is_own is None:
        missing.append(_("whether the baby is her own"))
    if nursing is None:
        missing.append(_("whether she is nursing the baby"))
    if is_own is False or nursing is False:
        return _result(
            "EL-06",
            Outcome.INELIGIBLE,
            _ART_EL06,
            _("The nursing ground needs a woman who is nursing her own baby."),
            ground=ground,
        )
    if missing:
        return _result(
            "EL-06",
            Outcome.NEEDS_DATA,
            _ART_EL06,
            format_lazy(_("Missing for the nursing ground: {missing}."), missing=_join(missing)),
            ground=ground,
        )
    limit = settings.nursing_infant_max_age_months
    if limit is not None and infant_dob is not None:
        end = month_period_end(infant_dob, limit)
        if on > end:
            return _result(
                "EL-06",
                Outcome.INELIGIBLE,
                _ART_EL06 + "; legal-spec E-12",
                format_lazy(
                    _("The configured nursing period of {months} months ended on {date}."),
                    months=limit,
                    date=_iso(end),
                ),
                ground=ground,
            )
    return _result(
        "EL-06",
        Outcome.ELIGIBLE,
        _ART_EL06,
        _("She is nursing her own baby."),
        ground=ground,
    )


def el_07_self_care(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-07. P2014 Art 5 ¶1(3) ("life can not take care of themselves") as defined in Art 33;
    the substance is in EL-40 to EL-42. Without the identification (DOC-04) → NEEDS_DATA.
    """
    if Ground.SELF_CARE not in profile.grounds or profile.self_care is not None:
        return None
    return _result(
        "EL-07",
        Outcome.NEEDS_DATA,
        "P2014 Art 5 ¶1(3), Arts 9 ¶2, 33",
        _("The identification of inability to take care of oneself is missing."),
        ground=Ground.SELF_CARE,
    )


# --------------------------------------------------------------------------------------------
# B. Absolute exclusions
# --------------------------------------------------------------------------------------------


def _art_6_article(ground: Ground) -> str:
    if ground is Ground.MEDICAL:
        return "P2014 Art 6 ¶1; CPL Art 265 ¶3"
    if ground is Ground.SELF_CARE:
        return "P2014 Art 6 ¶1; CPL Art 265 ¶1(3)"
    return "P2014 Art 6 ¶1 (applied by setting, legal-spec E-13)"


def el_10_social_danger(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-10. P2014 Art 6 ¶1: "A criminal who needs medical parole or cannot take care of
    himself, but [for whom] temporary execution outside prison may pose a social danger
    (可能有社会危险性) … shall not be temporarily executed outside prison"; CPL Art 265 ¶3
    (medical) and ¶1(3) ("不致危害社会", self-care) → INELIGIBLE. Pregnancy and nursing only
    when `pregnancy_requires_social_danger_check` (E-13).
    """
    concerned = set(ART_6_GROUNDS)
    if settings.pregnancy_requires_social_danger_check:
        concerned |= _FEMALE_GROUNDS
    ground = _ground(profile, concerned)
    if ground is None:
        return None
    article = _art_6_article(ground)
    danger = profile.risk.social_danger
    if danger is None:
        return _result(
            "EL-10",
            Outcome.NEEDS_DATA,
            article,
            _("The assessment of social danger is missing."),
            ground=ground,
        )
    if danger:
        return _result(
            "EL-10",
            Outcome.INELIGIBLE,
            article,
            _("Temporary execution outside prison may pose a social danger."),
            ground=ground,
        )
    return _result(
        "EL-10",
        Outcome.ELIGIBLE,
        article,
        _("No social danger was found."),
        ground=ground,
    )


def el_11a_self_injury(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-11a. P2014 Art 6 ¶1; CPL Art 265 ¶3: a prisoner needing medical parole or unable to
    take care of himself who "self-injures or self-mutilates" (自伤自残) shall not be
    temporarily executed outside prison → INELIGIBLE.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is None:
        return None
    article = "P2014 Art 6 ¶1; CPL Art 265 ¶3"
    injury = profile.risk.self_injury
    if injury is None:
        return _result(
            "EL-11a",
            Outcome.NEEDS_DATA,
            article,
            _("Record whether the illness or condition was caused by self-injury."),
            ground=ground,
        )
    if injury:
        return _result(
            "EL-11a",
            Outcome.INELIGIBLE,
            article,
            _("Self-injury or self-mutilation bars temporary execution outside prison."),
            ground=ground,
        )
    return _result(
        "EL-11a", Outcome.ELIGIBLE, article, _("No self-injury was found."), ground=ground
    )


def el_11b_refuses_treatment(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-11b. P2014 Art 6 ¶1: a prisoner needing medical parole or unable to take care of
    himself who "does not cooperate with treatment" (不配合治疗) shall not be temporarily
    executed outside prison → INELIGIBLE.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is None:
        return None
    article = "P2014 Art 6 ¶1"
    refuses = profile.risk.refuses_treatment
    if refuses is None:
        return _result(
            "EL-11b",
            Outcome.NEEDS_DATA,
            article,
            _("Record whether the offender cooperates with treatment."),
            ground=ground,
        )
    if refuses:
        return _result(
            "EL-11b",
            Outcome.INELIGIBLE,
            article,
            _("Not cooperating with treatment bars temporary execution outside prison."),
            ground=ground,
        )
    return _result(
        "EL-11b",
        Outcome.ELIGIBLE,
        article,
        _("The offender cooperates with treatment."),
        ground=ground,
    )


def el_11c_violent_mental_illness(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-11c. 2014 Scope of Serious Illnesses, category II (mental illness): recurrent mental
    illness without capacity to serve the sentence, "except those with serious violent
    behaviour or tendency posing a potential threat to public safety" → INELIGIBLE.
    """
    diagnosis = profile.diagnosis
    if Ground.MEDICAL not in profile.grounds or diagnosis is None:
        return None
    if _category(diagnosis) != "II":
        return None
    article = "P2014 attachment, category II"
    violent = diagnosis.violent_mental_illness
    if violent is None:
        return _result(
            "EL-11c",
            Outcome.NEEDS_DATA,
            article,
            _(
                "Record whether the mental illness comes with serious violent behaviour or a "
                "tendency threatening public safety."
            ),
            ground=Ground.MEDICAL,
        )
    if violent:
        return _result(
            "EL-11c",
            Outcome.INELIGIBLE,
            article,
            _(
                "Mental illness with serious violent behaviour or tendency is excluded from "
                "the Scope of Serious Illnesses."
            ),
            ground=Ground.MEDICAL,
        )
    return _result(
        "EL-11c",
        Outcome.ELIGIBLE,
        article,
        _("The mental illness comes with no serious violent behaviour or tendency."),
        ground=Ground.MEDICAL,
    )


def el_12_three_categories_cardio_metabolic(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-12. P2014 Art 6 ¶2, second sentence: offenders of the three categories (duty crimes;
    financial-order and financial-fraud crimes; underworld organisations) "suffering from
    serious illnesses such as hypertension, diabetes, heart disease etc. who are diagnosed as
    not in danger of life in the short term" shall not be temporarily executed outside prison
    → INELIGIBLE. The disease list is a setting (E-10).
    """
    diagnosis = profile.diagnosis
    if Ground.MEDICAL not in profile.grounds or diagnosis is None:
        return None
    if not profile.crimes & THREE_CATEGORIES:
        return None
    listed = diagnosis.catalogue_item in settings.art_6_2_catalogue_items
    if not (diagnosis.cardio_metabolic or listed):
        return None
    article = "P2014 Art 6 ¶2 (second sentence)"
    danger = diagnosis.short_term_life_danger
    if danger is None:
        return _result(
            "EL-12",
            Outcome.NEEDS_DATA,
            article,
            _("Record whether the diagnosis states a danger to life in the short term."),
            ground=Ground.MEDICAL,
        )
    if not danger:
        return _result(
            "EL-12",
            Outcome.INELIGIBLE,
            article,
            _(
                "Offenders of the three categories with hypertension, diabetes or heart "
                "disease and no short-term danger to life are excluded."
            ),
            ground=Ground.MEDICAL,
        )
    return _result(
        "EL-12",
        Outcome.ELIGIBLE,
        article,
        _("Not excluded: the diagnosis states a danger to life in the short term."),
        ground=Ground.MEDICAL,
    )


# --------------------------------------------------------------------------------------------
# C. Strict-review and filing flags
# --------------------------------------------------------------------------------------------


def el_20_three_categories_strict_review(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-20. P2014 Art 6 ¶2, first sentence: medical parole for offenders of duty crimes,
    financial-order/financial-fraud crimes and underworld-organisation crimes "shall be
    strictly examined and approved" (从严审批) → STRICT_REVIEW.
    """
    if Ground.MEDICAL not in profile.grounds or not profile.crimes & THREE_CATEGORIES:
        return None
    return _result(
        "EL-20",
        Outcome.STRICT_REVIEW,
        "P2014 Art 6 ¶2 (first sentence)",
        _("Medical parole for an offender of the three categories is strictly examined."),
        ground=Ground.MEDICAL,
    )


def el_21_previous_revocation_strict_review(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-21. P2014 Art 6 ¶3: an offender re-imprisoned for violating laws or regulations, or
    sentenced for a new crime, during an earlier TEOP who applies again "shall be strictly
    examined and approved" → STRICT_REVIEW.
    """
    if not (profile.history.revoked_for_violation or profile.history.new_crime_during_teop):
        return None
    return _result(
        "EL-21",
        Outcome.STRICT_REVIEW,
        "P2014 Art 6 ¶3",
        _("An earlier temporary execution outside prison was revoked: strict examination."),
    )


def el_22_duty_crime_filing(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-22. P2014 Art 2 ¶2: for offenders convicted of duty crimes (职务犯罪) the case is filed
    case by case for review under the relevant rules → FILING_REQUIRED.
    """
    if CrimeTag.DUTY_CRIME not in profile.crimes:
        return None
    return _result(
        "EL-22",
        Outcome.FILING_REQUIRED,
        "P2014 Art 2 ¶2",
        _("A duty-crime case must be filed case by case for review."),
    )


def el_23_organised_crime_leader_strict_review(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-23. Anti-Organized Crime Law Art 22 ¶2: for organisers, leaders and key members of
    organised crime the conditions of TEOP are "strictly controlled" (严格掌握) → STRICT_REVIEW.
    """
    if CrimeTag.ORG_CRIME_LEADER_OR_KEY_MEMBER not in profile.crimes:
        return None
    return _result(
        "EL-23",
        Outcome.STRICT_REVIEW,
        "Anti-Organized Crime Law Art 22 ¶2",
        _("Organiser, leader or key member of organised crime: the conditions are strict."),
    )


# --------------------------------------------------------------------------------------------
# D. Time-served thresholds (P2014 Art 7)
# --------------------------------------------------------------------------------------------

_ART_EL30 = "P2014 Art 7 ¶1; CL Art 99; CPL Art 268 ¶3"
_ART_EL30B = "P2014 Art 7 ¶1; CL Arts 47, 99; CPL Art 268 ¶3"


def el_30_seven_years_after_commutation(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-30. P2014 Art 7 ¶1 (S7: recidivists, and intentional homicide, rape, robbery,
    kidnapping, arson, explosion, release of dangerous substances or organised violent crime,
    on the medical or self-care ground): an original sentence of death with reprieve or life
    imprisonment requires "seven years or more of fixed-term imprisonment served after
    commutation to fixed-term imprisonment" (E-07; CL Art 99 inclusive; non-counted periods
    of CPL Art 268 ¶3 extend it) → INELIGIBLE_UNTIL(date), or NEEDS_DISCRETION when EL-31 or
    EL-32 may apply.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    threshold = _threshold(profile, on)
    if ground is None or threshold is None or threshold[0] != "EL-30":
        return None
    return _threshold_result("EL-30", _ART_EL30, threshold[1], profile, on, settings, ground)


def el_30b_one_third_of_original_term(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-30b. P2014 Art 7 ¶1 (S7): "if the original sentence is fixed-term imprisonment of 10
    years or more, one third or more of the original sentence (原判刑期) shall have been
    executed" (E-08: ceil(original term in days / 3), custody credited, CL Arts 47, 99) →
    INELIGIBLE_UNTIL(date), or NEEDS_DISCRETION when EL-31 or EL-32 may apply.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    threshold = _threshold(profile, on)
    if ground is None or threshold is None or threshold[0] != "EL-30b":
        return None
    return _threshold_result("EL-30b", _ART_EL30B, threshold[1], profile, on, settings, ground)


def el_30c_no_threshold(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-30c. P2014 Art 7 ¶1 a contrario: under S7, an original fixed term under 10 years or
    criminal detention carries no time-served threshold → continue.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    facts = profile.sentence
    if ground is None or facts is None or not _s7(profile):
        return None
    term = facts.original_term
    short = (
        facts.original_type is SentenceType.FIXED_TERM
        and term is not None
        and not at_least(term.span, _TEN_YEARS)
    )
    if not (short or facts.original_type is SentenceType.CRIMINAL_DETENTION):
        return None
    return _result(
        "EL-30c",
        Outcome.ELIGIBLE,
        "P2014 Art 7 ¶1",
        _("An original fixed term under 10 years or criminal detention has no threshold."),
        ground=ground,
    )


def el_31_juvenile_elderly_disabled_discretion(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-31. P2014 Art 7 ¶2: "For juvenile criminals, criminals aged 65 or over and disabled
    criminals, the provisions of the preceding paragraph may be moderately relaxed" (可以适度
    从宽). No quantity is given: NEEDS_DISCRETION, a reasoned decision of the deliberating body;
    the system never computes a reduction (E-09). Unknown facts → NEEDS_DATA, unless EL-32
    already opens the discretion.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    unmet = _unmet_threshold(profile, on)
    if ground is None or unmet is None:
        return None
    rule, date = unmet
    bases, unknown = _relaxation(profile, on, settings)
    if bases:
        return _result(
            "EL-31",
            Outcome.NEEDS_DISCRETION,
            "P2014 Art 7 ¶2",
            format_lazy(
                _(
                    "The offender is {bases}: the {rule} threshold (met on {date}) may be "
                    "moderately relaxed by a reasoned decision; no reduction is computed."
                ),
                bases=_join(bases),
                rule=rule,
                date=_iso(date),
            ),
            ground=ground,
            until=date,
        )
    if unknown and not _exemption(profile):
        return _result(
            "EL-31",
            Outcome.NEEDS_DATA,
            "P2014 Art 7 ¶2",
            format_lazy(
                _("To know whether the {rule} threshold may be relaxed, record: {missing}."),
                rule=rule,
                missing=_join(unknown),
            ),
            ground=ground,
            until=date,
        )
    return None


def el_32_short_term_life_danger_exemption(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-32. P2014 Art 7 ¶3: "A criminal who suffers from a serious illness within the attached
    scope and whose life is in danger in the short term may not be subject to the restriction
    on the term executed in the first paragraph" (可以不受…限制) → NEEDS_DISCRETION. Unknown
    danger → NEEDS_DATA, unless EL-31 already opens the discretion.
    """
    if Ground.MEDICAL not in profile.grounds:
        return None
    unmet = _unmet_threshold(profile, on)
    if unmet is None:
        return None
    rule, date = unmet
    exemption = _exemption(profile)
    if exemption is None and not _relaxation(profile, on, settings)[0]:
        return _result(
            "EL-32",
            Outcome.NEEDS_DATA,
            "P2014 Art 7 ¶3",
            format_lazy(
                _(
                    "Record whether the diagnosis states a danger to life in the short term "
                    "(it may exempt from the {rule} threshold)."
                ),
                rule=rule,
            ),
            ground=Ground.MEDICAL,
            until=date,
        )
    if not exemption:
        return None
    return _result(
        "EL-32",
        Outcome.NEEDS_DISCRETION,
        "P2014 Art 7 ¶3",
        format_lazy(
            _(
                "The diagnosis states a danger to life in the short term: the {rule} threshold "
                "(met on {date}) may be disregarded by a reasoned decision."
            ),
            rule=rule,
            date=_iso(date),
        ),
        ground=Ground.MEDICAL,
        until=date,
    )


# --------------------------------------------------------------------------------------------
# E. Inability to take care of oneself (P2014 Art 33)
# --------------------------------------------------------------------------------------------


def el_40_self_care_cause(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-40. P2014 Art 33 ¶1: inability to take care of oneself means needing others' help for
    daily life "due to illness, physical disability or old age and infirmity" (患病、身体残疾或者
    年老体弱); assessed with reference to GB/T 16180-2006 (¶2), or the SPC 2016 Standard in
    court cases. Another cause → INELIGIBLE for the ground.
    """
    care = profile.self_care
    if Ground.SELF_CARE not in profile.grounds or care is None:
        return None
    article = "P2014 Art 33 ¶1-2"
    if care.cause_ok is None:
        return _result(
            "EL-40",
            Outcome.NEEDS_DATA,
            article,
            _("Record the cause: illness, physical disability, or old age and infirmity."),
            ground=Ground.SELF_CARE,
        )
    if not care.cause_ok:
        return _result(
            "EL-40",
            Outcome.INELIGIBLE,
            article,
            _(
                "The need for help must be caused by illness, physical disability, or old age "
                "and infirmity."
            ),
            ground=Ground.SELF_CARE,
        )
    return _result(
        "EL-40",
        Outcome.ELIGIBLE,
        article,
        _("The cause (illness, disability, or old age and infirmity) is accepted."),
        ground=Ground.SELF_CARE,
    )


_ART_EL41 = "P2014 Art 33 ¶2; CL Art 99; SPC-Interp Art 202 ¶1"
_ART_EL42 = "P2014 Art 33 ¶2; CL Art 99"


def el_41_self_care_under_65(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-41. P2014 Art 33 ¶2: "three of the five daily activities (eating, turning over,
    urination and defecation, dressing and washing, independent movement) need the help of
    others, and after six months or more of treatment, nursing and observation the ability to
    take care of oneself has not been restored" (CL Art 99: 3 and 6 months inclusive; six
    months end on `month_period_end(start, 6)`, the day the ground is met). Before that day
    → INELIGIBLE_UNTIL (the 65th birthday if earlier and E-25 waives observation at 65).
    """
    care = profile.self_care
    if Ground.SELF_CARE not in profile.grounds or care is None:
        return None
    ground = Ground.SELF_CARE
    dob = profile.date_of_birth
    if _is_65_or_over(profile, on):
        return None  # EL-42
    birthday_65 = _birthday(dob, _ELDERLY_AGE) if dob is not None else None
    count = len(care.activities_needing_help)
    if count < _SELF_CARE_ACTIVITIES_UNDER_65:
        if count >= _SELF_CARE_ACTIVITIES_65 and birthday_65 is None:
            return _result(
                "EL-41",
                Outcome.NEEDS_DATA,
                _ART_EL41,
                format_lazy(
                    _(
                        "{count} of the 5 daily activities need help: record the date of birth "
                        "(under 65, 3 are needed; at 65 or over, 1 suffices)."
                    ),
                    count=count,
                ),
                ground=ground,
            )
        if count >= _SELF_CARE_ACTIVITIES_65 and birthday_65 is not None:
            message = format_lazy(
                _(
                    "Only {count} of the 5 daily activities need help; under 65, 3 are needed "
                    "(from the 65th birthday, {date}, 1 suffices)."
                ),
                count=count,
                date=_iso(birthday_65),
            )
        else:
            message = format_lazy(
                _("Only {count} of the 5 daily activities need help; under 65, 3 are needed."),
                count=count,
            )
        return _result("EL-41", Outcome.INELIGIBLE, _ART_EL41, message, ground=ground)
    start = care.observation_start
    if start is None:
        return _result(
            "EL-41",
            Outcome.NEEDS_DATA,
            _ART_EL41,
            _("Record the start date of the treatment, nursing and observation."),
            ground=ground,
        )
    end = month_period_end(start, _OBSERVATION_MONTHS)
    if at_least(on, end):
        return _result(
            "EL-41",
            Outcome.ELIGIBLE,
            _ART_EL41,
            format_lazy(
                _(
                    "{count} of the 5 daily activities need help after six months of "
                    "observation (completed on {date})."
                ),
                count=count,
                date=_iso(end),
            ),
            ground=ground,
        )
    if birthday_65 is None and not settings.self_care_65_requires_observation:
        return _result(
            "EL-41",
            Outcome.NEEDS_DATA,
            _ART_EL41,
            format_lazy(
                _(
                    "Record the date of birth: under 65 the six months of observation are "
                    "completed on {date}; at 65 or over they are not required."
                ),
                date=_iso(end),
            ),
            ground=ground,
            until=end,
        )
    until = end
    if birthday_65 is not None and not settings.self_care_65_requires_observation:
        until = min(end, birthday_65)
    return _result(
        "EL-41",
        Outcome.INELIGIBLE_UNTIL,
        _ART_EL41,
        format_lazy(
            _("The six months of treatment, nursing and observation are completed on {date}."),
            date=_iso(end),
        ),
        ground=ground,
        until=until,
    )


def el_42_self_care_65_or_over(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-42. P2014 Art 33 ¶2: "A criminal aged 65 or over (六十五周岁以上) who needs the help of
    others for one of the five daily activities may be regarded as unable to take care of
    himself" (CL Art 99: the 65th birthday counts). Whether the six months of observation also
    apply is a setting (E-25; default: not required).
    """
    care = profile.self_care
    if Ground.SELF_CARE not in profile.grounds or care is None:
        return None
    if not _is_65_or_over(profile, on):
        return None
    ground = Ground.SELF_CARE
    count = len(care.activities_needing_help)
    if count < _SELF_CARE_ACTIVITIES_65:
        return _result(
            "EL-42",
            Outcome.INELIGIBLE,
            _ART_EL42,
            _("None of the 5 daily activities needs help."),
            ground=ground,
        )
    if settings.self_care_65_requires_observation:
        if care.observation_start is None:
            return _result(
                "EL-42",
                Outcome.NEEDS_DATA,
                _ART_EL42 + "; legal-spec E-25",
                _("Record the start date of the treatment, nursing and observation."),
                ground=ground,
            )
        end = month_period_end(care.observation_start, _OBSERVATION_MONTHS)
        if not at_least(on, end):
            return _result(
                "EL-42",
                Outcome.INELIGIBLE_UNTIL,
                _ART_EL42 + "; legal-spec E-25",
                format_lazy(
                    _(
                        "The six months of treatment, nursing and observation are completed "
                        "on {date}."
                    ),
                    date=_iso(end),
                ),
                ground=ground,
                until=end,
            )
    return _result(
        "EL-42",
        Outcome.ELIGIBLE,
        _ART_EL42,
        format_lazy(
            _("Aged 65 or over with {count} of the 5 daily activities needing help."),
            count=count,
        ),
        ground=ground,
    )


def el_43_self_care_no_danger_to_society(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-43. CPL Art 265 ¶1(3): the self-care ground applies only where temporary execution
    "would not endanger society" (不致危害社会). The finding itself is EL-10; this rule records
    the condition as met when no social danger was found (otherwise EL-10 reports).
    """
    if Ground.SELF_CARE not in profile.grounds or profile.risk.social_danger is not False:
        return None
    return _result(
        "EL-43",
        Outcome.ELIGIBLE,
        "CPL Art 265 ¶1(3); P2014 Art 6 ¶1",
        _("Temporary execution would not endanger society (see EL-10)."),
        ground=Ground.SELF_CARE,
    )


# --------------------------------------------------------------------------------------------
# F. Procedural preconditions (None = not yet examined: checked by the workflow before the
#    proposal, not a screening bar)
# --------------------------------------------------------------------------------------------


def el_50_guarantor(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-50. P2014 Arts 10, 11, 13 ¶2: for medical parole a guarantor meeting all four
    conditions of Art 11 is proposed, examined and confirmed by the prison or detention centre,
    and the letter of guarantee is attached to the proposal; E-14 makes other grounds a
    setting. Not confirmed → NEEDS_DATA (the proposal cannot be submitted).
    """
    concerned = set(Ground) if settings.guarantor_required_for_all_grounds else {Ground.MEDICAL}
    ground = _ground(profile, concerned)
    confirmed = profile.procedure.guarantor_confirmed
    if ground is None or confirmed is None:
        return None
    article = "P2014 Arts 10, 11, 13 ¶2"
    if not confirmed:
        return _result(
            "EL-50",
            Outcome.NEEDS_DATA,
            article,
            _(
                "A guarantor meeting all four conditions of Article 11 must be confirmed and "
                "the letter of guarantee filed before the proposal."
            ),
            ground=ground,
        )
    return _result(
        "EL-50", Outcome.ELIGIBLE, article, _("The guarantor is confirmed."), ground=ground
    )


def el_51_residence_verified(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-51. P2014 Arts 8 ¶2, 15; CCL Art 17: the residence (place of execution) is verified;
    the habitual residence if there are several; otherwise the decision organ fixes the place.
    Not verified → NEEDS_DATA (proposal and release blocked).
    """
    verified = profile.procedure.residence_verified
    if verified is None:
        return None
    article = "P2014 Arts 8 ¶2, 15; CCL Art 17"
    if not verified:
        return _result(
            "EL-51",
            Outcome.NEEDS_DATA,
            article,
            _("The residence where the sentence would be executed must be verified."),
        )
    return _result("EL-51", Outcome.ELIGIBLE, article, _("The residence is verified."))


def el_52_certificate_formalities(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-52. P2014 Art 9: the diagnosis or examination certificate is made by two doctors of
    deputy-senior title or above, signed by the vice-president in charge, sealed, with the
    medical records attached (DOC-03); the self-care opinion meets DOC-04; recusal declarations
    are present. Not met → NEEDS_DATA (proposal blocked).
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is Ground.MEDICAL:
        met = profile.diagnosis.formalities_met if profile.diagnosis else None
        failure = _(
            "The diagnosis certificate does not meet the formalities of Article 9 (two "
            "deputy-senior doctors, signature of the vice-president, seal, records)."
        )
    elif ground is Ground.SELF_CARE:
        met = profile.self_care.opinion_formalities_met if profile.self_care else None
        failure = _("The self-care identification opinion does not meet its formalities.")
    else:
        return None
    if met is None:
        return None
    if not met:
        return _result("EL-52", Outcome.NEEDS_DATA, "P2014 Art 9", failure, ground=ground)
    return _result(
        "EL-52",
        Outcome.ELIGIBLE,
        "P2014 Art 9",
        _("The certificate or opinion meets its formalities."),
        ground=ground,
    )


def el_53_decision_organ_matches_path(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-53. CPL Art 265 ¶5; P2014 Art 2; SPP-Rules Art 631(6): the decision organ matches the
    path (court before delivery for execution; provincial prison administration for prisons;
    municipal public security organ for detention centres). Mismatch → NEEDS_DATA (route the
    case to the right organ).
    """
    matches = profile.procedure.path_matches_decision_organ
    if matches is None:
        return None
    article = "CPL Art 265 ¶5; P2014 Art 2; SPP-Rules Art 631(6)"
    if not matches:
        return _result(
            "EL-53",
            Outcome.NEEDS_DATA,
            article,
            _("The decision organ does not match the path of the case."),
        )
    return _result(
        "EL-53", Outcome.ELIGIBLE, article, _("The decision organ matches the path of the case.")
    )


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------

RuleFunction: TypeAlias = Callable[[Profile, dt.date, RuleSettings], "RuleResult | None"]


class Rule(NamedTuple):
    """One rule: its id, its function, and whether it is evaluated once per ground."""

    id: str
    function: RuleFunction
    per_ground: bool


#: Every rule, in the order of legal-spec §2.3.
RULES: tuple[Rule, ...] = (
    Rule("EL-01", el_01_death_reprieve_uncommuted, False),
    Rule("EL-02", el_02_life_sentence_medical_or_self_care, True),
    Rule("EL-03", el_03_life_sentence_pregnancy_or_nursing, True),
    Rule("EL-04", el_04_fixed_term_or_detention, False),
    Rule("EL-05", el_05_medical_illness_in_catalogue, True),
    Rule("EL-06", el_06_pregnant_or_nursing, True),
    Rule("EL-07", el_07_self_care, True),
    Rule("EL-10", el_10_social_danger, True),
    Rule("EL-11a", el_11a_self_injury, True),
    Rule("EL-11b", el_11b_refuses_treatment, True),
    Rule("EL-11c", el_11c_violent_mental_illness, True),
    Rule("EL-12", el_12_three_categories_cardio_metabolic, True),
    Rule("EL-20", el_20_three_categories_strict_review, True),
    Rule("EL-21", el_21_previous_revocation_strict_review, False),
    Rule("EL-22", el_22_duty_crime_filing, False),
    Rule("EL-23", el_23_organised_crime_leader_strict_review, False),
    Rule("EL-30", el_30_seven_years_after_commutation, True),
    Rule("EL-30b", el_30b_one_third_of_original_term, True),
    Rule("EL-30c", el_30c_no_threshold, True),
    Rule("EL-31", el_31_juvenile_elderly_disabled_discretion, True),
    Rule("EL-32", el_32_short_term_life_danger_exemption, True),
    Rule("EL-40", el_40_self_care_cause, True),
    Rule("EL-41", el_41_self_care_under_65, True),
    Rule("EL-42", el_42_self_care_65_or_over, True),
    Rule("EL-43", el_43_self_care_no_danger_to_society, True),
    Rule("EL-50", el_50_guarantor, True),
    Rule("EL-51", el_51_residence_verified, False),
    Rule("EL-52", el_52_certificate_formalities, True),
    Rule("EL-53", el_53_decision_organ_matches_path, False),
)


def _check_possible(profile: Profile, on: dt.date) -> None:
    """Raise ImpossibleProfile for a profile that cannot exist."""
    if not profile.grounds:
        raise ImpossibleProfile(_("An application needs at least one ground (P2014 Art 5)."))
    if profile.sex not in ("M", "F", None):
        raise ImpossibleProfile(
            _("Sex must be 'M', 'F' or unknown (got %(sex)s)."), sex=repr(profile.sex)
        )
    female_grounds = frozenset(profile.grounds & _FEMALE_GROUNDS)
    if profile.sex == "M" and female_grounds:
        raise ImpossibleProfile(_MAN_ON_FEMALE_GROUNDS[female_grounds])
    dob = profile.date_of_birth
    if dob is not None and dob > on:
        raise ImpossibleProfile(
            _("The date of birth (%(born)s) is after the assessment date (%(on)s)."),
            born=dob.isoformat(),
            on=on.isoformat(),
        )
    infant_dob = profile.pregnancy.infant_date_of_birth if profile.pregnancy else None
    if infant_dob is not None and infant_dob > on:
        raise ImpossibleProfile(
            _("The baby's date of birth (%(born)s) is after the assessment date (%(on)s)."),
            born=infant_dob.isoformat(),
            on=on.isoformat(),
        )
    if infant_dob is not None and dob is not None and infant_dob <= dob:
        raise ImpossibleProfile(
            _("The baby's date of birth (%(born)s) is not after the mother's (%(mother)s)."),
            born=infant_dob.isoformat(),
            mother=dob.isoformat(),
        )
    if profile.sentence is not None:
        try:
            validate(profile.sentence)
        except SentenceError as exc:
            raise ImpossibleProfile(exc.message, **exc.params) from exc


#: P2014 Art 5 ¶1(2): pregnancy and nursing are grounds for women only; one whole sentence
#: per combination so that each reads naturally in Chinese.
_MAN_ON_FEMALE_GROUNDS: dict[frozenset[Ground], Message] = {
    frozenset({Ground.PREGNANT}): _(
        "A man cannot rely on the pregnant ground (P2014 Art 5 ¶1(2): women who are pregnant "
        "or nursing)."
    ),
    frozenset({Ground.NURSING}): _(
        "A man cannot rely on the nursing ground (P2014 Art 5 ¶1(2): women who are pregnant or "
        "nursing)."
    ),
    _FEMALE_GROUNDS: _(
        "A man cannot rely on the nursing or pregnant ground (P2014 Art 5 ¶1(2): women who are "
        "pregnant or nursing)."
    ),
}


def _evaluate(profile: Profile, on: dt.date, settings: RuleSettings) -> list[RuleResult]:
    results: list[RuleResult] = []
    grounds = [g for g in Ground if g in profile.grounds]
    for rule in RULES:
        if not rule.per_ground:
            result = rule.function(profile, on, settings)
            if result is not None:
                results.append(result)
            continue
        for ground in grounds:
            result = rule.function(replace(profile, grounds=frozenset({ground})), on, settings)
            if result is not None:
                results.append(replace(result, ground=ground))
    return results


def _core(outcome: Outcome) -> Outcome:
    """The outcome without the cumulative flags."""
    return Outcome.ELIGIBLE if outcome in _FLAGS else outcome


def _latest_until(results: Iterable[RuleResult]) -> dt.date | None:
    dates = [r.until for r in results if r.outcome is Outcome.INELIGIBLE_UNTIL and r.until]
    return max(dates, default=None)


def assess(
    profile: Profile, *, on: dt.date, settings: RuleSettings = DEFAULT_SETTINGS
) -> Assessment:
    """Evaluate every rule in spec order for `profile` as of `on` (legal-spec §2).

    Combination: each requested ground gets the most restrictive outcome of its own results;
    the best ground counts (one ground met suffices, E-34); the case outcome is the most
    restrictive of that and of the ground-independent results. STRICT_REVIEW and
    FILING_REQUIRED are flags from the ground-independent results and from every ground not
    INELIGIBLE. `eligible_on`, when the outcome is INELIGIBLE_UNTIL: the latest date among the
    ground-independent results and the earliest of the grounds' own dates (each ground's date
    being the latest of its results). Raises ImpossibleProfile for an impossible profile.
    """
    _check_possible(profile, on)
    results = _evaluate(profile, on, settings)
    general = [r for r in results if r.ground is None]
    by_ground = {g: [r for r in results if r.ground is g] for g in Ground if g in profile.grounds}
    ground_outcomes = {
        g: most_restrictive(_core(r.outcome) for r in rs) for g, rs in by_ground.items()
    }
    best_ground = min(ground_outcomes.values(), key=SEVERITY.__getitem__)
    core = most_restrictive([best_ground, *(_core(r.outcome) for r in general)])
    live = {g for g, outcome in ground_outcomes.items() if outcome is not Outcome.INELIGIBLE}
    flagged = [r.outcome for r in results if r.ground is None or r.ground in live]
    strict = Outcome.STRICT_REVIEW in flagged
    filing = Outcome.FILING_REQUIRED in flagged
    outcome = core
    if core is Outcome.ELIGIBLE and strict:
        outcome = Outcome.STRICT_REVIEW
    elif core is Outcome.ELIGIBLE and filing:
        outcome = Outcome.FILING_REQUIRED
    eligible_on: dt.date | None = None
    if outcome is Outcome.INELIGIBLE_UNTIL:
        ground_dates = [
            date
            for g, outcome_of_ground in ground_outcomes.items()
            if outcome_of_ground is Outcome.INELIGIBLE_UNTIL
            and (date := _latest_until(by_ground[g])) is not None
        ]
        candidates = [d for d in (_latest_until(general), min(ground_dates, default=None)) if d]
        eligible_on = max(candidates, default=None)
    return Assessment(
        outcome=outcome,
        strict_review=strict,
        filing_required=filing,
        eligible_on=eligible_on,
        results=tuple(results),
        ruleset_version=RULESET_VERSION,
        settings=settings,
        grounds_met=frozenset(g for g, o in ground_outcomes.items() if o is Outcome.ELIGIBLE),
    )
