"""Cross-province residence (P2014 Art 20; legal-spec T-B11c, T-B11d): the deciding organ
notifies the residence province, which designates the institution holding the file. The
residence lookups, and the named calls of the acts declared in `approvals.acts.cross_province`."""

from __future__ import annotations

from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.jurisdiction import Capacity
from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType

from ..models import CrossProvinceTransfer

RESIDENCE_AUTHORITY_TYPE = {
    "B": OrganisationType.PRISON_ADMINISTRATION,
    "C": OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
}


def residence_province_authority(case: Case) -> Organisation | None:
    """The prison administration (or public security detention management) of the residence
    province, which designates the institution holding the file."""
    province = case.offender.residence_region_code[:2]
    return (
        Organisation.objects.filter(
            type=RESIDENCE_AUTHORITY_TYPE.get(case.path, ""),
            region_code__startswith=province,
            is_active=True,
        )
        .order_by("region_code")
        .first()
    )


def cross_province_notify(
    *, case_id: int, actor: User, notified_organ: Organisation | None = None
) -> CrossProvinceTransfer:
    """T-B11c: the deciding organ notifies the residence province in writing (Art 20)."""
    transfer: CrossProvinceTransfer = act_run(
        ACTS["cross_province_notify"],
        case_id=case_id,
        actor=actor,
        expected_state=None,
        notified_organ=notified_organ,
    )
    return transfer


def fileholder_designate(
    *, case_id: int, actor: User, fileholder: Organisation
) -> CrossProvinceTransfer:
    """T-B11d: the residence province designates one prison or detention centre to hold the
    file; it notifies the community-correction institution in writing (Art 20)."""
    transfer: CrossProvinceTransfer = act_run(
        ACTS["fileholder_designate"],
        case_id=case_id,
        actor=actor,
        expected_state=None,
        fileholder=fileholder,
    )
    return transfer


def case_institution(case: Case) -> Organisation:
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
    return institution
