"""A. Sentence type and statutory grounds (legal-spec §2.3 A; P2014 Art 5; CPL Art 265 ¶1-2;
SPC-Interp Art 515): EL-01 to EL-07."""

from __future__ import annotations

import datetime as dt

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.illness_catalogue import by_code
from cases.sentence import SentenceType
from kernel.counting import month_period_end

from ._common import _current, _ground, _in_catalogue, _iso, _join, _result
from .profile import Pregnancy, Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import _FEMALE_GROUNDS, ART_6_GROUNDS, Ground, Message, Outcome

_ART_EL01 = "P2014 Art 5 ¶1; M1990 Art 3(1)"


def el_01_death_reprieve_uncommuted(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-01. P2014 Art 5 ¶1 lists only "fixed-term imprisonment, criminal detention or already
    commuted to fixed-term imprisonment" (and ¶2 life imprisonment for pregnancy/nursing); a
    death sentence with a 2-year reprieve not yet commuted is not among them (M1990 Art 3(1)
    said so expressly) → INELIGIBLE. Without sentence facts no sentence rule can run →
    NEEDS_DATA.
    """
    if profile.sentence is None:
        return _result(
            "EL-01",
            Outcome.NEEDS_DATA,
            "P2014 Arts 5, 7",
            _(
                "The sentence is missing: record its type, term, start of execution and "
                "commutations."
            ),
        )
    if _current(profile, on) is SentenceType.DEATH_REPRIEVE:
        return _result(
            "EL-01",
            Outcome.INELIGIBLE,
            _ART_EL01,
            _(
                "A death sentence with reprieve that has not been commuted gives no ground for "
                "temporary execution outside prison."
            ),
        )
    return None


def el_02_life_sentence_medical_or_self_care(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-02. P2014 Art 5 ¶2; CPL Art 265 ¶2: a prisoner sentenced to life imprisonment "may be
    temporarily executed outside prison under the circumstances of item (2)" (pregnancy or
    nursing) only; the medical and self-care grounds are not open to him → INELIGIBLE for those
    grounds (including death with reprieve commuted to life but not yet to a fixed term).
    """
    ground = _ground(profile, ART_6_GROUNDS)
    if ground is None or _current(profile, on) is not SentenceType.LIFE:
        return None
    return _result(
        "EL-02",
        Outcome.INELIGIBLE,
        "P2014 Art 5 ¶2; CPL Art 265 ¶2",
        _(
            "A prisoner serving life imprisonment can be considered only while pregnant or "
            "nursing her own baby, not for illness or inability to take care of oneself."
        ),
        ground=ground,
    )


def el_03_life_sentence_pregnancy_or_nursing(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-03. P2014 Art 5 ¶2: "A criminal sentenced to life imprisonment may be temporarily
    executed outside prison under the circumstances specified in item (2)" (pregnant or
    nursing women) → no further sentence bar.
    """
    ground = _ground(profile, _FEMALE_GROUNDS)
    if ground is None or _current(profile, on) is not SentenceType.LIFE:
        return None
    return _result(
        "EL-03",
        Outcome.ELIGIBLE,
        "P2014 Art 5 ¶2",
        _("Life imprisonment does not bar the pregnancy or nursing ground."),
        ground=ground,
    )


def el_04_fixed_term_or_detention(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-04. P2014 Art 5 ¶1: "A criminal sentenced to fixed-term imprisonment, criminal
    detention or already commuted to fixed-term imprisonment" may rely on any of the three
    grounds → continue.
    """
    if _current(profile, on) not in (SentenceType.FIXED_TERM, SentenceType.CRIMINAL_DETENTION):
        return None
    return _result(
        "EL-04",
        Outcome.ELIGIBLE,
        "P2014 Art 5 ¶1",
        _("The sentence (fixed-term imprisonment or criminal detention) allows every ground."),
    )


_ART_EL05 = "P2014 Art 5 ¶1(1), Art 9 ¶1 and attachment; CPL Art 265 ¶4"


def el_05_medical_illness_in_catalogue(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-05. P2014 Art 5 ¶1(1): "suffering from a serious illness within the attached Scope of
    Serious Illnesses for medical parole and needing medical parole"; the list's chapeau adds
    "not cured after long treatment and seriously affecting his physical and mental health"
    (久治不愈，严重影响其身心健康); diagnosis by a designated hospital (Art 9 ¶1; CPL Art 265 ¶4).
    Not within the scope → INELIGIBLE for the medical ground; unknown → NEEDS_DATA; an item of
    the repealed 1990 list cannot be used for a new case (§6).
    """
    if Ground.MEDICAL not in profile.grounds:
        return None
    ground = Ground.MEDICAL
    diagnosis = profile.diagnosis
    if diagnosis is None:
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            _("The diagnosis of the designated hospital is missing."),
            ground=ground,
        )
    entry = by_code(diagnosis.catalogue_item) if diagnosis.catalogue_item else None
    if entry is not None and entry.version == "1990":
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            format_lazy(
                _(
                    "The diagnosis cites item {code} of the repealed 1990 list; choose the item "
                    "of the 2014 Scope of Serious Illnesses."
                ),
                code=entry.code,
            ),
            ground=ground,
        )
    within = _in_catalogue(diagnosis)
    if within is None:
        return _result(
            "EL-05",
            Outcome.NEEDS_DATA,
            _ART_EL05,
            _(
                "Record whether the illness is within the 2014 Scope of Serious Illnesses "
                "(and which item)."
            ),
            ground=ground,
        )
    if not within:
        return _result(
            "EL-05",
            Outcome.INELIGIBLE,
            _ART_EL05,
            _(
                "The illness is not within the 2014 Scope of Serious Illnesses: the medical "
                "ground is not met."
            ),
            ground=ground,
        )
    item = diagnosis.catalogue_item or "—"
    if entry is not None and not entry.confirmed:
        message = format_lazy(
            _(
                "The illness is within the 2014 Scope of Serious Illnesses (item {code}). "
                "Warning: the text of this item is not confirmed; cite the source."
            ),
            code=item,
        )
    else:
        message = format_lazy(
            _("The illness is within the 2014 Scope of Serious Illnesses (item {code})."),
            code=item,
        )
    return _result("EL-05", Outcome.ELIGIBLE, _ART_EL05, message, ground=ground)


_ART_EL06 = "P2014 Art 5 ¶1(2), Art 9 ¶1; CPL Art 265 ¶1(2)"


def el_06_pregnant_or_nursing(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-06. P2014 Art 5 ¶1(2): "women who are pregnant or nursing their own babies"
    (怀孕或者正在哺乳自己婴儿的妇女); pregnancy confirmed by a designated-hospital examination
    (Art 9). The texts give no age limit for the baby (E-12: configurable, default none).
    """
    ground = _ground(profile, _FEMALE_GROUNDS)
    if ground is None:
        return None
    if profile.sex is None:
        return _result(
            "EL-06",
            Outcome.NEEDS_DATA,
            _ART_EL06,
            _("The offender's sex is missing."),
            ground=ground,
        )
    pregnancy = profile.pregnancy
    if ground is Ground.PREGNANT:
        confirmed = pregnancy.examination_confirmed if pregnancy else None
        if confirmed is None:
            return _result(
                "EL-06",
                Outcome.NEEDS_DATA,
                _ART_EL06,
                _("The designated hospital's pregnancy examination is missing."),
                ground=ground,
            )
        if not confirmed:
            return _result(
                "EL-06",
                Outcome.INELIGIBLE,
                _ART_EL06,
                _("The pregnancy examination did not confirm a pregnancy."),
                ground=ground,
            )
        return _result(
            "EL-06",
            Outcome.ELIGIBLE,
            _ART_EL06,
            _("The pregnancy is confirmed by a designated hospital."),
            ground=ground,
        )
    return _nursing(pregnancy, on, settings)


def _nursing(pregnancy: Pregnancy | None, on: dt.date, settings: RuleSettings) -> RuleResult:
    ground = Ground.NURSING
    infant_dob = pregnancy.infant_date_of_birth if pregnancy else None
    is_own = pregnancy.infant_is_own if pregnancy else None
    nursing = pregnancy.nursing if pregnancy else None
    missing: list[Message] = []
    if infant_dob is None:
        missing.append(_("the baby's date of birth"))
    if is_own is None:
        missing.append(_("whether the baby is her own"))
    if nursing is None:
        missing.append(_("whether she is nursing the baby"))
    if is_own is False or nursing is False:
        return _result(
            "EL-06",
            Outcome.INELIGIBLE,
            _ART_EL06,
            _("The nursing ground needs a woman who is nursing her own baby."),
            ground=ground,
        )
    if missing:
        return _result(
            "EL-06",
            Outcome.NEEDS_DATA,
            _ART_EL06,
            format_lazy(_("Missing for the nursing ground: {missing}."), missing=_join(missing)),
            ground=ground,
        )
    limit = settings.nursing_infant_max_age_months
    if limit is not None and infant_dob is not None:
        end = month_period_end(infant_dob, limit)
        if on > end:
            return _result(
                "EL-06",
                Outcome.INELIGIBLE,
                _ART_EL06 + "; legal-spec E-12",
                format_lazy(
                    _("The configured nursing period of {months} months ended on {date}."),
                    months=limit,
                    date=_iso(end),
                ),
                ground=ground,
            )
    return _result(
        "EL-06",
        Outcome.ELIGIBLE,
        _ART_EL06,
        _("She is nursing her own baby."),
        ground=ground,
    )


def el_07_self_care(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-07. P2014 Art 5 ¶1(3) ("life can not take care of themselves") as defined in Art 33;
    the substance is in EL-40 to EL-42. Without the identification (DOC-04) → NEEDS_DATA.
    """
    if Ground.SELF_CARE not in profile.grounds or profile.self_care is not None:
        return None
    return _result(
        "EL-07",
        Outcome.NEEDS_DATA,
        "P2014 Art 5 ¶1(3), Arts 9 ¶2, 33",
        _("The identification of inability to take care of oneself is missing."),
        ground=Ground.SELF_CARE,
    )
