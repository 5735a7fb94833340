"""Eligibility rules EL-01 to EL-53 (legal-spec §2, §6, §7 E-09, E-12, E-13, E-25).

Pure: no database. Boundaries follow CL Art 99 (inclusive) and SPC-Interp Art 202.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from cases.eligibility import (
    DEFAULT_SETTINGS,
    RULES,
    RULESET_VERSION,
    SEVERITY,
    Assessment,
    CrimeTag,
    DailyActivity,
    Diagnosis,
    Ground,
    History,
    ImpossibleProfile,
    Outcome,
    Pregnancy,
    Procedure,
    Profile,
    Risk,
    RuleResult,
    RuleSettings,
    SelfCare,
    assess,
    el_02_life_sentence_medical_or_self_care,
    el_30b_one_third_of_original_term,
    el_41_self_care_under_65,
    most_restrictive,
)
from cases.illness_catalogue import ENTRIES, by_code, entries
from cases.sentence import (
    Commutation,
    CommutationKind,
    NonCountedPeriod,
    SentenceFacts,
    SentenceType,
    Term,
)
from kernel.counting import month_period_end

D = dt.date
G = Ground
C = CrimeTag
A = DailyActivity
ON = D(2026, 6, 1)
START = D(2020, 1, 1)
TO_FIXED_ON = D(2015, 3, 10)
OBSERVED_FROM = D(2025, 1, 1)
NO_RISK = Risk(social_danger=False, self_injury=False, refuses_treatment=False)
ILLNESS = Diagnosis(
    catalogue_item="2014-I-1",
    in_catalogue=True,
    short_term_life_danger=False,
    formalities_met=True,
)
THREE = frozenset({A.EATING, A.TOILETING, A.MOVING})
ONE = frozenset({A.MOVING})


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are English msgids; keep them English whatever the .po files say."""
    with translation.override("en"):
        yield


def fixed(
    years: int = 5,
    months: int = 0,
    *,
    start: dt.date = START,
    custody: int = 0,
    commutations: tuple[Commutation, ...] = (),
    non_counted: tuple[NonCountedPeriod, ...] = (),
    sentence_type: SentenceType = SentenceType.FIXED_TERM,
) -> SentenceFacts:
    return SentenceFacts(
        original_type=sentence_type,
        original_term=Term(years=years, months=months),
        execution_start=start,
        custody_days=custody,
        commutations=commutations,
        non_counted=non_counted,
    )


def commuted(
    *, to_fixed_on: dt.date = TO_FIXED_ON, non_counted: tuple[NonCountedPeriod, ...] = ()
) -> SentenceFacts:
    """Death with reprieve from 2010, commuted to life in 2012, then to 25 years."""
    return SentenceFacts(
        original_type=SentenceType.DEATH_REPRIEVE,
        original_term=None,
        execution_start=D(2010, 1, 1),
        commutations=(
            Commutation(D(2012, 1, 1), CommutationKind.TO_LIFE, Term()),
            Commutation(to_fixed_on, CommutationKind.TO_FIXED_TERM, Term(25)),
        ),
        non_counted=non_counted,
    )


def life() -> SentenceFacts:
    return SentenceFacts(SentenceType.LIFE, None, START)


def death_reprieve() -> SentenceFacts:
    return SentenceFacts(SentenceType.DEATH_REPRIEVE, None, START)


def care(
    activities: frozenset[DailyActivity] = THREE,
    *,
    observation_start: dt.date | None = OBSERVED_FROM,
    cause_ok: bool | None = True,
    formalities: bool | None = True,
) -> SelfCare:
    return SelfCare(activities, cause_ok, observation_start, formalities)


def person(**changes: Any) -> Profile:
    """A man of 56 on ON, 5 years fixed term, medical ground met, no risk."""
    base = Profile(
        grounds=frozenset({G.MEDICAL}),
        sex="M",
        date_of_birth=D(1970, 1, 1),
        sentence=fixed(),
        diagnosis=ILLNESS,
        risk=NO_RISK,
    )
    if "grounds" in changes:
        changes["grounds"] = frozenset(changes["grounds"])
    if "crimes" in changes:
        changes["crimes"] = frozenset(changes["crimes"])
    return dataclasses.replace(base, **changes)


def woman(**changes: Any) -> Profile:
    changes.setdefault("grounds", {G.PREGNANT})
    changes.setdefault("pregnancy", Pregnancy(examination_confirmed=True))
    changes.setdefault("sex", "F")
    changes.setdefault("date_of_birth", D(1995, 4, 1))
    changes.setdefault("diagnosis", None)
    return person(**changes)


def elderly(**changes: Any) -> Profile:
    """Self-care ground only."""
    changes.setdefault("grounds", {G.SELF_CARE})
    changes.setdefault("self_care", care())
    return person(diagnosis=None, **changes)


def rule(assessment: Assessment, rule_id: str, ground: Ground | None = None) -> RuleResult:
    found = [r for r in assessment.results if r.rule == rule_id and r.ground is ground]
    assert len(found) == 1, [(r.rule, r.ground) for r in assessment.results]
    return found[0]


def rules(assessment: Assessment) -> set[str]:
    return {r.rule for r in assessment.results}


# --- vocabulary, settings, combination ------------------------------------------------------


def test_ruleset_version_and_outcome_values() -> None:
    assert RULESET_VERSION == "P2014-2026.1"
    assert [o.value for o in Outcome] == [
        "ineligible",
        "ineligible_until",
        "needs_data",
        "needs_discretion",
        "strict_review",
        "filing_required",
        "eligible",
    ]
    assert [g.value for g in Ground] == ["medical", "pregnant", "nursing", "self_care"]
    assert C.RELEASE_OF_DANGEROUS_SUBSTANCES.value == "release_of_dangerous_substances"
    assert len(CrimeTag) == 13
    assert len(DailyActivity) == 5


def test_severity_order_matches_the_spec() -> None:
    ordered = sorted(Outcome, key=SEVERITY.__getitem__, reverse=True)
    assert ordered[:4] == [
        Outcome.INELIGIBLE,
        Outcome.INELIGIBLE_UNTIL,
        Outcome.NEEDS_DATA,
        Outcome.NEEDS_DISCRETION,
    ]
    assert set(ordered[4:6]) == {Outcome.STRICT_REVIEW, Outcome.FILING_REQUIRED}
    assert ordered[6] is Outcome.ELIGIBLE


def test_most_restrictive_outcome_wins() -> None:
    assert (
        most_restrictive([Outcome.ELIGIBLE, Outcome.NEEDS_DATA, Outcome.INELIGIBLE_UNTIL])
        is Outcome.INELIGIBLE_UNTIL
    )
    assert most_restrictive([]) is Outcome.ELIGIBLE
    # EL-10 (INELIGIBLE) beats EL-20 (STRICT_REVIEW) and EL-01 never fires.
    a = assess(
        person(crimes={C.UNDERWORLD_ORG}, risk=Risk(True, False, False)),
        on=ON,
    )
    assert a.outcome is Outcome.INELIGIBLE
    assert rule(a, "EL-10", G.MEDICAL).outcome is Outcome.INELIGIBLE
    assert rule(a, "EL-20", G.MEDICAL).outcome is Outcome.STRICT_REVIEW


def test_needs_data_beats_discretion_and_ineligible_until_beats_needs_data() -> None:
    a = assess(person(risk=Risk(None, False, False)), on=ON)
    assert a.outcome is Outcome.NEEDS_DATA
    b = assess(
        person(
            sentence=fixed(12),
            crimes={C.ROBBERY},
            risk=Risk(None, False, False),
            juvenile_at_offence=False,
            disabled=False,
        ),
        on=D(2021, 1, 1),
    )
    assert b.outcome is Outcome.INELIGIBLE_UNTIL
    assert b.eligible_on == D(2024, 1, 1)


def test_baseline_medical_profile_is_eligible_with_every_check_explained() -> None:
    a = assess(person(), on=ON)
    assert a.outcome is Outcome.ELIGIBLE
    assert a.grounds_met == frozenset({G.MEDICAL})
    assert not a.strict_review and not a.filing_required
    assert a.eligible_on is None
    assert {"EL-04", "EL-05", "EL-10", "EL-11a", "EL-11b"} <= rules(a)
    assert a.ruleset_version == RULESET_VERSION
    assert a.settings is DEFAULT_SETTINGS


def test_every_result_names_an_article_and_a_message() -> None:
    a = assess(
        person(
            grounds={G.MEDICAL, G.SELF_CARE},
            self_care=care(),
            crimes={C.DUTY_CRIME, C.ORG_CRIME_LEADER_OR_KEY_MEMBER},
            history=History(revoked_for_violation=True),
            procedure=Procedure(True, True, True),
        ),
        on=ON,
    )
    for result in a.results:
        assert result.article.startswith(("P2014", "CPL", "Anti-Organized", "M1990"))
        assert str(result.message)


def test_rules_are_evaluated_in_spec_order() -> None:
    order = [r.id for r in RULES]
    assert order[:4] == ["EL-01", "EL-02", "EL-03", "EL-04"]
    a = assess(person(grounds={G.MEDICAL, G.SELF_CARE}, self_care=care()), on=ON)
    positions = [order.index(r.rule) for r in a.results]
    assert positions == sorted(positions)


def test_as_dict_is_json_serialisable_with_iso_dates() -> None:
    a = assess(person(sentence=fixed(12), crimes={C.ARSON}, disabled=False), on=D(2021, 1, 1))
    data = json.loads(json.dumps(a.as_dict()))
    assert data["outcome"] == "ineligible_until"
    assert data["eligible_on"] == "2024-01-01"
    assert data["ruleset_version"] == RULESET_VERSION
    assert data["grounds_met"] == []
    assert data["settings"]["self_care_65_requires_observation"] is False
    assert data["settings"]["art_6_2_catalogue_items"] == sorted(
        DEFAULT_SETTINGS.art_6_2_catalogue_items
    )
    el30b = next(r for r in data["results"] if r["rule"] == "EL-30b")
    # The reason is kept in every language of the interface (issue 14).
    messages = el30b.pop("messages")
    assert messages["en"] == "The time-served threshold is met on 2024-01-01."
    assert set(messages) == {"zh-hans", "en"} and "2024-01-01" in messages["zh-hans"]
    assert el30b == {
        "rule": "EL-30b",
        "outcome": "ineligible_until",
        "article": "P2014 Art 7 ¶1; CL Arts 47, 99; CPL Art 268 ¶3",
        "message": "The time-served threshold is met on 2024-01-01.",
        "until": "2024-01-01",
        "ground": "medical",
    }


def test_settings_defaults_follow_the_spec() -> None:
    s = RuleSettings()
    assert s.self_care_65_requires_observation is False  # E-25
    assert s.nursing_infant_max_age_months is None  # E-12
    assert s.pregnancy_requires_social_danger_check is False  # E-13
    assert s.juvenile_measured_at == "offence"  # E-09
    assert s.guarantor_required_for_all_grounds is False  # E-14
    assert "2014-III-4" in s.art_6_2_catalogue_items  # E-10
    assert s == DEFAULT_SETTINGS


def test_settings_reject_impossible_values() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        RuleSettings(nursing_infant_max_age_months=-1)
    with pytest.raises(ValueError, match="juvenile_measured_at"):
        RuleSettings(juvenile_measured_at="birth")  # type: ignore[arg-type]


# --- impossible profiles --------------------------------------------------------------------


def test_man_on_pregnancy_ground_is_impossible() -> None:
    with pytest.raises(ImpossibleProfile, match="A man cannot rely on the pregnant ground"):
        assess(person(grounds={G.PREGNANT}), on=ON)


def test_man_on_nursing_ground_is_impossible() -> None:
    with pytest.raises(ImpossibleProfile, match="nursing"):
        assess(person(grounds={G.MEDICAL, G.NURSING}), on=ON)


def test_no_ground_is_impossible() -> None:
    with pytest.raises(ImpossibleProfile, match="at least one ground"):
        assess(person(grounds=set()), on=ON)


def test_fixed_term_without_a_term_is_impossible() -> None:
    sentence = SentenceFacts(SentenceType.FIXED_TERM, None, START)
    with pytest.raises(ImpossibleProfile, match="needs a term"):
        assess(person(sentence=sentence), on=ON)


def test_criminal_detention_without_a_term_is_impossible() -> None:
    sentence = SentenceFacts(SentenceType.CRIMINAL_DETENTION, Term(), START)
    with pytest.raises(ImpossibleProfile, match="criminal detention needs a term"):
        assess(person(sentence=sentence), on=ON)


def test_date_of_birth_after_the_assessment_date_is_impossible() -> None:
    with pytest.raises(ImpossibleProfile, match="date of birth"):
        assess(person(date_of_birth=D(2026, 6, 2)), on=ON)


def test_date_of_birth_on_the_assessment_date_is_possible() -> None:
    assert assess(person(date_of_birth=ON), on=ON).outcome is Outcome.ELIGIBLE


def test_baby_born_after_the_assessment_date_is_impossible() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2026, 6, 2), infant_is_own=True, nursing=True)
    with pytest.raises(ImpossibleProfile, match="baby's date of birth"):
        assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)


def test_impossible_profile_is_a_value_error() -> None:
    assert issubclass(ImpossibleProfile, ValueError)


# --- A. sentence type and grounds -----------------------------------------------------------


def test_el01_uncommuted_death_reprieve_is_ineligible_for_every_ground() -> None:
    a = assess(woman(grounds={G.PREGNANT}, sentence=death_reprieve()), on=ON)
    result = rule(a, "EL-01")
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 5 ¶1; M1990 Art 3(1)"
    assert a.outcome is Outcome.INELIGIBLE
    assert rule(a, "EL-06", G.PREGNANT).outcome is Outcome.ELIGIBLE  # the ground alone cannot help


def test_el01_missing_sentence_needs_data() -> None:
    a = assess(person(sentence=None), on=ON)
    result = rule(a, "EL-01")
    assert result.outcome is Outcome.NEEDS_DATA
    assert "sentence is missing" in str(result.message)
    assert a.outcome is Outcome.NEEDS_DATA


def test_el01_commutation_ruled_after_the_assessment_date_does_not_count() -> None:
    sentence = commuted()
    assert assess(person(sentence=sentence), on=D(2011, 12, 31)).outcome is Outcome.INELIGIBLE
    assert rule(assess(person(sentence=sentence), on=D(2011, 12, 31)), "EL-01")
    assert "EL-01" not in rules(assess(person(sentence=sentence), on=D(2012, 1, 1)))


def test_el02_life_sentence_cannot_use_medical_ground() -> None:
    a = assess(person(sentence=life()), on=ON)
    result = rule(a, "EL-02", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 5 ¶2; CPL Art 265 ¶2"
    assert a.outcome is Outcome.INELIGIBLE
    assert a.grounds_met == frozenset()


def test_el02_life_sentence_cannot_use_self_care_ground() -> None:
    a = assess(elderly(sentence=life()), on=ON)
    assert rule(a, "EL-02", G.SELF_CARE).outcome is Outcome.INELIGIBLE
    assert a.outcome is Outcome.INELIGIBLE


def test_el02_death_reprieve_commuted_to_life_counts_as_life() -> None:
    a = assess(person(sentence=commuted()), on=D(2013, 1, 1))
    assert rule(a, "EL-02", G.MEDICAL).outcome is Outcome.INELIGIBLE


def test_el02_called_directly_reports_the_first_affected_ground() -> None:
    profile = person(grounds={G.SELF_CARE, G.MEDICAL}, sentence=life(), self_care=care())
    result = el_02_life_sentence_medical_or_self_care(profile, ON, DEFAULT_SETTINGS)
    assert result is not None and result.ground is G.MEDICAL


def test_el03_life_sentence_pregnancy_ground_continues() -> None:
    a = assess(woman(sentence=life()), on=ON)
    assert rule(a, "EL-03", G.PREGNANT).outcome is Outcome.ELIGIBLE
    assert rule(a, "EL-03", G.PREGNANT).article == "P2014 Art 5 ¶2"
    assert a.outcome is Outcome.ELIGIBLE


def test_el03_life_sentence_nursing_met_while_medical_ground_fails() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2026, 1, 1), infant_is_own=True, nursing=True)
    a = assess(
        woman(grounds={G.MEDICAL, G.NURSING}, sentence=life(), pregnancy=pregnancy),
        on=ON,
    )
    assert rule(a, "EL-02", G.MEDICAL).outcome is Outcome.INELIGIBLE
    assert rule(a, "EL-03", G.NURSING).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE
    assert a.grounds_met == frozenset({G.NURSING})


def test_el04_fixed_term_allows_every_ground() -> None:
    a = assess(person(), on=ON)
    assert rule(a, "EL-04").outcome is Outcome.ELIGIBLE
    assert rule(a, "EL-04").article == "P2014 Art 5 ¶1"


def test_el04_criminal_detention_allows_every_ground() -> None:
    sentence = fixed(0, 5, sentence_type=SentenceType.CRIMINAL_DETENTION)
    a = assess(person(sentence=sentence), on=D(2020, 3, 1))
    assert rule(a, "EL-04").outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el04_life_commuted_to_fixed_term_allows_the_medical_ground() -> None:
    a = assess(person(sentence=commuted()), on=ON)
    assert "EL-02" not in rules(a)
    assert rule(a, "EL-04").outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el05_illness_in_2014_catalogue_meets_medical_ground() -> None:
    result = rule(assess(person(), on=ON), "EL-05", G.MEDICAL)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "P2014 Art 5 ¶1(1), Art 9 ¶1 and attachment; CPL Art 265 ¶4"
    assert "2014-I-1" in str(result.message)


def test_el05_illness_not_in_catalogue_is_ineligible() -> None:
    a = assess(person(diagnosis=Diagnosis(in_catalogue=False)), on=ON)
    assert rule(a, "EL-05", G.MEDICAL).outcome is Outcome.INELIGIBLE
    assert a.outcome is Outcome.INELIGIBLE


def test_el05_missing_diagnosis_needs_data() -> None:
    a = assess(person(diagnosis=None), on=ON)
    result = rule(a, "EL-05", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "diagnosis" in str(result.message)
    assert a.outcome is Outcome.NEEDS_DATA


def test_el05_unknown_catalogue_status_needs_data() -> None:
    a = assess(person(diagnosis=Diagnosis(catalogue_item=None)), on=ON)
    assert rule(a, "EL-05", G.MEDICAL).outcome is Outcome.NEEDS_DATA


def test_el05_a_2014_item_code_implies_the_illness_is_within_the_scope() -> None:
    a = assess(person(diagnosis=Diagnosis(catalogue_item="2014-I-3")), on=ON)
    assert rule(a, "EL-05", G.MEDICAL).outcome is Outcome.ELIGIBLE


def test_el05_an_item_of_the_repealed_1990_list_needs_a_2014_item() -> None:
    a = assess(person(diagnosis=Diagnosis(catalogue_item="1990-29", in_catalogue=True)), on=ON)
    result = rule(a, "EL-05", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "1990-29" in str(result.message)


def test_el05_unconfirmed_item_is_accepted_with_a_warning() -> None:
    a = assess(person(diagnosis=Diagnosis(catalogue_item="2014-III-6")), on=ON)
    result = rule(a, "EL-05", G.MEDICAL)
    assert result.outcome is Outcome.ELIGIBLE
    assert "not confirmed" in str(result.message)


def test_el05_failed_medical_ground_does_not_sink_a_met_self_care_ground() -> None:
    a = assess(
        person(
            grounds={G.MEDICAL, G.SELF_CARE},
            diagnosis=Diagnosis(in_catalogue=False),
            self_care=care(),
        ),
        on=ON,
    )
    assert rule(a, "EL-05", G.MEDICAL).outcome is Outcome.INELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE
    assert a.grounds_met == frozenset({G.SELF_CARE})


def test_el06_confirmed_pregnancy_meets_the_ground() -> None:
    a = assess(woman(), on=ON)
    result = rule(a, "EL-06", G.PREGNANT)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "P2014 Art 5 ¶1(2), Art 9 ¶1; CPL Art 265 ¶1(2)"
    assert a.outcome is Outcome.ELIGIBLE
    assert a.grounds_met == frozenset({G.PREGNANT})


def test_el06_unconfirmed_pregnancy_is_ineligible() -> None:
    a = assess(woman(pregnancy=Pregnancy(examination_confirmed=False)), on=ON)
    assert rule(a, "EL-06", G.PREGNANT).outcome is Outcome.INELIGIBLE
    assert a.outcome is Outcome.INELIGIBLE


def test_el06_missing_pregnancy_examination_needs_data() -> None:
    a = assess(woman(pregnancy=None), on=ON)
    result = rule(a, "EL-06", G.PREGNANT)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "pregnancy examination" in str(result.message)


def test_el06_unknown_sex_needs_data() -> None:
    a = assess(woman(sex=None), on=ON)
    assert rule(a, "EL-06", G.PREGNANT).outcome is Outcome.NEEDS_DATA
    assert "sex" in str(rule(a, "EL-06", G.PREGNANT).message)


def test_el06_nursing_her_own_baby_meets_the_ground() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2026, 1, 1), infant_is_own=True, nursing=True)
    a = assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)
    assert rule(a, "EL-06", G.NURSING).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el06_nursing_someone_elses_baby_is_ineligible() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2026, 1, 1), infant_is_own=False, nursing=True)
    a = assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)
    assert rule(a, "EL-06", G.NURSING).outcome is Outcome.INELIGIBLE


def test_el06_not_nursing_is_ineligible() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2026, 1, 1), infant_is_own=True, nursing=False)
    a = assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)
    assert rule(a, "EL-06", G.NURSING).outcome is Outcome.INELIGIBLE


def test_el06_nursing_names_each_missing_fact() -> None:
    pregnancy = Pregnancy(infant_is_own=True)
    a = assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)
    result = rule(a, "EL-06", G.NURSING)
    assert result.outcome is Outcome.NEEDS_DATA
    message = str(result.message)
    assert "the baby's date of birth" in message
    assert "whether she is nursing the baby" in message
    assert "her own" not in message


def test_el06_no_age_limit_for_the_baby_by_default() -> None:
    pregnancy = Pregnancy(infant_date_of_birth=D(2021, 1, 1), infant_is_own=True, nursing=True)
    a = assess(woman(grounds={G.NURSING}, pregnancy=pregnancy), on=ON)
    assert rule(a, "EL-06", G.NURSING).outcome is Outcome.ELIGIBLE


def test_el06_configured_nursing_period_includes_its_last_day() -> None:
    settings = RuleSettings(nursing_infant_max_age_months=12)
    born = D(2025, 6, 1)
    pregnancy = Pregnancy(infant_date_of_birth=born, infant_is_own=True, nursing=True)
    profile = woman(grounds={G.NURSING}, pregnancy=pregnancy)
    last_day = month_period_end(born, 12)
    assert last_day == D(2026, 6, 1)
    on_last = assess(profile, on=last_day, settings=settings)
    assert rule(on_last, "EL-06", G.NURSING).outcome is Outcome.ELIGIBLE
    after = assess(profile, on=last_day + dt.timedelta(days=1), settings=settings)
    result = rule(after, "EL-06", G.NURSING)
    assert result.outcome is Outcome.INELIGIBLE
    assert "E-12" in result.article
    assert "2026-06-01" in str(result.message)


def test_el07_missing_self_care_identification_needs_data() -> None:
    a = assess(elderly(self_care=None), on=ON)
    result = rule(a, "EL-07", G.SELF_CARE)
    assert result.outcome is Outcome.NEEDS_DATA
    assert result.article == "P2014 Art 5 ¶1(3), Arts 9 ¶2, 33"
    assert a.outcome is Outcome.NEEDS_DATA


# --- B. absolute exclusions -----------------------------------------------------------------


def test_el10_social_danger_bars_the_medical_ground() -> None:
    a = assess(person(risk=Risk(True, False, False)), on=ON)
    result = rule(a, "EL-10", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 6 ¶1; CPL Art 265 ¶3"
    assert a.outcome is Outcome.INELIGIBLE


def test_el10_social_danger_bars_the_self_care_ground() -> None:
    a = assess(elderly(risk=Risk(True, False, False)), on=ON)
    result = rule(a, "EL-10", G.SELF_CARE)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 6 ¶1; CPL Art 265 ¶1(3)"


def test_el10_unknown_social_danger_needs_data() -> None:
    a = assess(person(risk=Risk(None, False, False)), on=ON)
    result = rule(a, "EL-10", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "social danger" in str(result.message)


def test_el10_pregnancy_is_not_blocked_by_social_danger_by_default() -> None:
    a = assess(woman(risk=Risk(True, None, None)), on=ON)
    assert "EL-10" not in rules(a)
    assert a.outcome is Outcome.ELIGIBLE


def test_el10_setting_applies_the_social_danger_bar_to_pregnancy() -> None:
    settings = RuleSettings(pregnancy_requires_social_danger_check=True)
    a = assess(woman(risk=Risk(True, None, None)), on=ON, settings=settings)
    result = rule(a, "EL-10", G.PREGNANT)
    assert result.outcome is Outcome.INELIGIBLE
    assert "E-13" in result.article


def test_el11a_self_injury_bars_the_medical_ground() -> None:
    a = assess(person(risk=Risk(False, True, False)), on=ON)
    result = rule(a, "EL-11a", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 6 ¶1; CPL Art 265 ¶3"


def test_el11a_unknown_self_injury_needs_data() -> None:
    a = assess(person(risk=Risk(False, None, False)), on=ON)
    assert rule(a, "EL-11a", G.MEDICAL).outcome is Outcome.NEEDS_DATA


def test_el11b_refusing_treatment_bars_the_medical_ground() -> None:
    a = assess(person(risk=Risk(False, False, True)), on=ON)
    result = rule(a, "EL-11b", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 6 ¶1"


def test_el11b_unknown_cooperation_needs_data() -> None:
    a = assess(elderly(risk=Risk(False, False, None)), on=ON)
    assert rule(a, "EL-11b", G.SELF_CARE).outcome is Outcome.NEEDS_DATA


def test_el11c_violent_mental_illness_is_excluded() -> None:
    diagnosis = Diagnosis("2014-II", True, "II", False, False, True, True)
    a = assess(person(diagnosis=diagnosis), on=ON)
    result = rule(a, "EL-11c", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 attachment, category II"
    assert a.outcome is Outcome.INELIGIBLE


def test_el11c_non_violent_mental_illness_meets_the_ground() -> None:
    diagnosis = Diagnosis("2014-II", True, "II", False, False, False, True)
    a = assess(person(diagnosis=diagnosis), on=ON)
    assert rule(a, "EL-11c", G.MEDICAL).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el11c_category_taken_from_the_item_and_unknown_violence_needs_data() -> None:
    a = assess(person(diagnosis=Diagnosis(catalogue_item="2014-II")), on=ON)
    assert rule(a, "EL-11c", G.MEDICAL).outcome is Outcome.NEEDS_DATA


def test_el11c_does_not_apply_outside_category_ii() -> None:
    assert "EL-11c" not in rules(assess(person(), on=ON))


def test_el12_three_category_heart_disease_without_life_danger_is_ineligible() -> None:
    diagnosis = dataclasses.replace(ILLNESS, cardio_metabolic=True, short_term_life_danger=False)
    a = assess(person(diagnosis=diagnosis, crimes={C.FINANCIAL_ORDER_OR_FRAUD}), on=ON)
    result = rule(a, "EL-12", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 6 ¶2 (second sentence)"
    assert a.outcome is Outcome.INELIGIBLE


def test_el12_short_term_life_danger_is_not_excluded_but_stays_strict() -> None:
    diagnosis = dataclasses.replace(ILLNESS, cardio_metabolic=True, short_term_life_danger=True)
    a = assess(person(diagnosis=diagnosis, crimes={C.DUTY_CRIME}), on=ON)
    assert rule(a, "EL-12", G.MEDICAL).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.STRICT_REVIEW
    assert a.strict_review and a.filing_required


def test_el12_unknown_life_danger_needs_data() -> None:
    diagnosis = dataclasses.replace(ILLNESS, cardio_metabolic=True, short_term_life_danger=None)
    a = assess(person(diagnosis=diagnosis, crimes={C.UNDERWORLD_ORG}), on=ON)
    assert rule(a, "EL-12", G.MEDICAL).outcome is Outcome.NEEDS_DATA


def test_el12_configured_item_list_counts_as_hypertension_or_heart_disease() -> None:
    diagnosis = Diagnosis(catalogue_item="2014-III-4", short_term_life_danger=False)
    profile = person(diagnosis=diagnosis, crimes={C.UNDERWORLD_ORG})
    assert rule(assess(profile, on=ON), "EL-12", G.MEDICAL).outcome is Outcome.INELIGIBLE
    settings = RuleSettings(art_6_2_catalogue_items=frozenset())
    assert "EL-12" not in rules(assess(profile, on=ON, settings=settings))


def test_el12_other_offenders_are_not_excluded() -> None:
    diagnosis = dataclasses.replace(ILLNESS, cardio_metabolic=True, short_term_life_danger=False)
    a = assess(person(diagnosis=diagnosis, crimes={C.ORG_CRIME_LEADER_OR_KEY_MEMBER}), on=ON)
    assert "EL-12" not in rules(a)


# --- C. strict review and filing ------------------------------------------------------------


def test_el20_financial_fraud_medical_parole_is_strict_review() -> None:
    a = assess(person(crimes={C.FINANCIAL_ORDER_OR_FRAUD}), on=ON)
    result = rule(a, "EL-20", G.MEDICAL)
    assert result.outcome is Outcome.STRICT_REVIEW
    assert result.article == "P2014 Art 6 ¶2 (first sentence)"
    assert a.outcome is Outcome.STRICT_REVIEW
    assert a.strict_review and not a.filing_required
    assert a.grounds_met == frozenset({G.MEDICAL})


def test_el20_does_not_flag_the_self_care_ground() -> None:
    a = assess(elderly(crimes={C.UNDERWORLD_ORG}), on=ON)
    assert "EL-20" not in rules(a)
    assert a.outcome is Outcome.ELIGIBLE


def test_el21_earlier_revocation_for_violation_is_strict_review() -> None:
    a = assess(person(history=History(revoked_for_violation=True)), on=ON)
    result = rule(a, "EL-21")
    assert result.outcome is Outcome.STRICT_REVIEW
    assert result.article == "P2014 Art 6 ¶3"
    assert a.outcome is Outcome.STRICT_REVIEW


def test_el21_new_crime_during_an_earlier_teop_is_strict_review() -> None:
    a = assess(woman(history=History(new_crime_during_teop=True)), on=ON)
    assert rule(a, "EL-21").outcome is Outcome.STRICT_REVIEW
    assert a.strict_review


def test_el22_duty_crime_requires_filing() -> None:
    a = assess(woman(crimes={C.DUTY_CRIME}), on=ON)
    result = rule(a, "EL-22")
    assert result.outcome is Outcome.FILING_REQUIRED
    assert result.article == "P2014 Art 2 ¶2"
    assert a.outcome is Outcome.FILING_REQUIRED
    assert a.filing_required and not a.strict_review


def test_strict_review_and_filing_are_cumulative_flags() -> None:
    a = assess(person(crimes={C.DUTY_CRIME}), on=ON)
    assert a.strict_review and a.filing_required
    assert a.outcome is Outcome.STRICT_REVIEW
    blocked = assess(person(crimes={C.DUTY_CRIME}, risk=Risk(None, False, False)), on=ON)
    assert blocked.outcome is Outcome.NEEDS_DATA
    assert blocked.strict_review and blocked.filing_required


def test_el23_organised_crime_leader_is_strict_review() -> None:
    a = assess(woman(crimes={C.ORG_CRIME_LEADER_OR_KEY_MEMBER}), on=ON)
    result = rule(a, "EL-23")
    assert result.outcome is Outcome.STRICT_REVIEW
    assert result.article == "Anti-Organized Crime Law Art 22 ¶2"
    assert a.outcome is Outcome.STRICT_REVIEW


# --- D. time served (P2014 Art 7) -----------------------------------------------------------


def test_el30_seven_years_after_commutation_not_yet_served() -> None:
    profile = person(sentence=commuted(), crimes={C.INTENTIONAL_HOMICIDE}, disabled=False)
    a = assess(profile, on=D(2022, 3, 9))
    result = rule(a, "EL-30", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE_UNTIL
    assert result.until == D(2022, 3, 10)
    assert result.article == "P2014 Art 7 ¶1; CL Art 99; CPL Art 268 ¶3"
    assert a.outcome is Outcome.INELIGIBLE_UNTIL
    assert a.eligible_on == D(2022, 3, 10)


def test_el30_seven_years_exactly_is_eligible_on_the_anniversary() -> None:
    a = assess(person(sentence=commuted(), crimes={C.RAPE}), on=D(2022, 3, 10))
    assert rule(a, "EL-30", G.MEDICAL).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el30_non_counted_days_push_the_date_later() -> None:
    escape = NonCountedPeriod(D(2018, 5, 1), D(2018, 5, 10))
    a = assess(
        person(sentence=commuted(non_counted=(escape,)), crimes={C.KIDNAPPING}, disabled=False),
        on=D(2022, 3, 10),
    )
    assert rule(a, "EL-30", G.MEDICAL).until == D(2022, 3, 20)
    assert a.eligible_on == D(2022, 3, 20)


def test_el30_does_not_apply_to_the_pregnancy_ground() -> None:
    a = assess(woman(sentence=commuted(), crimes={C.RECIDIVIST}), on=D(2016, 1, 1))
    assert not rules(a) & {"EL-30", "EL-30b", "EL-30c", "EL-31", "EL-32"}
    assert a.outcome is Outcome.ELIGIBLE


def test_el30_does_not_apply_without_a_violent_crime_or_recidivism() -> None:
    a = assess(person(sentence=commuted(), crimes={C.DUTY_CRIME}), on=D(2016, 1, 1))
    assert not rules(a) & {"EL-30", "EL-30b", "EL-30c"}


def test_el30b_ten_years_exactly_triggers_the_one_third_threshold() -> None:
    a = assess(person(sentence=fixed(10), crimes={C.ROBBERY}, disabled=False), on=D(2023, 5, 2))
    result = rule(a, "EL-30b", G.MEDICAL)
    assert result.outcome is Outcome.INELIGIBLE_UNTIL
    # 2020-01-01 .. 2029-12-31 is 3653 days; ceil(3653 / 3) = 1218 days served.
    assert result.until == D(2023, 5, 3)
    assert a.eligible_on == D(2023, 5, 3)
    assert "EL-30c" not in rules(a)


def test_el30b_eligible_on_the_one_third_date_itself() -> None:
    a = assess(person(sentence=fixed(10), crimes={C.ROBBERY}), on=D(2023, 5, 3))
    assert rule(a, "EL-30b", G.MEDICAL).outcome is Outcome.ELIGIBLE
    assert a.outcome is Outcome.ELIGIBLE


def test_el30b_custody_credit_brings_the_date_forward() -> None:
    a = assess(
        person(sentence=fixed(10, custody=100), crimes={C.EXPLOSION}, disabled=False),
        on=D(2022, 1, 1),
    )
    assert rule(a, "EL-30b", G.MEDICAL).until == D(2023, 1, 23)


def test_el30b_uses_the_original_term_not_the_reduced_one() -> None:
    reduction = Commutation(D(2022, 1, 1), CommutationKind.REDUCTION, Term(3))
    profile = person(
        sentence=fixed(12, commutations=(reduction,)), crimes={C.ARSON}, disabled=False
    )
    result = el_30b_one_third_of_original_term(profile, D(2023, 1, 1), DEFAULT_SETTINGS)
    assert result is not None
    assert result.until == D(2024, 1, 1)  # one third of 12 years, not of 9


def test_el30b_applies_to_the_self_care_ground() -> None:
    profile = elderly(
        sentence=fixed(12),
        crimes={C.RECIDIVIST},
        disabled=False,
        self_care=care(observation_start=D(2022, 1, 1)),
    )
    a = assess(profile, on=D(2023, 1, 1))
    assert rule(a, "EL-30b", G.SELF_CARE).outcome is Outcome.INELIGIBLE_UNTIL
    assert a.eligible_on == D(2024, 1, 1)


def test_el30c_nine_years_eleven_months_has_no_threshold() -> None:
    a = assess(person(sentence=fixed(9, 11), crimes={C.ROBBERY}), on=D(2020, 2, 1))
    result = rule(a, "EL-30c", G.MEDICAL)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "P2014 Art 7 ¶1"
    assert "EL-30b" not in rules(a)
    assert a.outcome is Outcome.ELIGIBLE


def test_el30c_criminal_detention_has_no_threshold() -> None:
    sentence = fixed(0, 6, sentence_type=SentenceType.CRIMINAL_DETENTION)
    a = assess(person(sentence=sentence, crimes={C.RECIDIVIST}), on=D(2020, 1, 2))
    assert rule(a, "EL-30c", G.MEDICAL).outcome is Outcome.ELIGIBLE


def test_el31_juvenile_gets_discretion_not_a_reduction() -> None:
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, juvenile_at_offence=True),
        on=D(2021, 1, 1),
    )
    result = rule(a, "EL-31", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DISCRETION
    assert result.article == "P2014 Art 7 ¶2"
    assert result.until == D(2024, 1, 1)  # the unrelaxed date: nothing is computed off it
    assert "no reduction is computed" in str(result.message)
    threshold = rule(a, "EL-30b", G.MEDICAL)
    assert threshold.outcome is Outcome.NEEDS_DISCRETION
    assert threshold.until == D(2024, 1, 1)
    assert a.outcome is Outcome.NEEDS_DISCRETION
    assert a.eligible_on is None


def test_el31_sixty_five_on_the_birthday_gets_discretion() -> None:
    on = D(2021, 1, 1)
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, date_of_birth=D(1956, 1, 1)),
        on=on,
    )
    result = rule(a, "EL-31", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DISCRETION
    assert "aged 65 or over" in str(result.message)


def test_el31_the_day_before_the_sixty_fifth_birthday_is_not_elderly() -> None:
    a = assess(
        person(
            sentence=fixed(12),
            crimes={C.ROBBERY},
            date_of_birth=D(1956, 1, 2),
            juvenile_at_offence=False,
            disabled=False,
        ),
        on=D(2021, 1, 1),
    )
    assert "EL-31" not in rules(a)
    assert a.outcome is Outcome.INELIGIBLE_UNTIL
    assert a.eligible_on == D(2024, 1, 1)


def test_el31_disabled_gets_discretion() -> None:
    a = assess(elderly(sentence=fixed(12), crimes={C.RAPE}, disabled=True), on=D(2021, 1, 1))
    result = rule(a, "EL-31", G.SELF_CARE)
    assert result.outcome is Outcome.NEEDS_DISCRETION
    assert "disabled" in str(result.message)


def test_el31_unknown_facts_need_data_while_the_threshold_still_bars() -> None:
    a = assess(person(sentence=fixed(12), crimes={C.ROBBERY}), on=D(2021, 1, 1))
    result = rule(a, "EL-31", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    message = str(result.message)
    assert "under 18 at the time of the offence" in message
    assert "disabled" in message
    assert "date of birth" not in message
    assert a.outcome is Outcome.INELIGIBLE_UNTIL


def test_el31_juvenile_measured_at_application_by_setting() -> None:
    settings = RuleSettings(juvenile_measured_at="application")
    profile = person(
        sentence=fixed(12), crimes={C.ROBBERY}, date_of_birth=D(2003, 1, 2), disabled=False
    )
    a = assess(profile, on=D(2021, 1, 1), settings=settings)
    assert rule(a, "EL-31", G.MEDICAL).outcome is Outcome.NEEDS_DISCRETION
    # On the 18th birthday the offender is no longer a juvenile.
    b = assess(profile, on=D(2021, 1, 2), settings=settings)
    assert "EL-31" not in rules(b)
    assert b.outcome is Outcome.INELIGIBLE_UNTIL


def test_el31_does_not_apply_once_the_threshold_is_met() -> None:
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, juvenile_at_offence=True),
        on=D(2024, 1, 1),
    )
    assert "EL-31" not in rules(a)
    assert a.outcome is Outcome.ELIGIBLE


def test_el32_short_term_life_danger_may_disregard_the_threshold() -> None:
    diagnosis = dataclasses.replace(ILLNESS, short_term_life_danger=True)
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, diagnosis=diagnosis, disabled=False),
        on=D(2021, 1, 1),
    )
    result = rule(a, "EL-32", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DISCRETION
    assert result.article == "P2014 Art 7 ¶3"
    assert result.until == D(2024, 1, 1)
    assert a.outcome is Outcome.NEEDS_DISCRETION


def test_el32_no_life_danger_keeps_the_case_ineligible_until_the_date() -> None:
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, juvenile_at_offence=False, disabled=False),
        on=D(2021, 1, 1),
    )
    assert "EL-32" not in rules(a)
    assert a.outcome is Outcome.INELIGIBLE_UNTIL


def test_el32_unknown_life_danger_needs_data() -> None:
    diagnosis = dataclasses.replace(ILLNESS, short_term_life_danger=None)
    a = assess(
        person(sentence=fixed(12), crimes={C.ROBBERY}, diagnosis=diagnosis), on=D(2021, 1, 1)
    )
    assert rule(a, "EL-32", G.MEDICAL).outcome is Outcome.NEEDS_DATA


def test_el32_does_not_apply_to_the_self_care_ground() -> None:
    a = assess(elderly(sentence=fixed(12), crimes={C.ROBBERY}), on=D(2021, 1, 1))
    assert "EL-32" not in rules(a)


# --- E. inability to take care of oneself (P2014 Art 33) ------------------------------------


def test_el40_another_cause_is_ineligible() -> None:
    a = assess(elderly(self_care=care(cause_ok=False)), on=ON)
    result = rule(a, "EL-40", G.SELF_CARE)
    assert result.outcome is Outcome.INELIGIBLE
    assert result.article == "P2014 Art 33 ¶1-2"
    assert a.outcome is Outcome.INELIGIBLE


def test_el40_unknown_cause_needs_data() -> None:
    a = assess(elderly(self_care=care(cause_ok=None)), on=ON)
    assert rule(a, "EL-40", G.SELF_CARE).outcome is Outcome.NEEDS_DATA


def test_el41_three_of_five_activities_after_six_months() -> None:
    start = D(2025, 1, 15)
    end = month_period_end(start, 6)
    assert end == D(2025, 7, 15)
    a = assess(elderly(self_care=care(observation_start=start)), on=end)
    result = rule(a, "EL-41", G.SELF_CARE)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "P2014 Art 33 ¶2; CL Art 99; SPC-Interp Art 202 ¶1"
    assert a.outcome is Outcome.ELIGIBLE
    assert a.grounds_met == frozenset({G.SELF_CARE})


def test_el41_the_day_before_six_months_is_ineligible_until_the_end_date() -> None:
    start = D(2025, 1, 15)
    a = assess(elderly(self_care=care(observation_start=start)), on=D(2025, 7, 14))
    result = rule(a, "EL-41", G.SELF_CARE)
    assert result.outcome is Outcome.INELIGIBLE_UNTIL
    assert result.until == D(2025, 7, 15)
    assert a.eligible_on == D(2025, 7, 15)


def test_el41_six_months_from_the_last_day_of_a_month_ends_on_the_last_day() -> None:
    a = assess(elderly(self_care=care(observation_start=D(2025, 8, 31))), on=D(2026, 2, 27))
    assert rule(a, "EL-41", G.SELF_CARE).until == D(2026, 2, 28)
    b = assess(elderly(self_care=care(observation_start=D(2025, 8, 31))), on=D(2026, 2, 28))
    assert rule(b, "EL-41", G.SELF_CARE).outcome is Outcome.ELIGIBLE


def test_el41_two_of_five_activities_is_not_enough_under_65() -> None:
    two = frozenset({A.EATING, A.TURNING_OVER})
    a = assess(elderly(self_care=care(two)), on=ON)
    result = rule(a, "EL-41", G.SELF_CARE)
    assert result.outcome is Outcome.INELIGIBLE
    assert "Only 2 of the 5" in str(result.message)
    assert "2035-01-01" in str(result.message)  # the 65th birthday, from which 1 suffices
    assert a.outcome is Outcome.INELIGIBLE


def test_el41_no_activity_needing_help_is_ineligible() -> None:
    a = assess(elderly(self_care=care(frozenset())), on=ON)
    assert rule(a, "EL-41", G.SELF_CARE).outcome is Outcome.INELIGIBLE


def test_el41_missing_observation_start_needs_data() -> None:
    a = assess(elderly(self_care=care(observation_start=None)), on=ON)
    result = rule(a, "EL-41", G.SELF_CARE)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "observation" in str(result.message)


def test_el41_observation_ends_early_on_the_sixty_fifth_birthday() -> None:
    profile = elderly(date_of_birth=D(1961, 3, 1), self_care=care(observation_start=D(2026, 1, 15)))
    a = assess(profile, on=D(2026, 2, 1))
    assert rule(a, "EL-41", G.SELF_CARE).until == D(2026, 3, 1)
    settings = RuleSettings(self_care_65_requires_observation=True)
    b = assess(profile, on=D(2026, 2, 1), settings=settings)
    assert rule(b, "EL-41", G.SELF_CARE).until == D(2026, 7, 15)


def test_el41_unknown_age_with_incomplete_observation_needs_data() -> None:
    a = assess(elderly(date_of_birth=None, self_care=care(observation_start=D(2026, 3, 1))), on=ON)
    result = rule(a, "EL-41", G.SELF_CARE)
    assert result.outcome is Outcome.NEEDS_DATA
    assert "date of birth" in str(result.message)


def test_el41_unknown_age_with_one_activity_needs_data() -> None:
    a = assess(elderly(date_of_birth=None, self_care=care(ONE)), on=ON)
    assert rule(a, "EL-41", G.SELF_CARE).outcome is Outcome.NEEDS_DATA


def test_el41_unknown_age_with_the_under_65_test_met_is_enough() -> None:
    a = assess(elderly(date_of_birth=None), on=ON)
    assert rule(a, "EL-41", G.SELF_CARE).outcome is Outcome.ELIGIBLE


def test_el41_called_directly_ignores_other_grounds() -> None:
    assert el_41_self_care_under_65(person(), ON, DEFAULT_SETTINGS) is None


def test_el42_sixty_five_on_the_birthday_one_activity_suffices() -> None:
    profile = elderly(date_of_birth=D(1961, 6, 1), self_care=care(ONE, observation_start=None))
    a = assess(profile, on=D(2026, 6, 1))
    result = rule(a, "EL-42", G.SELF_CARE)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "P2014 Art 33 ¶2; CL Art 99"
    assert "EL-41" not in rules(a)
    assert a.outcome is Outcome.ELIGIBLE


def test_el42_the_day_before_the_sixty_fifth_birthday_one_activity_is_not_enough() -> None:
    profile = elderly(date_of_birth=D(1961, 6, 2), self_care=care(ONE))
    a = assess(profile, on=D(2026, 6, 1))
    assert "EL-42" not in rules(a)
    assert rule(a, "EL-41", G.SELF_CARE).outcome is Outcome.INELIGIBLE
    assert a.outcome is Outcome.INELIGIBLE


def test_el42_no_activity_needing_help_is_ineligible_even_at_65() -> None:
    a = assess(elderly(date_of_birth=D(1950, 1, 1), self_care=care(frozenset())), on=ON)
    assert rule(a, "EL-42", G.SELF_CARE).outcome is Outcome.INELIGIBLE


def test_el42_observation_required_by_setting() -> None:
    settings = RuleSettings(self_care_65_requires_observation=True)
    profile = elderly(
        date_of_birth=D(1950, 1, 1), self_care=care(ONE, observation_start=D(2026, 1, 15))
    )
    a = assess(profile, on=ON, settings=settings)
    result = rule(a, "EL-42", G.SELF_CARE)
    assert result.outcome is Outcome.INELIGIBLE_UNTIL
    assert result.until == D(2026, 7, 15)
    assert "E-25" in result.article
    assert assess(profile, on=D(2026, 7, 15), settings=settings).outcome is Outcome.ELIGIBLE


def test_el42_observation_start_missing_when_required_by_setting() -> None:
    settings = RuleSettings(self_care_65_requires_observation=True)
    profile = elderly(date_of_birth=D(1950, 1, 1), self_care=care(ONE, observation_start=None))
    result = rule(assess(profile, on=ON, settings=settings), "EL-42", G.SELF_CARE)
    assert result.outcome is Outcome.NEEDS_DATA


def test_el42_born_on_29_february_turns_65_on_28_february() -> None:
    profile = elderly(date_of_birth=D(1960, 2, 29), self_care=care(ONE))
    assert (
        rule(assess(profile, on=D(2025, 2, 28)), "EL-42", G.SELF_CARE).outcome is Outcome.ELIGIBLE
    )
    assert "EL-42" not in rules(assess(profile, on=D(2025, 2, 27)))


def test_el43_self_care_records_that_society_is_not_endangered() -> None:
    a = assess(elderly(), on=ON)
    result = rule(a, "EL-43", G.SELF_CARE)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.article == "CPL Art 265 ¶1(3); P2014 Art 6 ¶1"
    assert "EL-43" not in rules(assess(elderly(risk=Risk(True, False, False)), on=ON))


# --- F. procedural preconditions ------------------------------------------------------------


def test_el50_unconfirmed_guarantor_blocks_the_medical_proposal() -> None:
    a = assess(person(procedure=Procedure(guarantor_confirmed=False)), on=ON)
    result = rule(a, "EL-50", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    assert result.article == "P2014 Arts 10, 11, 13 ¶2"
    assert a.outcome is Outcome.NEEDS_DATA


def test_el50_guarantor_not_yet_examined_is_not_a_screening_bar() -> None:
    a = assess(person(), on=ON)
    assert "EL-50" not in rules(a)
    b = assess(person(procedure=Procedure(guarantor_confirmed=True)), on=ON)
    assert rule(b, "EL-50", G.MEDICAL).outcome is Outcome.ELIGIBLE


def test_el50_guarantor_for_other_grounds_only_by_setting() -> None:
    profile = woman(procedure=Procedure(guarantor_confirmed=False))
    assert "EL-50" not in rules(assess(profile, on=ON))
    settings = RuleSettings(guarantor_required_for_all_grounds=True)
    a = assess(profile, on=ON, settings=settings)
    assert rule(a, "EL-50", G.PREGNANT).outcome is Outcome.NEEDS_DATA


def test_el51_unverified_residence_needs_data() -> None:
    a = assess(person(procedure=Procedure(residence_verified=False)), on=ON)
    result = rule(a, "EL-51")
    assert result.outcome is Outcome.NEEDS_DATA
    assert result.article == "P2014 Arts 8 ¶2, 15; CCL Art 17"
    assert rule(assess(person(procedure=Procedure(residence_verified=True)), on=ON), "EL-51")


def test_el52_diagnosis_without_the_article_9_formalities_needs_data() -> None:
    diagnosis = dataclasses.replace(ILLNESS, formalities_met=False)
    a = assess(person(diagnosis=diagnosis), on=ON)
    result = rule(a, "EL-52", G.MEDICAL)
    assert result.outcome is Outcome.NEEDS_DATA
    assert result.article == "P2014 Art 9"
    assert a.outcome is Outcome.NEEDS_DATA


def test_el52_self_care_opinion_formalities() -> None:
    a = assess(elderly(self_care=care(formalities=False)), on=ON)
    assert rule(a, "EL-52", G.SELF_CARE).outcome is Outcome.NEEDS_DATA
    assert rule(assess(elderly(), on=ON), "EL-52", G.SELF_CARE).outcome is Outcome.ELIGIBLE


def test_el53_wrong_decision_organ_needs_data() -> None:
    a = assess(person(procedure=Procedure(path_matches_decision_organ=False)), on=ON)
    result = rule(a, "EL-53")
    assert result.outcome is Outcome.NEEDS_DATA
    assert result.article == "CPL Art 265 ¶5; P2014 Art 2; SPP-Rules Art 631(6)"


# --- several grounds (E-34) -----------------------------------------------------------------


def test_eligible_on_is_the_latest_date_within_one_ground() -> None:
    profile = elderly(
        sentence=fixed(12),
        crimes={C.ROBBERY},
        disabled=False,
        self_care=care(observation_start=D(2023, 11, 1)),
    )
    a = assess(profile, on=D(2023, 6, 1))
    assert rule(a, "EL-30b", G.SELF_CARE).until == D(2024, 1, 1)
    assert rule(a, "EL-41", G.SELF_CARE).until == D(2024, 5, 1)
    assert a.eligible_on == D(2024, 5, 1)


def test_eligible_on_is_the_earliest_ground_to_open() -> None:
    profile = person(
        grounds={G.MEDICAL, G.SELF_CARE},
        self_care=care(observation_start=D(2028, 12, 1)),
        sentence=fixed(12, start=D(2025, 1, 1)),
        crimes={C.ROBBERY},
        disabled=False,
    )
    a = assess(profile, on=ON)
    assert a.outcome is Outcome.INELIGIBLE_UNTIL
    assert rule(a, "EL-30b", G.MEDICAL).until == D(2029, 1, 1)
    assert rule(a, "EL-30b", G.SELF_CARE).until == D(2029, 1, 1)
    assert rule(a, "EL-41", G.SELF_CARE).until == D(2029, 6, 1)
    assert a.eligible_on == D(2029, 1, 1)
    other = dataclasses.replace(profile, sentence=fixed(9, start=D(2025, 1, 1)))
    b = assess(other, on=ON)
    assert b.outcome is Outcome.ELIGIBLE
    assert b.grounds_met == frozenset({G.MEDICAL})


def test_failed_ground_is_ineligible_when_no_other_ground_is_met() -> None:
    a = assess(
        person(
            grounds={G.MEDICAL, G.SELF_CARE},
            diagnosis=Diagnosis(in_catalogue=False),
            self_care=care(cause_ok=False),
        ),
        on=ON,
    )
    assert a.outcome is Outcome.INELIGIBLE
    assert a.grounds_met == frozenset()


def test_flags_of_a_failed_ground_are_dropped() -> None:
    a = assess(
        woman(
            grounds={G.MEDICAL, G.PREGNANT},
            diagnosis=Diagnosis(in_catalogue=False),
            crimes={C.FINANCIAL_ORDER_OR_FRAUD},
        ),
        on=ON,
    )
    assert rule(a, "EL-20", G.MEDICAL).outcome is Outcome.STRICT_REVIEW
    assert a.outcome is Outcome.ELIGIBLE
    assert not a.strict_review


def test_a_ground_needing_data_beats_a_failed_ground() -> None:
    a = assess(
        person(grounds={G.MEDICAL, G.SELF_CARE}, diagnosis=Diagnosis(in_catalogue=False)),
        on=ON,
    )
    assert a.outcome is Outcome.NEEDS_DATA
    assert rule(a, "EL-07", G.SELF_CARE).outcome is Outcome.NEEDS_DATA


# --- illness catalogue (legal-spec §6) ------------------------------------------------------


def test_catalogue_1990_has_thirty_items_confirmed_up_to_17() -> None:
    items = entries("1990")
    assert [e.code for e in items] == [f"1990-{n:02d}" for n in range(1, 31)]
    assert all(e.confirmed for e in items[:17])
    assert not any(e.confirmed for e in items[17:])
    assert by_code("1990-09") is not None
    assert by_code("1990-09").name_zh == "癫痫频繁大发作，伴有精神障碍者"  # type: ignore[union-attr]


def test_catalogue_2014_flags_unconfirmed_items_as_the_spec_does() -> None:
    confirmed = {e.code for e in entries("2014") if e.confirmed}
    assert confirmed == {
        "2014-I-1",
        "2014-I-2",
        "2014-I-3",
        "2014-I-4",
        "2014-II",
        "2014-III-1",
        "2014-III-2",
        "2014-III-3",
        "2014-III-4",
        "2014-III-5",
    }
    assert by_code("2014-II") is not None
    assert by_code("2014-II").category == "II"  # type: ignore[union-attr]
    assert by_code("2014-X-1") is None


def test_catalogue_fields_fit_the_model() -> None:
    codes = [e.code for e in ENTRIES]
    assert len(codes) == len(set(codes))
    for e in ENTRIES:
        assert e.version in {"1990", "2014"}
        assert e.code.startswith(e.version)
        assert len(e.code) <= 20 and len(e.category) <= 80
        assert 0 < len(e.name_zh) <= 200 and 0 < len(e.name_en) <= 200
