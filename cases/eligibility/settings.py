"""The rule-set version and the versioned settings (legal-spec §7): the decisions that change
eligibility, with the spec's recommended defaults. A stored assessment keeps both, so a past
result can always be explained."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

RULESET_VERSION = "P2014-2026.1"


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
