"""Cross-province residence (P2014 Art 20; legal-spec T-B11c, T-B11d): the deciding organ
notifies the residence province, which designates the institution holding the file."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import FILEHOLDER, choice_require, fileholder_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState
from cases.rules import Requirement
from cases.services.workflow import TransitionRefused, case_lock_for_update
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, OrganisationType, Role
from kernel.audit.services import audit_record
from kernel.notices.services import notice_send_to_role

from ..models import CrossProvinceTransfer
from ._common import _authority_of
from .deliveries import residence_cci

_RESIDENCE_AUTHORITY_TYPE = {
    "B": OrganisationType.PRISON_ADMINISTRATION,
    "C": OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
}


def residence_province_authority(case: Case) -> Organisation | None:
    """The prison administration (or public security detention management) of the residence
    province, which designates the institution holding the file."""
    province = case.offender.residence_region_code[:2]
    return (
        Organisation.objects.filter(
            type=_RESIDENCE_AUTHORITY_TYPE.get(case.path, ""),
            region_code__startswith=province,
            is_active=True,
        )
        .order_by("region_code")
        .first()
    )


@transaction.atomic
def cross_province_notify(
    *, case_id: int, actor: User, notified_organ: Organisation | None = None
) -> CrossProvinceTransfer:
    """T-B11c: the deciding organ notifies the residence province in writing (Art 20)."""
    case = case_lock_for_update(case_id, None)
    authority = _authority_of(case, actor)
    if not CrossProvinceTransfer.required_for(case):
        raise ValidationError(_("The residence is in the province of the institution."))
    if case.state != CaseState.APPROVED:
        raise TransitionRefused(
            [
                Requirement(
                    "P2014 Art 20", _("Only an approved case is notified to another province.")
                )
            ]
        )
    if hasattr(case, "cross_province"):
        raise ValidationError(_("The residence province has already been notified."))
    organ = notified_organ or residence_province_authority(case)
    province = case.offender.residence_region_code[:2]
    if (
        organ is None
        or organ.region_code[:2] != province
        or organ.type != _RESIDENCE_AUTHORITY_TYPE.get(case.path)
    ):
        raise ValidationError(
            _(
                "No authority of the residence province is configured (P2014 Art 20): ask the "
                "system administrator to add it."
            )
        )
    transfer = CrossProvinceTransfer.objects.create(
        case=case, notified_organ=organ, notified_at=timezone.now(), notified_by=actor
    )
    CaseParticipant.objects.get_or_create(
        case=case, organisation=organ, capacity=Capacity.RESIDENCE_AUTHORITY
    )
    audit_record(
        actor=actor,
        action="case.cross_province_notified",
        obj=case,
        payload={"organ": organ.pk, "from": authority.pk},
    )
    notice_send_to_role(
        organisation_id=organ.pk,
        roles=list(APPROVING_ROLES),
        key=f"xprov:{case.pk}",
        subject=_(
            "Cross-province execution: designate the institution holding the file of %(case)s"
        )
        % {"case": case.number},
        body=_("P2014 Art 20: the residence is in your province."),
        link=case.get_absolute_url(),
        severity="warning",
    )
    return transfer


@transaction.atomic
def fileholder_designate(
    *, case_id: int, actor: User, fileholder: Organisation
) -> CrossProvinceTransfer:
    """T-B11d: the residence province designates one prison or detention centre to hold the
    file; it notifies the community-correction institution in writing (Art 20)."""
    case = case_lock_for_update(case_id, None)
    transfer = CrossProvinceTransfer.objects.select_for_update().filter(case=case).first()
    if (
        transfer is None
        or transfer.notified_organ_id != actor.organisation_id
        or not (actor.role_codes & APPROVING_ROLES)
    ):
        raise PermissionDenied(
            _("Only the notified authority of the residence province designates the file holder.")
        )
    if transfer.fileholder_id is not None:
        raise ValidationError(_("The institution holding the file is already designated."))
    choice_require(fileholder_choices(case, transfer.notified_organ), fileholder, FILEHOLDER)
    transfer.fileholder = fileholder
    transfer.designated_at = timezone.now()
    transfer.designated_by = actor
    transfer.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=fileholder, capacity=Capacity.FILEHOLDER
    )
    audit_record(
        actor=actor,
        action="case.fileholder_designated",
        obj=case,
        payload={"fileholder": fileholder.pk},
    )
    notices = [
        (fileholder.pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
        (case_institution(case).pk, [Role.PRISON_CLERK, Role.PRISON_LEADER]),
    ]
    cci = residence_cci(case)
    if cci is not None:
        notices.append((cci.pk, [Role.CORRECTION_OFFICER]))
    for organisation_id, roles in notices:
        notice_send_to_role(
            organisation_id=organisation_id,
            roles=roles,
            key=f"fileholder:{case.pk}:{organisation_id}",
            subject=_("%(org)s holds the file of %(case)s (P2014 Art 20)")
            % {"org": fileholder, "case": case.number},
            link=case.get_absolute_url(),
        )
    return transfer


def case_institution(case: Case) -> Organisation:
    institution = case.participant(Capacity.INSTITUTION)
    assert institution is not None, "registration makes the institution a participant"
    return institution
