"""D. Time-served thresholds (legal-spec §2.3 D; P2014 Art 7): EL-30 to EL-32.

Discretion is never automated (P2014 Art 7 ¶2-3, E-09): when a threshold is not yet met but
may be relaxed or disregarded, the result is NEEDS_DISCRETION and the unrelaxed date is still
shown; no reduction is ever computed."""

from __future__ import annotations

import datetime as dt

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.sentence import (
    SentenceFacts,
    SentenceType,
    current_type,
    one_third_served_date,
    seven_years_after_commutation_date,
)
from kernel.counting import at_least

from ._common import _birthday, _ground, _in_catalogue, _is_65_or_over, _iso, _join, _result
from .profile import Profile
from .results import RuleResult
from .settings import RuleSettings
from .vocabulary import ART_6_GROUNDS, ART_7_CRIMES, CrimeTag, Ground, Message, Outcome

_INDETERMINATE = frozenset({SentenceType.DEATH_REPRIEVE, SentenceType.LIFE})
#: "10 years or more" as a (months, days) span of `Term.span` (P2014 Art 7 ¶1; CL Art 99).
_TEN_YEARS = (120, 0)
_ADULT_AGE = 18  # E-09: juvenile = under 18


def one_third_may_apply(facts: SentenceFacts) -> bool:
    """Whether the one-third threshold of P2014 Art 7 ¶1 can concern this sentence at all: an
    original fixed term of 10 years or more (CL Art 99: inclusive). Whether it does also
    depends on the ground and the offence (`_s7`), which the sentence does not know."""
    term = facts.original_term
    return bool(
        facts.original_type is SentenceType.FIXED_TERM and term and at_least(term.span, _TEN_YEARS)
    )


def _s7(profile: Profile) -> bool:
    """Scope condition S7 of P2014 Art 7 ¶1: recidivist or one of the violent crimes."""
    return CrimeTag.RECIDIVIST in profile.crimes or bool(profile.crimes & ART_7_CRIMES)


def _threshold(profile: Profile, on: dt.date) -> tuple[str, dt.date] | None:
    """(rule, date the P2014 Art 7 ¶1 threshold is met) for this profile, if one applies."""
    facts = profile.sentence
    if facts is None or _ground(profile, ART_6_GROUNDS) is None or not _s7(profile):
        return None
    if facts.original_type in _INDETERMINATE:
        if current_type(facts, on) is not SentenceType.FIXED_TERM:
            return None  # not yet commuted to a fixed term: EL-01 / EL-02 bar the case
        date = seven_years_after_commutation_date(facts)
        return ("EL-30", date) if date is not None else None
    if one_third_may_apply(facts):
        date = one_third_served_date(facts)
        return ("EL-30b", date) if date is not None else None
    return None


def _unmet_threshold(profile: Profile, on: dt.date) -> tuple[str, dt.date] | None:
    threshold = _threshold(profile, on)
    if threshold is None or at_least(on, threshold[1]):
        return None
    return threshold


def _relaxation(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> tuple[list[Message], list[Message]]:
    """P2014 Art 7 ¶2 (E-09): (bases found, facts still unknown)."""
    bases: list[Message] = []
    unknown: list[Message] = []
    dob = profile.date_of_birth
    dob_unknown = dob is None
    if settings.juvenile_measured_at == "offence":
        juvenile = profile.juvenile_at_offence
        if juvenile is None:
            unknown.append(_("whether the offender was under 18 at the time of the offence"))
    else:
        juvenile = None if dob is None else on < _birthday(dob, _ADULT_AGE)
    if juvenile:
        bases.append(_("a juvenile"))
    if _is_65_or_over(profile, on):
        bases.append(_("aged 65 or over"))
    if dob_unknown:
        unknown.append(_("the date of birth"))
    if profile.disabled:
        bases.append(_("disabled"))
    elif profile.disabled is None:
        unknown.append(_("whether the offender is disabled (certificate or assessment)"))
    return bases, unknown


def _exemption(profile: Profile) -> bool | None:
    """P2014 Art 7 ¶3 (EL-32): listed illness with short-term danger to life; None if unknown."""
    diagnosis = profile.diagnosis
    if Ground.MEDICAL not in profile.grounds or diagnosis is None:
        return False
    if not _in_catalogue(diagnosis):
        return False
    return diagnosis.short_term_life_danger


def _threshold_result(
    rule: str,
    article: str,
    date: dt.date,
    profile: Profile,
    on: dt.date,
    settings: RuleSettings,
    ground: Ground,
) -> RuleResult:
    """Met on `date` → ELIGIBLE; before: NEEDS_DISCRETION if Art 7 ¶2/¶3 may apply, else
    INELIGIBLE_UNTIL(date)."""
    if at_least(on, date):
        return _result(
            rule,
            Outcome.ELIGIBLE,
            article,
            format_lazy(_("The time-served threshold was met on {date}."), date=_iso(date)),
            ground=ground,
        )
    bases, _unknown = _relaxation(profile, on, settings)
    if bases or _exemption(profile):
        return _result(
            rule,
            Outcome.NEEDS_DISCRETION,
            article,
            format_lazy(
                _(
                    "The time-served threshold is met only on {date}; it may be relaxed or "
                    "disregarded by a reasoned decision (see EL-31 / EL-32)."
                ),
                date=_iso(date),
            ),
            ground=ground,
            until=date,
        )
    return _result(
        rule,
        Outcome.INELIGIBLE_UNTIL,
        article,
        format_lazy(_("The time-served threshold is met on {date}."), date=_iso(date)),
        ground=ground,
        until=date,
    )


_ART_EL30 = "P2014 Art 7 ¶1; CL Art 99; CPL Art 268 ¶3"
_ART_EL30B = "P2014 Art 7 ¶1; CL Arts 47, 99; CPL Art 268 ¶3"


def el_30_seven_years_after_commutation(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-30. P2014 Art 7 ¶1 (S7: recidivists, and intentional homicide, rape, robbery,
    kidnapping, arson, explosion, release of dangerous substances or organised violent crime,
    on the medical or self-care ground): an original sentence of death with reprieve or life
    imprisonment requires "seven years or more of fixed-term imprisonment served after
    commutation to fixed-term imprisonment" (E-07; CL Art 99 inclusive; non-counted periods
    of CPL Art 268 ¶3 extend it) → INELIGIBLE_UNTIL(date), or NEEDS_DISCRETION when EL-31 or
    EL-32 may apply.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    threshold = _threshold(profile, on)
    if ground is None or threshold is None or threshold[0] != "EL-30":
        return None
    return _threshold_result("EL-30", _ART_EL30, threshold[1], profile, on, settings, ground)


def el_30b_one_third_of_original_term(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-30b. P2014 Art 7 ¶1 (S7): "if the original sentence is fixed-term imprisonment of 10
    years or more, one third or more of the original sentence (原判刑期) shall have been
    executed" (E-08: ceil(original term in days / 3), custody credited, CL Arts 47, 99) →
    INELIGIBLE_UNTIL(date), or NEEDS_DISCRETION when EL-31 or EL-32 may apply.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    threshold = _threshold(profile, on)
    if ground is None or threshold is None or threshold[0] != "EL-30b":
        return None
    return _threshold_result("EL-30b", _ART_EL30B, threshold[1], profile, on, settings, ground)


def el_30c_no_threshold(profile: Profile, on: dt.date, settings: RuleSettings) -> RuleResult | None:
    """EL-30c. P2014 Art 7 ¶1 a contrario: under S7, an original fixed term under 10 years or
    criminal detention carries no time-served threshold → continue.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    facts = profile.sentence
    if ground is None or facts is None or not _s7(profile):
        return None
    term = facts.original_term
    short = (
        facts.original_type is SentenceType.FIXED_TERM
        and term is not None
        and not at_least(term.span, _TEN_YEARS)
    )
    if not (short or facts.original_type is SentenceType.CRIMINAL_DETENTION):
        return None
    return _result(
        "EL-30c",
        Outcome.ELIGIBLE,
        "P2014 Art 7 ¶1",
        _("An original fixed term under 10 years or criminal detention has no threshold."),
        ground=ground,
    )


def el_31_juvenile_elderly_disabled_discretion(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-31. P2014 Art 7 ¶2: "For juvenile criminals, criminals aged 65 or over and disabled
    criminals, the provisions of the preceding paragraph may be moderately relaxed" (可以适度
    从宽). No quantity is given: NEEDS_DISCRETION, a reasoned decision of the deliberating body;
    the system never computes a reduction (E-09). Unknown facts → NEEDS_DATA, unless EL-32
    already opens the discretion.
    """
    ground = _ground(profile, ART_6_GROUNDS)
    unmet = _unmet_threshold(profile, on)
    if ground is None or unmet is None:
        return None
    rule, date = unmet
    bases, unknown = _relaxation(profile, on, settings)
    if bases:
        return _result(
            "EL-31",
            Outcome.NEEDS_DISCRETION,
            "P2014 Art 7 ¶2",
            format_lazy(
                _(
                    "The offender is {bases}: the {rule} threshold (met on {date}) may be "
                    "moderately relaxed by a reasoned decision; no reduction is computed."
                ),
                bases=_join(bases),
                rule=rule,
                date=_iso(date),
            ),
            ground=ground,
            until=date,
        )
    if unknown and not _exemption(profile):
        return _result(
            "EL-31",
            Outcome.NEEDS_DATA,
            "P2014 Art 7 ¶2",
            format_lazy(
                _("To know whether the {rule} threshold may be relaxed, record: {missing}."),
                rule=rule,
                missing=_join(unknown),
            ),
            ground=ground,
            until=date,
        )
    return None


def el_32_short_term_life_danger_exemption(
    profile: Profile, on: dt.date, settings: RuleSettings
) -> RuleResult | None:
    """EL-32. P2014 Art 7 ¶3: "A criminal who suffers from a serious illness within the attached
    scope and whose life is in danger in the short term may not be subject to the restriction
    on the term executed in the first paragraph" (可以不受…限制) → NEEDS_DISCRETION. Unknown
    danger → NEEDS_DATA, unless EL-31 already opens the discretion.
    """
    if Ground.MEDICAL not in profile.grounds:
        return None
    unmet = _unmet_threshold(profile, on)
    if unmet is None:
        return None
    rule, date = unmet
    exemption = _exemption(profile)
    if exemption is None and not _relaxation(profile, on, settings)[0]:
        return _result(
            "EL-32",
            Outcome.NEEDS_DATA,
            "P2014 Art 7 ¶3",
            format_lazy(
                _(
                    "Record whether the diagnosis states a danger to life in the short term "
                    "(it may exempt from the {rule} threshold)."
                ),
                rule=rule,
            ),
            ground=Ground.MEDICAL,
            until=date,
        )
    if not exemption:
        return None
    return _result(
        "EL-32",
        Outcome.NEEDS_DISCRETION,
        "P2014 Art 7 ¶3",
        format_lazy(
            _(
                "The diagnosis states a danger to life in the short term: the {rule} threshold "
                "(met on {date}) may be disregarded by a reasoned decision."
            ),
            rule=rule,
            date=_iso(date),
        ),
        ground=Ground.MEDICAL,
        until=date,
    )
