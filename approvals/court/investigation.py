"""T-A03: the investigation and evaluation the court may entrust before it decides (CCL Art 18;
legal-spec §3.3 T-A03, DOC-07a/b).

The court (a judge or court clerk of the case's court) entrusts the community-correction
institution or the county judicial administration of the defendant's residence during its
assessment, before it seeks the procuratorate's opinion (T-A03 comes between T-A02 and T-A04).
The entrusted institution sees the request on its own screen, not the court's case file: its
correction officers, or the county judicial administration's head, file the opinion there,
within the clock D-27 (a setting, legal-spec D-27). The court records an opinion that reached
it on paper, as it records proofs of service. Once
entrusted, the court decides with the opinion in hand (`.rules.court_decision_missing`).

This module holds what the investigation reads: the lawful institutions and the screens'
selectors. Entrusting and reporting are acts (`.acts`), called by name from `.services`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from cases.choices import investigation_choices
from cases.models import Case
from kernel.accounts.models import Organisation, User

from ..models import CourtInvestigation
from .rules import REPORTING_ROLES, is_court_staff, is_entrusted_officer


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
    if not (is_entrusted_officer(investigation, user) or is_court_staff(investigation.case, user)):
        raise Http404
    return investigation


def investigation_url(case_pk: int) -> str:
    from django.urls import reverse

    return reverse("approvals:court_investigation", args=[case_pk])
