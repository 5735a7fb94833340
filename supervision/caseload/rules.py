"""Pure predicates of the caseload (no database writes)."""

from __future__ import annotations

from kernel.accounts.models import User
from kernel.accounts.roles import OrganisationType

#: Who may read a juvenile's identity (CCL Art 54: kept confidential; E-31: role-based
#: masking): the community-correction institution (and the judicial office it entrusts) and
#: the judicial organs (courts and procuratorates). Everyone else sees the name masked.
JUVENILE_READERS = frozenset(
    {
        OrganisationType.COMMUNITY_CORRECTION,
        OrganisationType.JUDICIAL_OFFICE,
        OrganisationType.COURT,
        OrganisationType.PROCURATORATE,
    }
)


def juveniles_masked_for(user: User) -> bool:
    """True when a juvenile's name must be masked for this user (CCL Art 54)."""
    organisation = getattr(user, "organisation", None)
    return organisation is None or organisation.type not in JUVENILE_READERS


def name_masked(name: str) -> str:
    """The family name kept, the rest replaced: 张三丰 -> 张**."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name
