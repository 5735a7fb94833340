"""Running the eligibility rules on a case and storing the result (legal-spec §2).

The engine (`cases.eligibility`) is pure; this module gathers its inputs from the case file
and the facts the clerk states at screening (offences, risk findings, history), stores the
result with an input snapshot and the rule-set version, and sets the case's flags.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.accounts.models import User

from .. import eligibility as engine
from ..models import Case, CaseState, EligibilityAssessment, IllnessCatalogueItem

#: Facts the clerk states for the engine; everything else comes from the case file.
FACT_FIELDS = (
    "crimes",
    "social_danger",
    "self_injury",
    "refuses_treatment",
    "revoked_for_violation",
    "new_crime_during_teop",
    "juvenile_at_offence",
    "disabled",
    "cardio_metabolic",
    "violent_mental_illness",
    "nursing",
    "infant_date_of_birth",
    "infant_is_own",
)

ASSESSABLE_STATES = frozenset(CaseState.values) - {
    CaseState.PROPOSED,
    CaseState.APPROVED,
    CaseState.REJECTED,
    CaseState.NOT_PROPOSED,
    CaseState.RELEASE_PREPARATION,
    CaseState.ESCORT,
    CaseState.UNDER_SUPERVISION,
}


def _diagnosis(case: Case, facts: dict[str, Any]) -> engine.Diagnosis | None:
    certificate = (
        case.certificates.in_force()
        .filter(kind="diagnosis")
        .select_related("catalogue_item")
        .order_by("-issued_on", "-id")
        .first()
    )
    if certificate is None:
        return None
    item = certificate.catalogue_item
    from ..rules import _certificate_requirements

    formal = not [r for r in _certificate_requirements(case) if r.article == "P2014 Art 9 ¶1"]
    return engine.Diagnosis(
        catalogue_item=item.code if item else None,
        in_catalogue=bool(item and item.version == "2014" and item.is_active),
        category=item.category if item else None,
        short_term_life_danger=certificate.short_term_life_danger,
        cardio_metabolic=bool(facts.get("cardio_metabolic")),
        violent_mental_illness=facts.get("violent_mental_illness"),
        formalities_met=formal,
    )


def _self_care(case: Case) -> engine.SelfCare | None:
    ident = case.identifications.in_force().order_by("-identified_on", "-id").first()
    if ident is None:
        return None
    return engine.SelfCare(
        activities_needing_help=frozenset(
            engine.DailyActivity(a)
            for a in ident.activities_needing_help
            if a in engine.DailyActivity.__members__.values()
        ),
        cause_ok=bool(ident.cause),
        observation_start=ident.observation_start,
        opinion_formalities_met=ident.signed_by_all and ident.signed_by_head,
    )


def _pregnancy(case: Case, facts: dict[str, Any]) -> engine.Pregnancy | None:
    if not case.ground_pregnancy:
        return None
    exam = case.certificates.in_force().filter(kind="pregnancy").exists()
    return engine.Pregnancy(
        examination_confirmed=exam or None,
        infant_date_of_birth=facts.get("infant_date_of_birth"),
        infant_is_own=facts.get("infant_is_own"),
        nursing=facts.get("nursing"),
    )


def profile_for_case(case: Case, facts: dict[str, Any]) -> engine.Profile:
    grounds = set()
    if case.ground_medical:
        grounds.add(engine.Ground.MEDICAL)
    if case.ground_pregnancy:
        grounds.add(engine.Ground.NURSING if facts.get("nursing") else engine.Ground.PREGNANT)
    if case.ground_self_care:
        grounds.add(engine.Ground.SELF_CARE)
    guarantor = case.guarantor
    offender = case.offender
    return engine.Profile(
        grounds=frozenset(grounds),
        sex=offender.sex,  # type: ignore[arg-type]
        date_of_birth=offender.date_of_birth,
        sentence=case.sentence.facts(),
        juvenile_at_offence=facts.get("juvenile_at_offence"),
        disabled=facts.get("disabled"),
        diagnosis=_diagnosis(case, facts),
        pregnancy=_pregnancy(case, facts),
        self_care=_self_care(case),
        risk=engine.Risk(
            facts.get("social_danger"), facts.get("self_injury"), facts.get("refuses_treatment")
        ),
        crimes=frozenset(engine.CrimeTag(c) for c in facts.get("crimes", [])),
        history=engine.History(
            bool(facts.get("revoked_for_violation")), bool(facts.get("new_crime_during_teop"))
        ),
        procedure=engine.Procedure(
            guarantor_confirmed=bool(guarantor and guarantor.confirmed) or None,
            residence_verified=case.residence_checks.in_force().exists() or None,
            path_matches_decision_organ=True,
        ),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set | tuple | list):
        return sorted(_plain(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def profile_snapshot(profile: engine.Profile) -> dict[str, Any]:
    return _plain(profile)  # type: ignore[no-any-return]


def case_assess_eligibility(
    *,
    case_id: int,
    actor: User,
    facts: dict[str, Any],
    on: dt.date | None = None,
    expected_state: str | None = None,
) -> EligibilityAssessment:
    """Run every rule EL-01..EL-53 on the case and store the result (Arts 5-7, 33): the act
    `eligibility_assess` (`cases.acts.eligibility`). `expected_state`: the state the user's
    page showed; a case that moved on since is refused as a stale page (409)."""
    from ..acts.eligibility import ELIGIBILITY_ASSESS
    from ..acts.runner import act_run

    stored: EligibilityAssessment = act_run(
        ELIGIBILITY_ASSESS,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        facts=facts,
        on=on,
    )
    return stored


def eligibility_store(
    *, case: Case, actor: User, facts: dict[str, Any], on: dt.date | None = None
) -> EligibilityAssessment:
    """Run the rules with the case file and the stated facts; store the result with its
    inputs and rule-set version and set the case's flags. The caller holds the case lock."""
    on = on or timezone.localdate()
    profile = profile_for_case(case, facts)
    try:
        result = engine.assess(profile, on=on)
    except engine.ImpossibleProfile as exc:
        raise ValidationError(exc.lazy_message) from None
    stored = EligibilityAssessment.objects.create(
        case=case,
        assessed_on=on,
        assessed_by=actor.username,
        ruleset_version=result.ruleset_version,
        outcome=str(result.outcome),
        eligible_on=result.eligible_on,
        strict_review=result.strict_review,
        filing_required=result.filing_required,
        inputs={"profile": profile_snapshot(profile), "facts": _plain(facts)},
        result=result.as_dict(),
    )
    Case.objects.filter(pk=case.pk).update(
        strict_review=result.strict_review, filing_required=result.filing_required
    )
    return stored


def catalogue_facts(code: str | None) -> tuple[bool | None, str | None]:
    if not code:
        return None, None
    item = IllnessCatalogueItem.objects.filter(code=code).first()
    if item is None:
        raise ValidationError(_("Unknown illness catalogue item “%(code)s”.") % {"code": code})
    return item.version == "2014" and item.is_active, item.category
