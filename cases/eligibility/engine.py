"""The assessment (legal-spec §2.1, §2.3, E-34): every rule in spec order (`RULES`), the
impossible profiles refused, and the results combined into one `Assessment`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple, TypeAlias

from django.utils.translation import gettext_lazy as _

from cases.sentence import SentenceError, validate

from .exclusions import (
    el_10_social_danger,
    el_11a_self_injury,
    el_11b_refuses_treatment,
    el_11c_violent_mental_illness,
    el_12_three_categories_cardio_metabolic,
)
from .flags import (
    el_20_three_categories_strict_review,
    el_21_previous_revocation_strict_review,
    el_22_duty_crime_filing,
    el_23_organised_crime_leader_strict_review,
)
from .grounds import (
    el_01_death_reprieve_uncommuted,
    el_02_life_sentence_medical_or_self_care,
    el_03_life_sentence_pregnancy_or_nursing,
    el_04_fixed_term_or_detention,
    el_05_medical_illness_in_catalogue,
    el_06_pregnant_or_nursing,
    el_07_self_care,
)
from .procedure import (
    el_50_guarantor,
    el_51_residence_verified,
    el_52_certificate_formalities,
    el_53_decision_organ_matches_path,
)
from .profile import Profile
from .results import Assessment, ImpossibleProfile, RuleResult
from .self_care import (
    el_40_self_care_cause,
    el_41_self_care_under_65,
    el_42_self_care_65_or_over,
    el_43_self_care_no_danger_to_society,
)
from .settings import DEFAULT_SETTINGS, RULESET_VERSION, RuleSettings
from .time_served import (
    el_30_seven_years_after_commutation,
    el_30b_one_third_of_original_term,
    el_30c_no_threshold,
    el_31_juvenile_elderly_disabled_discretion,
    el_32_short_term_life_danger_exemption,
)
from .vocabulary import (
    _FEMALE_GROUNDS,
    _FLAGS,
    SEVERITY,
    Ground,
    Message,
    Outcome,
    most_restrictive,
)

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
