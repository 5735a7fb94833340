"""What the rules look at (legal-spec §2.2): one `Profile` per offender and application,
built by the services from the case file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cases.sentence import SentenceFacts

from .vocabulary import CrimeTag, DailyActivity, Ground


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
