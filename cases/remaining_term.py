"""The remaining term as it stood on the day of the decision on temporary execution outside
prison (P2014 Art 24 ¶1; legal-spec D-18, E-06): a court's decision on imprisonment sends the
person to the detention centre when it was three months or less, otherwise to a prison.

Pure: `remaining_term_as_of(facts, on)` works on `cases.sentence.SentenceFacts`; the model
helper `remaining_term_at(sentence, on)` builds them from the rows. The result keeps every
number of the arithmetic (`RemainingTerm.basis`) so that a page can show it in the reader's
language (`remaining_term_explain`) long after the decision.

- "As it stood": commutations ruled after that day, and periods not counted that began after
  it, are left out (a later ruling does not move where the person goes back to).
- Three months (CPL Art 264 ¶2; CL Art 99 "以下" includes the number): the remaining term is
  three months or less when the last day of the sentence is no later than the last day of a
  three-month term beginning on the decision day (SPC-Interp Art 202 ¶2). Exactly three months
  goes to the detention centre; one day more to a prison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from kernel.counting import inclusive_days, term_end

from . import sentence as arithmetic

if TYPE_CHECKING:
    from .models import Sentence

#: The threshold of P2014 Art 24 ¶1 (legal-spec D-18), in months.
THRESHOLD_MONTHS = 3


@dataclass(frozen=True)
class RemainingTerm:
    on: dt.date
    expiry: dt.date | None
    days: int | None
    threshold_end: dt.date
    commutations: int
    non_counted_days: int

    @property
    def three_months_or_less(self) -> bool | None:
        """None while the sentence has no end (life, death with reprieve)."""
        if self.expiry is None:
            return None
        return self.expiry <= self.threshold_end

    @property
    def basis(self) -> dict[str, Any]:
        """Every number of the computation, for storing with the decision."""
        return {
            "on": self.on.isoformat(),
            "expiry": self.expiry.isoformat() if self.expiry else None,
            "days": self.days,
            "threshold_end": self.threshold_end.isoformat(),
            "commutations": self.commutations,
            "non_counted_days": self.non_counted_days,
            "three_months_or_less": self.three_months_or_less,
        }


def facts_as_of(facts: arithmetic.SentenceFacts, on: dt.date) -> arithmetic.SentenceFacts:
    """The sentence as it stood on `on`: later commutations and later periods left out."""
    return replace(
        facts,
        commutations=tuple(c for c in facts.commutations if c.ruling_date <= on),
        non_counted=tuple(p for p in facts.non_counted if p.first_day <= on),
    )


def remaining_term_as_of(facts: arithmetic.SentenceFacts, on: dt.date) -> RemainingTerm:
    """The remaining term on `on`, both days included, by the sentence as it stood then."""
    stood = facts_as_of(facts, on)
    expiry = arithmetic.expiry_date(stood)
    days = None if expiry is None else (0 if on > expiry else inclusive_days(on, expiry))
    return RemainingTerm(
        on=on,
        expiry=expiry,
        days=days,
        threshold_end=term_end(on, months=THRESHOLD_MONTHS),
        commutations=len(stood.commutations),
        non_counted_days=arithmetic.non_counted_days(stood),
    )


def remaining_term_at(sentence: Sentence | None, on: dt.date) -> RemainingTerm | None:
    """The model's sentence, as it stood on `on` (None without a sentence)."""
    if sentence is None:
        return None
    return remaining_term_as_of(sentence.facts(), on)


def remaining_term_explain(basis: dict[str, Any] | None) -> list[str]:
    """The arithmetic of a stored `RemainingTerm.basis`, line by line, in the reader's
    language."""
    if not basis:
        return []
    if basis.get("expiry") is None:
        return [
            _(
                "The sentence had no end date on %(on)s (life imprisonment or death with "
                "reprieve): no remaining term."
            )
            % {"on": basis["on"]}
        ]
    lines = [
        _("Decision on temporary execution outside prison: %(on)s.") % {"on": basis["on"]},
        _(
            "Last day of the sentence as it stood then: %(expiry)s (%(commutations)s "
            "commutation(s) ruled by then, %(non_counted)s day(s) not counted)."
        )
        % {
            "expiry": basis["expiry"],
            "commutations": basis["commutations"],
            "non_counted": basis["non_counted_days"],
        },
        _("Remaining term: %(on)s to %(expiry)s, both included = %(days)s day(s).")
        % {"on": basis["on"], "expiry": basis["expiry"], "days": basis["days"]},
        _("Three months from %(on)s end on %(end)s (SPC-Interp Art 202 ¶2).")
        % {"on": basis["on"], "end": basis["threshold_end"]},
    ]
    if basis["three_months_or_less"]:
        lines.append(
            _("%(expiry)s is not after %(end)s: three months or less (P2014 Art 24 ¶1).")
            % {"expiry": basis["expiry"], "end": basis["threshold_end"]}
        )
    else:
        lines.append(
            _("%(expiry)s is after %(end)s: more than three months (P2014 Art 24 ¶1).")
            % {"expiry": basis["expiry"], "end": basis["threshold_end"]}
        )
    return lines
