"""F. Procedural preconditions that behave like eligibility conditions (legal-spec §2.3 F):
EL-50 to EL-53. None = not yet examined: checked by the workflow before the proposal, not a
screening bar."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ._common import _ground, _result
from .profile import Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import ART_6_GROUNDS, Ground, Outcome


def el_50_guarantor(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-50. P2014 Arts 10, 11, 13 ¶2: for medical parole a guarantor meeting each of the
    four conditions of Art 11 is proposed, examined and confirmed by the prison or detention
    centre, and the letter of guarantee is attached to the proposal; E-14 makes other grounds a
    setting. Not confirmed → NEEDS_DATA (the proposal cannot be submitted).
    """
    concerned = set(Ground) if settings.guarantor_required_for_all_grounds else {Ground.MEDICAL}
    ground = _ground(profile, concerned)
    confirmed = profile.procedure.guarantor_confirmed
    if ground is None or confirmed is None:
        return None
    article = "P2014 Arts 10, 11, 13 ¶2"
    if not confirmed:
        return _result(
            "EL-50",
            Outcome.NEEDS_DATA,
            article,
            _(
                "The guarantor must be examined against each condition of Article 11 and "
                "confirmed, and the letter of guarantee filed, before the proposal."
            ),
            ground=ground,
        )
    return _result(
        "EL-50", Outcome.ELIGIBLE, article, _("The guarantor is confirmed."), ground=ground
    )


def el_51_residence_verified(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-51. P2014 Arts 8 ¶2, 15; CCL Art 17: the residence (place of execution) is verified;
    the habitual residence if there are several; otherwise the decision organ fixes the place.
    Not verified → NEEDS_DATA (proposal and release blocked).
    """
    verified = profile.procedure.residence_verified
    if verified is None:
        return None
    article = "P2014 Arts 8 ¶2, 15; CCL Art 17"
    if not verified:
        return _result(
            "EL-51",
            Outcome.NEEDS_DATA,
            article,
            _("The residence where the sentence would be executed must be verified."),
        )
    return _result("EL-51", Outcome.ELIGIBLE, article, _("The residence is verified."))


def el_52_certificate_formalities(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-52. P2014 Art 9: the diagnosis or examination certificate is made by two doctors of
    deputy-senior title or above, signed by the vice-president in charge, sealed, with the
    medical records attached (DOC-03); the self-care opinion meets DOC-04; recusal declarations
    are present. Not met → NEEDS_DATA (proposal blocked).
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is Ground.MEDICAL:
        met = profile.diagnosis.formalities_met if profile.diagnosis else None
        failure = _(
            "The diagnosis certificate does not meet the formalities of Article 9 (two "
            "deputy-senior doctors, signature of the vice-president, seal, records)."
        )
    elif ground is Ground.SELF_CARE:
        met = profile.self_care.opinion_formalities_met if profile.self_care else None
        failure = _("The self-care identification opinion does not meet its formalities.")
    else:
        return None
    if met is None:
        return None
    if not met:
        return _result("EL-52", Outcome.NEEDS_DATA, "P2014 Art 9", failure, ground=ground)
    return _result(
        "EL-52",
        Outcome.ELIGIBLE,
        "P2014 Art 9",
        _("The certificate or opinion meets its formalities."),
        ground=ground,
    )


def el_53_decision_organ_matches_path(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-53. CPL Art 265 ¶5; P2014 Art 2; SPP-Rules Art 631(6): the decision organ matches the
    path (court before delivery for execution; provincial prison administration for prisons;
    municipal public security organ for detention centres). Mismatch → NEEDS_DATA (route the
    case to the right organ).
    """
    matches = profile.procedure.path_matches_decision_organ
    if matches is None:
        return None
    article = "CPL Art 265 ¶5; P2014 Art 2; SPP-Rules Art 631(6)"
    if not matches:
        return _result(
            "EL-53",
            Outcome.NEEDS_DATA,
            article,
            _("The decision organ does not match the path of the case."),
        )
    return _result(
        "EL-53", Outcome.ELIGIBLE, article, _("The decision organ matches the path of the case.")
    )
