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

Layout, one module per rule group of legal-spec §2.3 (each rule in the module of its group):

* `vocabulary` (outcomes, grounds, crime tags, daily activities), `profile` (the inputs of
  §2.2), `settings` (`RULESET_VERSION` and the §7 `RuleSettings`), `results` (`RuleResult`,
  `Assessment`, `ImpossibleProfile`), `_common` (helpers shared by the groups);
* `grounds` A. sentence type and statutory grounds, EL-01…EL-07 (P2014 Art 5);
* `exclusions` B. absolute exclusions, EL-10…EL-12 (P2014 Art 6 ¶1-2);
* `flags` C. strict-review and filing flags, EL-20…EL-23 (P2014 Arts 2 ¶2, 6 ¶2-3);
* `time_served` D. time-served thresholds, EL-30…EL-32 (P2014 Art 7);
* `self_care` E. inability to take care of oneself, EL-40…EL-43 (P2014 Art 33);
* `procedure` F. procedural preconditions, EL-50…EL-53;
* `engine`: `RULES` in spec order, the impossible profiles, `assess`.

Import from the package (`from cases.eligibility import assess, Profile`), not the modules.
"""

from .engine import RULES, Rule, assess
from .grounds import el_02_life_sentence_medical_or_self_care
from .profile import Diagnosis, History, Pregnancy, Procedure, Profile, Risk, SelfCare
from .results import Assessment, ImpossibleProfile, RuleResult
from .self_care import el_41_self_care_under_65
from .settings import DEFAULT_SETTINGS, RULESET_VERSION, RuleSettings
from .time_served import el_30b_one_third_of_original_term
from .vocabulary import (
    ART_6_GROUNDS,
    ART_7_CRIMES,
    SEVERITY,
    THREE_CATEGORIES,
    CrimeTag,
    DailyActivity,
    Ground,
    Outcome,
    most_restrictive,
)

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
    "el_02_life_sentence_medical_or_self_care",
    "el_30b_one_third_of_original_term",
    "el_41_self_care_under_65",
    "most_restrictive",
]
