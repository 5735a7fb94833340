"""E. Inability to take care of oneself (legal-spec §2.3 E; P2014 Art 33; SPC 2016
Standard): EL-40 to EL-43."""

from __future__ import annotations

import datetime as dt

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kernel.counting import at_least, month_period_end

from ._common import _ELDERLY_AGE, _birthday, _is_65_or_over, _iso, _result
from .profile import Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import Ground, Outcome

_SELF_CARE_ACTIVITIES_UNDER_65 = 3  # P2014 Art 33 ¶2: three of the five
_SELF_CARE_ACTIVITIES_65 = 1  # P2014 Art 33 ¶2: one of the five
_OBSERVATION_MONTHS = 6  # P2014 Art 33 ¶2: 六个月以上


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
