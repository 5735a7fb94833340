"""The vocabulary of the rules (legal-spec §2.1, §2.2): outcomes and their severity, the
statutory grounds, the crime tags and daily activities the rules look at."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from types import MappingProxyType
from typing import TypeAlias

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Message: TypeAlias = str | Promise


class Outcome(StrEnum):
    """The outcome vocabulary of legal-spec §2.1."""

    INELIGIBLE = "ineligible"
    INELIGIBLE_UNTIL = "ineligible_until"
    NEEDS_DATA = "needs_data"
    NEEDS_DISCRETION = "needs_discretion"
    STRICT_REVIEW = "strict_review"
    FILING_REQUIRED = "filing_required"
    ELIGIBLE = "eligible"


#: What each outcome is called on screens and in documents (never the code itself).
OUTCOME_LABELS: dict[str, Promise] = {
    Outcome.INELIGIBLE: _("Not eligible"),
    Outcome.INELIGIBLE_UNTIL: _("Not eligible before a date"),
    Outcome.NEEDS_DATA: _("Facts missing"),
    Outcome.NEEDS_DISCRETION: _("For the organ's discretion"),
    Outcome.STRICT_REVIEW: _("Eligible, under strict review"),
    Outcome.FILING_REQUIRED: _("Eligible, to be filed for review"),
    Outcome.ELIGIBLE: _("Eligible"),
}


def outcome_label(outcome: object) -> str:
    """The words for an outcome code; an unknown code is returned as it is."""
    return str(OUTCOME_LABELS.get(str(outcome), outcome))


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
