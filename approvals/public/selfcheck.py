"""The families' self-check (issue 14, seed 000): a guide and a short questionnaire.

Nothing is stored: the questionnaire is a GET form whose answers build a throw-away
`cases.eligibility.Profile` for the eligibility engine (`cases.eligibility.assess`), so the
answer follows exactly the rules the clerks' assessment applies (Art 5 grounds, Art 6
exclusions, Art 7 time served with its own arithmetic). Only the rules a family can answer
for are shown; the others (certificate formalities, residence check, decision organ) are the
prison's work and are named as "what happens next".

The steps and their lengths come from the deadline kinds (`kernel.deadlines.kinds.KINDS`), so
the page never disagrees with the clocks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases import eligibility as engine
from cases.sentence import SentenceFacts, SentenceType, Term
from kernel.deadlines.kinds import KINDS, DeadlineKind
from kernel.templatetags.legal import cite
from kernel.workcalendar.clock import Unit

#: The rules a family can answer for (legal-spec §2.3 A, B, D and the guarantor, EL-50).
SELF_CHECK_RULES = frozenset(
    {
        "EL-01",
        "EL-02",
        "EL-03",
        "EL-04",
        "EL-05",
        "EL-06",
        "EL-07",
        "EL-10",
        "EL-11a",
        "EL-11b",
        "EL-30",
        "EL-30b",
        "EL-30c",
        "EL-31",
        "EL-32",
        "EL-50",
    }
)

_TRISTATE = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("Not known yet"))]
_EARLIEST_START = dt.date(1950, 1, 1)


def _tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class SelfCheckForm(forms.Form):
    """The questionnaire (GET). Every field is bounded; nothing is saved."""

    ground = forms.ChoiceField(
        label=_("Why should the person be released for a time?"),
        choices=[
            (engine.Ground.MEDICAL.value, _("A serious illness (medical parole)")),
            (engine.Ground.PREGNANT.value, _("She is pregnant")),
            (engine.Ground.NURSING.value, _("She is nursing her own baby")),
            (engine.Ground.SELF_CARE.value, _("The person cannot take care of themselves")),
        ],
    )
    sentence_type = forms.ChoiceField(
        label=_("Sentence in the judgment"),
        choices=[
            (SentenceType.FIXED_TERM.value, _("Fixed-term imprisonment")),
            (SentenceType.CRIMINAL_DETENTION.value, _("Criminal detention")),
            (SentenceType.LIFE.value, _("Life imprisonment")),
            (SentenceType.DEATH_REPRIEVE.value, _("Death with reprieve")),
        ],
    )
    term_years = forms.IntegerField(
        label=_("Term: years"), min_value=0, max_value=25, required=False
    )
    term_months = forms.IntegerField(
        label=_("Term: months"), min_value=0, max_value=11, required=False
    )
    execution_start = forms.DateField(
        label=_("The term runs from (the start date written in the judgment)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    violent_or_recidivist = forms.ChoiceField(
        label=_(
            "Was the person sentenced as a recidivist, or for intentional homicide, rape, "
            "robbery, kidnapping, arson, explosion, release of dangerous substances or "
            "organised violent crime?"
        ),
        choices=_TRISTATE,
    )
    illness_in_catalogue = forms.ChoiceField(
        label=_("Is the illness in the official list of serious illnesses?"),
        choices=_TRISTATE,
        required=False,
    )
    short_term_life_danger = forms.ChoiceField(
        label=_("Did a doctor say the illness may endanger life in the short term?"),
        choices=_TRISTATE,
        required=False,
    )
    social_danger = forms.ChoiceField(
        label=_("Could release pose a danger to society?"), choices=_TRISTATE
    )
    self_injury = forms.ChoiceField(
        label=_("Did the person injure or mutilate themselves?"), choices=_TRISTATE
    )
    refuses_treatment = forms.ChoiceField(
        label=_("Does the person refuse to cooperate with treatment?"), choices=_TRISTATE
    )
    guarantor = forms.ChoiceField(
        label=_("Is there a guarantor who can look after the person?"), choices=_TRISTATE
    )
    juvenile = forms.ChoiceField(
        label=_("Was the person under 18 at the time of the offence?"), choices=_TRISTATE
    )
    aged_65 = forms.ChoiceField(label=_("Is the person 65 or older?"), choices=_TRISTATE)
    disabled = forms.ChoiceField(
        label=_("Does the person have a disability certificate?"), choices=_TRISTATE
    )

    def clean_execution_start(self) -> dt.date:
        start: dt.date = self.cleaned_data["execution_start"]
        if start > timezone.localdate():
            raise forms.ValidationError(_("The start of the term cannot be in the future."))
        if start < _EARLIEST_START:
            raise forms.ValidationError(_("The start of the term cannot be before 1950."))
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("sentence_type")
        fixed = kind in (SentenceType.FIXED_TERM.value, SentenceType.CRIMINAL_DETENTION.value)
        if fixed and not (data.get("term_years") or data.get("term_months")):
            self.add_error(
                "term_years",
                _("Give the length of a fixed-term or detention sentence (years or months)."),
            )
        return data


class Verdict(StrEnum):
    LIKELY = "likely"
    UNLIKELY = "unlikely"
    DEPENDS = "depends"


@dataclass(frozen=True)
class Answer:
    """The verdict, the findings behind it (the bars, or what it depends on) and all the
    findings of the rules a family can answer for."""

    verdict: Verdict
    deciding: tuple[engine.RuleResult, ...]
    results: tuple[engine.RuleResult, ...]
    until: dt.date | None = None
    note: str | Promise = ""


def _profile(data: dict[str, Any], on: dt.date) -> engine.Profile:
    """A throw-away profile from the answers. The age questions become a date of birth that
    gives the same answer (exactly 65 today, or an adult under 65), never shown or kept."""
    ground = engine.Ground(str(data["ground"]))
    kind = SentenceType(str(data["sentence_type"]))
    term = None
    if kind in (SentenceType.FIXED_TERM, SentenceType.CRIMINAL_DETENTION):
        term = Term(
            years=int(data.get("term_years") or 0), months=int(data.get("term_months") or 0)
        )
    aged_65 = _tristate(str(data["aged_65"]))
    born = None if aged_65 is None else on - relativedelta(years=65 if aged_65 else 40)
    violent = _tristate(str(data["violent_or_recidivist"]))
    medical = ground is engine.Ground.MEDICAL
    return engine.Profile(
        grounds=frozenset({ground}),
        sex="F" if ground in (engine.Ground.PREGNANT, engine.Ground.NURSING) else None,
        date_of_birth=born,
        sentence=SentenceFacts(
            original_type=kind,
            original_term=term,
            execution_start=data["execution_start"],
        ),
        juvenile_at_offence=_tristate(str(data["juvenile"])),
        disabled=_tristate(str(data["disabled"])),
        diagnosis=engine.Diagnosis(
            in_catalogue=_tristate(str(data.get("illness_in_catalogue") or "unknown")),
            short_term_life_danger=_tristate(str(data.get("short_term_life_danger") or "unknown")),
        )
        if medical
        else None,
        risk=engine.Risk(
            _tristate(str(data["social_danger"])),
            _tristate(str(data["self_injury"])),
            _tristate(str(data["refuses_treatment"])),
        ),
        # "Not known" is asked as the wider case: the Art 7 ¶1 threshold may apply.
        crimes=frozenset({engine.CrimeTag.RECIDIVIST}) if violent is not False else frozenset(),
        procedure=engine.Procedure(
            guarantor_confirmed=_tristate(str(data["guarantor"])) is True,
        ),
    )


_UNKNOWN_ART_7 = _(
    "Whether the person is a recidivist or was sentenced for one of the violent crimes listed "
    "above: if so, this applies:"
)


def self_check(data: dict[str, Any], on: dt.date | None = None) -> Answer:
    """The answer for cleaned questionnaire data. Raises ImpossibleProfile for facts that
    cannot exist (e.g. a term outside CL Arts 42, 45).

    When it is not known whether Art 7 ¶1 applies (recidivist or a listed violent crime), the
    profile is assessed as if it did: a time-served threshold not yet met then makes the
    answer depend on that fact rather than "unlikely"."""
    on = on or timezone.localdate()
    assessment = engine.assess(_profile(data, on), on=on)
    results = tuple(r for r in assessment.results if r.rule in SELF_CHECK_RULES)
    worst = engine.most_restrictive(r.outcome for r in results)

    def having(*outcomes: engine.Outcome) -> tuple[engine.RuleResult, ...]:
        return tuple(r for r in results if r.outcome in outcomes)

    if worst is engine.Outcome.INELIGIBLE:
        return Answer(Verdict.UNLIKELY, having(engine.Outcome.INELIGIBLE), results)
    if worst is engine.Outcome.INELIGIBLE_UNTIL:
        waiting = having(engine.Outcome.INELIGIBLE_UNTIL)
        if _tristate(str(data["violent_or_recidivist"])) is None:
            return Answer(Verdict.DEPENDS, waiting, results, note=_UNKNOWN_ART_7)
        until = max((r.until for r in waiting if r.until is not None), default=None)
        return Answer(Verdict.UNLIKELY, waiting, results, until=until)
    if worst in (engine.Outcome.NEEDS_DATA, engine.Outcome.NEEDS_DISCRETION):
        pending = having(engine.Outcome.NEEDS_DATA, engine.Outcome.NEEDS_DISCRETION)
        return Answer(Verdict.DEPENDS, pending, results)
    return Answer(Verdict.LIKELY, results, results)


_CODE_ASIDE = re.compile(r"\s*[（(](?:see |见)?EL-[^)）]*[)）]")
_CODE = re.compile(r"\bEL-\d+[a-z]?\b|(?<![A-Za-z])EL-\d+[a-z]?")


def finding_text(result: engine.RuleResult) -> str:
    """The engine's message for the public: no internal rule code. An aside naming rules is
    dropped; a rule named in the text becomes its article (the time-served rules are all
    P2014 Art 7 ¶1), in the reader's language."""
    text = _CODE_ASIDE.sub("", str(result.message))
    return _CODE.sub(lambda _m: cite("P2014 Art 7 ¶1"), text)


@dataclass(frozen=True)
class Step:
    title: str | Promise
    text: str | Promise
    article: str
    kind: DeadlineKind | None = None


_UNIT_TEXT = {
    Unit.WORKING_DAYS: _("%(n)s working days"),
    Unit.CALENDAR_DAYS: _("%(n)s days"),
    Unit.MONTHS: _("%(n)s months"),
    Unit.HOURS: _("%(n)s hours"),
}


def length_text(kind: DeadlineKind) -> str:
    return str(_UNIT_TEXT[kind.unit]) % {"n": kind.amount}


def steps() -> list[Step]:
    """What happens after an application, in order (prison path, P2014 Arts 8-14, 30; CCL
    Arts 20-21). A step with a clock shows the clock's own title, length and article."""
    return [
        Step(
            _("Application"),
            _(
                "The person, a close relative or the guardian applies in writing to the prison "
                "or detention centre; the prison may also start the procedure itself."
            ),
            "P2014 Art 8 ¶1",
        ),
        Step(
            _("Diagnosis, examination or identification"),
            _(
                "A hospital designated by the provincial government diagnoses the illness, "
                "examines the pregnancy or identifies the inability to take care of oneself; "
                "the procuratorate is informed and may attend."
            ),
            "P2014 Arts 8 ¶3, 9",
        ),
        Step(
            _("Guarantor (medical parole)"),
            _(
                "The person or the family proposes a guarantor; the prison examines the four "
                "conditions and the guarantor signs the letter of guarantee."
            ),
            "P2014 Arts 10, 11, 12",
        ),
        Step(
            _("Deliberation and publicity in the prison"),
            _(
                "The prison deliberates collectively, announces the proposal inside the prison "
                "and sends a copy of its written opinion to the procuratorate."
            ),
            "P2014 Arts 12, 13",
        ),
        Step(
            _("Opinion of the procuratorate"),
            _("The procuratorate may send its written opinion to the deciding organ."),
            KINDS["D-09"].article,
            KINDS["D-09"],
        ),
        Step(
            _("Decision"),
            _(
                "The prison administration (or the public security organ for a detention "
                "centre) decides to approve or not."
            ),
            KINDS["D-04"].article,
            KINDS["D-04"],
        ),
        Step(
            _("Delivery of the decision"),
            _("The decision is delivered to the prison; an approval is published on the Internet."),
            KINDS["D-05"].article,
            KINDS["D-05"],
        ),
        Step(
            _("Supervision by the procuratorate"),
            _("The procuratorate may object to the decision; the deciding organ re-examines it."),
            KINDS["D-10"].article,
            KINDS["D-10"],
        ),
        Step(
            _("Hand-over to community correction"),
            _(
                "The prison hands the person over to the community-correction institution of "
                "the place of residence."
            ),
            KINDS["D-14"].article,
            KINDS["D-14"],
        ),
        Step(
            _("Re-examination during medical parole"),
            _("The person is re-examined at a designated hospital regularly."),
            KINDS["D-15b"].article,
            KINDS["D-15b"],
        ),
    ]
