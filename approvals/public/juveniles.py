"""Juveniles are never published (legal-spec E-31; CCL Arts 52-58; CL Art 100 ¶2 spirit).

A case counts as a juvenile's when the person was, or may be shown to have been, under 18 at
the time of the offence:

* any eligibility assessment of the case recorded `juvenile_at_offence` = true (the fact the
  clerk states, E-09 "offence" setting); or
* the person was under 18 when the sentence began to be executed (born less than 18 years
  before `Sentence.execution_start`): the offence came before that day, so they were a minor
  then too. This also covers the E-09 "application" setting (under 18 at the assessment).

Any single record is enough: a later assessment saying "adult" never brings a case back into
publication. The test is one SQL subquery, so every public output filters by it at no cost
per row.
"""

from __future__ import annotations

from django.db.models import DateField, Exists, F, Func, OuterRef, Q, QuerySet

from cases.models import Case, EligibilityAssessment


class _EighteenYearsBefore(Func):
    """PostgreSQL: the date 18 years before the expression (birthdays, CL Art 17)."""

    template = "((%(expressions)s - interval '18 years')::date)"
    output_field = DateField()


def juvenile_q() -> Q:
    """The condition, on `Case`, that the case is a juvenile's (see the module docstring)."""
    stated = Exists(
        EligibilityAssessment.objects.filter(
            case=OuterRef("pk"), inputs__facts__juvenile_at_offence=True
        )
    )
    under_18_at_execution = Q(
        offender__date_of_birth__gt=_EighteenYearsBefore(F("sentence__execution_start"))
    )
    return Q(stated) | under_18_at_execution


def juvenile_cases() -> QuerySet[Case]:
    """The juveniles' cases, as a subquery for `…__in=`."""
    cases: QuerySet[Case] = Case.objects.filter(juvenile_q()).values("pk")
    return cases


def case_is_juvenile(case: Case) -> bool:
    found: bool = Case.objects.filter(juvenile_q(), pk=case.pk).exists()
    return found
