"""Who may see a case: the capacity in which an organisation takes part, and the roles that act
in that capacity (legal-spec §1.1). Selectors build every query from this one table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.accounts.roles import (
    APPROVING_ROLES,
    COURT_ROLES,
    CUSTODY_ROLES,
    EXECUTING_PUBLIC_SECURITY_ROLES,
    INVESTIGATING_ROLES,
    Role,
)


class Capacity(models.TextChoices):
    INSTITUTION = "institution", _("Prison or detention centre holding the offender")
    DECISION_ORGAN = "decision_organ", _("Deciding or approving organ")
    PROCURATORATE = "procuratorate", _("Supervising procuratorate")
    DECISION_PROCURATORATE = (
        "decision_procuratorate",
        _("Procuratorate at the deciding organ's level"),
    )
    ORIGINAL_COURT = "original_court", _("Original sentencing court")
    EXECUTING_CCI = "executing_cci", _("Community-correction institution of the residence")
    FILEHOLDER = "fileholder", _("Institution holding the file (cross-province)")
    RESIDENCE_AUTHORITY = (
        "residence_authority",
        _("Authority of the residence province (cross-province)"),
    )
    # Revocation and return to custody (P2014 Arts 23-26; CCL Art 49).
    JUDICIAL_ADMINISTRATION = (
        "judicial_administration",
        _("County judicial administration of the residence"),
    )
    RECEIVING_INSTITUTION = (
        "receiving_institution",
        _("Prison or detention centre taking the person back into custody"),
    )
    RECALCULATION_COURT = (
        "recalculation_court",
        _("Intermediate court ruling on the period not counted"),
    )
    # The institution entrusted with the investigation and evaluation (P2014 Art 8 ¶2; CCL
    # Art 18): it sees the request and records its opinion (issue 13).
    INVESTIGATION = (
        "investigation",
        _("Institution entrusted with the investigation and evaluation"),
    )
    # The public security organ executing bail or residential surveillance when the court
    # grants (P2014 Arts 18 ¶2, 19; CCL Art 21 ¶2): it receives the decision and hands over.
    EXECUTING_PUBLIC_SECURITY = (
        "bail_public_security",
        _("Public security organ executing bail or residential surveillance"),
    )
    # A designated hospital asked for a diagnosis, examination or identification (P2014 Arts 9,
    # 31; issue 13): it sees only its own requests, in its inbox, never the case itself, so the
    # capacity gives no role the case (see `CAPACITY_ROLES`).
    HOSPITAL = "hospital", _("Designated hospital asked for a diagnosis or examination")


CAPACITY_ROLES: dict[str, frozenset[str]] = {
    Capacity.INSTITUTION: CUSTODY_ROLES,
    Capacity.FILEHOLDER: CUSTODY_ROLES,
    Capacity.DECISION_ORGAN: APPROVING_ROLES | COURT_ROLES,
    Capacity.PROCURATORATE: frozenset({Role.PROCURATOR}),
    Capacity.DECISION_PROCURATORATE: frozenset({Role.PROCURATOR}),
    Capacity.ORIGINAL_COURT: COURT_ROLES,
    Capacity.EXECUTING_CCI: frozenset({Role.CORRECTION_OFFICER}),
    # Also the court of the execution place a proposal for imprisonment is sent to (CCL Art 49
    # ¶1; supervision.revocation): a court never takes part in the cross-province capacity.
    Capacity.RESIDENCE_AUTHORITY: APPROVING_ROLES | COURT_ROLES,
    Capacity.JUDICIAL_ADMINISTRATION: frozenset({Role.JUDICIAL_ADMIN_HEAD}),
    Capacity.RECEIVING_INSTITUTION: CUSTODY_ROLES,
    Capacity.RECALCULATION_COURT: COURT_ROLES,
    Capacity.INVESTIGATION: INVESTIGATING_ROLES,
    Capacity.EXECUTING_PUBLIC_SECURITY: EXECUTING_PUBLIC_SECURITY_ROLES,
    # No role: the hospital's liaison reads its requests through its inbox only.
    Capacity.HOSPITAL: frozenset(),
}

#: Every role that works on cases in some capacity.
CASE_ROLES: frozenset[str] = frozenset().union(*CAPACITY_ROLES.values())


def capacities_for_roles(roles: frozenset[str]) -> list[str]:
    return sorted(c for c, allowed in CAPACITY_ROLES.items() if allowed & roles)
