"""B. Absolute exclusions (legal-spec §2.3 B; P2014 Art 6 ¶1-2; CPL Art 265 ¶1(3), ¶3):
EL-10 to EL-12."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ._common import _category, _ground, _result
from .profile import Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import _FEMALE_GROUNDS, ART_6_GROUNDS, THREE_CATEGORIES, Ground, Outcome


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
