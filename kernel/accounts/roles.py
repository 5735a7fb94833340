"""Organisation types and user roles, with the legal actor codes of legal-spec §1.1."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """The actors of legal-spec §1.1 that are organisations."""

    PRISON = "PRISON", _("Prison")
    DETENTION_CENTRE = "DC", _("Detention centre")
    PRISON_ADMINISTRATION = "PAB", _("Provincial prison administration")
    MUNICIPAL_PUBLIC_SECURITY = "MPSB", _("Municipal public security bureau")
    COUNTY_PUBLIC_SECURITY = "CPSB", _("County public security bureau")
    COURT = "COURT", _("People's court")
    PROCURATORATE = "PROC", _("People's procuratorate")
    COMMUNITY_CORRECTION = "CCI", _("County community-correction institution")
    JUDICIAL_OFFICE = "JSO", _("Judicial office")
    JUDICIAL_ADMINISTRATION = "CJA", _("County judicial administration")
    DESIGNATED_HOSPITAL = "HOSP", _("Designated hospital")
    INVESTIGATION_ORGAN = "INV", _("Investigation organ")


class Level(models.TextChoices):
    COUNTY = "county", _("County level")
    CITY = "city", _("City level (city divided into districts)")
    PROVINCE = "province", _("Provincial level")
    NATIONAL = "national", _("National level")


class CourtLevel(models.TextChoices):
    """Court levels; the intermediate court rules on recalculated sentences (P2014 Art 26)."""

    BASIC = "basic", _("Basic people's court")
    INTERMEDIATE = "intermediate", _("Intermediate people's court")
    HIGH = "high", _("High people's court")
    SUPREME = "supreme", _("Supreme people's court")


class Role(models.TextChoices):
    PRISON_CLERK = "prison_clerk", _("Prison clerk")
    PRISON_LEADER = "prison_leader", _("Prison leader")
    APPROVER = "approver", _("Approver")
    APPROVING_HEAD = "approving_head", _("Head of the approving authority")
    PROCURATOR = "procurator", _("Procurator")
    CORRECTION_OFFICER = "correction_officer", _("Community-correction officer")
    COURT_CLERK = "court_clerk", _("Court clerk")
    JUDGE = "judge", _("Judge")
    HOSPITAL_LIAISON = "hospital_liaison", _("Hospital liaison")
    JUDICIAL_ADMIN_HEAD = (
        "judicial_admin_head",
        _("Head of the county judicial administration"),
    )
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    # The public security organ executing bail or residential surveillance on the court path
    # (P2014 Arts 18 ¶2, 19; CCL Art 21 ¶2): it receives the decision and hands over (issue 13).
    PUBLIC_SECURITY_OFFICER = "public_security_officer", _("Public security officer")


_T = OrganisationType

# Which organisation types a role may be held at. A procurator works at a procuratorate,
# never at a prison; refusing the mismatch keeps jurisdiction meaningful.
ROLE_ORGANISATION_TYPES: dict[str, frozenset[str]] = {
    Role.PRISON_CLERK: frozenset({_T.PRISON, _T.DETENTION_CENTRE}),
    Role.PRISON_LEADER: frozenset({_T.PRISON, _T.DETENTION_CENTRE}),
    Role.APPROVER: frozenset({_T.PRISON_ADMINISTRATION, _T.MUNICIPAL_PUBLIC_SECURITY}),
    Role.APPROVING_HEAD: frozenset({_T.PRISON_ADMINISTRATION, _T.MUNICIPAL_PUBLIC_SECURITY}),
    Role.PROCURATOR: frozenset({_T.PROCURATORATE}),
    Role.CORRECTION_OFFICER: frozenset({_T.COMMUNITY_CORRECTION, _T.JUDICIAL_OFFICE}),
    Role.COURT_CLERK: frozenset({_T.COURT}),
    Role.JUDGE: frozenset({_T.COURT}),
    Role.HOSPITAL_LIAISON: frozenset({_T.DESIGNATED_HOSPITAL}),
    Role.JUDICIAL_ADMIN_HEAD: frozenset({_T.JUDICIAL_ADMINISTRATION}),
    Role.SYSTEM_ADMIN: frozenset(_T.values),
    Role.PUBLIC_SECURITY_OFFICER: frozenset(
        {_T.COUNTY_PUBLIC_SECURITY, _T.MUNICIPAL_PUBLIC_SECURITY}
    ),
}

# Who decides, in law. One set per meaning; everything else (permissions, notices, deadline
# owners, menus) is built from these, never written out again.

#: The approving authority on the prison path (the prison administration bureau) and the
#: detention-centre path (the municipal public security bureau): it decides on the request
#: within 15 working days of receipt (P2014 Art 14). The approver drafts, the head signs.
APPROVING_ROLES = frozenset({Role.APPROVER, Role.APPROVING_HEAD})
#: The court's staff, when the court is the deciding organ on the court path (P2014 Arts 17-18)
#: or the original sentencing court: judges and clerks keep the file, record and serve.
COURT_ROLES = frozenset({Role.JUDGE, Role.COURT_CLERK})
#: Who takes the court's own decision on the court path (P2014 Art 18): a judge, not a clerk.
COURT_DECIDING_ROLES = frozenset({Role.JUDGE})

#: Who answers an entrusted investigation and evaluation (P2014 Art 8 ¶2; CCL Art 18): the
#: county judicial administration (its head) or the community-correction institution (its
#: officers) of the residence.
INVESTIGATING_ROLES = frozenset({Role.JUDICIAL_ADMIN_HEAD, Role.CORRECTION_OFFICER})

#: Roles that work on offenders held in custody at their institution.
CUSTODY_ROLES = frozenset({Role.PRISON_CLERK, Role.PRISON_LEADER})
#: Roles that may register offenders and sentences (a leader reviews, a clerk files).
OFFENDER_FILING_ROLES = frozenset({Role.PRISON_CLERK})

#: Who acts for the public security organ executing bail or residential surveillance on the
#: court path: it records its receipt of the court's decision and hands the person over to the
#: community-correction institution within 10 days (P2014 Art 19; CCL Art 21 ¶2; issue 13).
EXECUTING_PUBLIC_SECURITY_ROLES = frozenset({Role.PUBLIC_SECURITY_OFFICER})
