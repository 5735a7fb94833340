"""T-A03: the investigation and evaluation the court may entrust before it decides (CCL Art 18;
legal-spec §3.3 T-A03, DOC-07a/b).

The court (a judge or court clerk of the case's court) entrusts the community-correction
institution or the county judicial administration of the defendant's residence during its
assessment, before it seeks the procuratorate's opinion (T-A03 comes between T-A02 and T-A04).
The entrusted institution sees the request on its own screen, not the court's case file: its
correction officers file the opinion there. A judicial administration has no users here, so
the court records an opinion that reached it on paper, as it records proofs of service. Once
entrusted, the court decides with the opinion in hand (`court_decision_missing`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from cases.acts.runner import act_run
from cases.choices import ChoiceRule, investigation_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES, Role

from .models import CourtInvestigation

ART_CCL_18 = "CCL Art 18"
#: T-A03 leaves the assessment (A2) for the optional investigation (A3) before T-A04.
ENTRUSTING_STATES = frozenset({CaseState.ASSESSMENT, CaseState.ASSESSED})
#: Who files the opinion for the entrusted institution.
REPORTING_ROLES = frozenset({Role.CORRECTION_OFFICER})

#: The lawful institutions are those of `cases.choices.investigation_choices` (the judicial
#: administration or community-correction institution of the residence or habitual
#: residence); on the court path the article is CCL Art 18 alone.
COURT_INVESTIGATION = ChoiceRule(
    ART_CCL_18,
    gettext_lazy(
        "Entrust the community-correction institution or the county judicial administration "
        "of the defendant's residence"
    ),
)


def court_investigation_choices(case: Case) -> QuerySet[Organisation]:
    return investigation_choices(case)


# Reads scoped to the user.


def court_investigation_list_for_user(*, user: User) -> QuerySet[CourtInvestigation]:
    """The investigations entrusted to the user's institution, for its correction officers."""
    if not (user.role_codes & REPORTING_ROLES) or user.organisation_id is None:
        return CourtInvestigation.objects.none()
    return CourtInvestigation.objects.filter(entrusted_to_id=user.organisation_id).select_related(
        "case__offender", "case__court_proceeding__court", "entrusted_to"
    )


def _is_court_staff(case: Case, user: User) -> bool:
    organs = [p for p in case.participants.all() if p.capacity == Capacity.DECISION_ORGAN]
    court = organs[0].organisation_id if organs else None
    return bool(user.role_codes & COURT_ROLES) and court == user.organisation_id


def court_investigation_get_for_user(*, user: User, case_pk: int) -> CourtInvestigation:
    """The investigation of a court case, for the entrusted institution's officers and the
    case's court; nobody else learns it exists (404)."""
    investigation = (
        CourtInvestigation.objects.select_related(
            "case__offender", "case__court_proceeding__court", "entrusted_to"
        )
        .prefetch_related("case__participants")
        .filter(case_id=case_pk)
        .first()
    )
    if investigation is None:
        raise Http404
    entrusted = (
        bool(user.role_codes & REPORTING_ROLES)
        and investigation.entrusted_to_id == user.organisation_id
    )
    if not (entrusted or _is_court_staff(investigation.case, user)):
        raise Http404
    return investigation


# T-A03: entrust.


def court_investigation_entrust(
    *,
    case_id: int,
    actor: User,
    expected_state: str | None,
    entrusted_to: Organisation,
    request: str,
    entrusted_on: dt.date | None = None,
) -> CourtInvestigation:
    """DOC-07a: the court entrusts the investigation and evaluation of the defendant's social
    danger and impact on the community of residence (CCL Art 18), during its assessment and
    before the execution documents are served (P2014 Art 18 ¶1)."""
    from .court_acts import COURT_INVESTIGATION_ENTRUST

    investigation: CourtInvestigation = act_run(
        COURT_INVESTIGATION_ENTRUST,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        entrusted_to=entrusted_to,
        request=request,
        entrusted_on=entrusted_on,
    )
    return investigation


def investigation_url(case_pk: int) -> str:
    from django.urls import reverse

    return reverse("approvals:court_investigation", args=[case_pk])


# DOC-07b: the opinion.


def court_investigation_report(
    *,
    case_id: int,
    actor: User,
    opinion: str,
    opinion_on: dt.date,
    expected_state: str | None = None,
) -> CourtInvestigation:
    """The entrusted institution's investigation and evaluation opinion (DOC-07b, CCL Art 18):
    filed by one of its correction officers, or recorded by the court when it arrived on
    paper. The court is told; it decides with the opinion in hand."""
    from .court_acts import COURT_INVESTIGATION_REPORT

    investigation: CourtInvestigation = act_run(
        COURT_INVESTIGATION_REPORT,
        case_id=case_id,
        actor=actor,
        expected_state=expected_state,
        opinion=opinion,
        opinion_on=opinion_on,
    )
    return investigation
