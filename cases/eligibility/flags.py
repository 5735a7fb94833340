"""C. Strict-review and filing flags (legal-spec §2.3 C; P2014 Arts 2 ¶2, 6 ¶2-3;
Anti-Organized Crime Law Art 22 ¶2): EL-20 to EL-23. The flags are cumulative."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ._common import _result
from .profile import Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import THREE_CATEGORIES, CrimeTag, Ground, Outcome


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
    """EL-22. P2014 Art 2 ¶2: for offenders convicted of duty crimes the case is filed
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
