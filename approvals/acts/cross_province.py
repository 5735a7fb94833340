"""Cross-province residence (P2014 Art 20; legal-spec T-B11c, T-B11d), declared once:

- `cross_province_notify`: the deciding organ notifies the residence province in writing;
- `fileholder_designate`: the residence province designates one prison or detention centre to
  hold the file and tells the community-correction institution.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.choices import FILEHOLDER, choice_require, fileholder_choices
from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, CUSTODY_ROLES, Role
from kernel.notices.services import notice_send_to_role

from ..models import CrossProvinceTransfer
from ..services._common import _authority_of
from ..services.cross_province import (
    RESIDENCE_AUTHORITY_TYPE,
    case_institution,
    residence_province_authority,
)
from ..services.deliveries import residence_cci
from .deliveries import DECIDED_STATES

_ART_20 = "P2014 Art 20"


def _organ(case: Case, params: Params) -> Organisation | None:
    organ: Organisation | None = params.get("notified_organ") or residence_province_authority(case)
    return organ


def _notify_clean(case: Case, params: Params) -> None:
    if not CrossProvinceTransfer.required_for(case):
        raise ValidationError(_("The residence is in the province of the institution."))
    if hasattr(case, "cross_province"):
        raise ValidationError(_("The residence province has already been notified."))
    organ = _organ(case, params)
    if (
        organ is None
        or organ.region_code[:2] != case.offender.residence_region_code[:2]
        or organ.type != RESIDENCE_AUTHORITY_TYPE.get(case.path)
    ):
        raise ValidationError(
            _(
                "No authority of the residence province is configured (P2014 Art 20): ask the "
                "system administrator to add it."
            )
        )


def _notified(firing: Firing) -> CrossProvinceTransfer:
    case = firing.case
    organ = _organ(case, firing.params)
    assert organ is not None, "clean refused a missing organ"
    transfer = CrossProvinceTransfer.objects.create(
        case=case, notified_organ=organ, notified_at=timezone.now(), notified_by=firing.actor
    )
    CaseParticipant.objects.get_or_create(
        case=case, organisation=organ, capacity=Capacity.RESIDENCE_AUTHORITY
    )
    firing.payload.update({"organ": organ.pk, "from": firing.organisation.pk})
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


def notified_authority_of(case: Case, actor: User) -> Organisation:
    """The authority of the residence province the deciding organ notified (Art 20)."""
    transfer = getattr(case, "cross_province", None)
    if (
        transfer is None
        or transfer.notified_organ_id != actor.organisation_id
        or not (actor.role_codes & APPROVING_ROLES)
    ):
        raise PermissionDenied(
            _("Only the notified authority of the residence province designates the file holder.")
        )
    organ: Organisation = transfer.notified_organ
    return organ


def _designate_clean(case: Case, params: Params) -> None:
    transfer = CrossProvinceTransfer.objects.get(case=case)
    if transfer.fileholder_id is not None:
        raise ValidationError(_("The institution holding the file is already designated."))
    choice_require(
        fileholder_choices(case, transfer.notified_organ), params.get("fileholder"), FILEHOLDER
    )


def _designated(firing: Firing) -> CrossProvinceTransfer:
    case = firing.case
    fileholder: Organisation = firing.params["fileholder"]
    transfer = CrossProvinceTransfer.objects.select_for_update().get(case=case)
    transfer.fileholder = fileholder
    transfer.designated_at = timezone.now()
    transfer.designated_by = firing.actor
    transfer.save()
    CaseParticipant.objects.get_or_create(
        case=case, organisation=fileholder, capacity=Capacity.FILEHOLDER
    )
    firing.payload["fileholder"] = fileholder.pk
    notices = [
        (fileholder.pk, list(CUSTODY_ROLES)),
        (case_institution(case).pk, list(CUSTODY_ROLES)),
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


class CrossProvinceParams(serializers.Serializer[Any]):
    notified_organ = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "The prison administration (or public security organ) of the residence province; "
            "by default the one configured for it."
        ),
    )


class FileholderParams(serializers.Serializer[Any]):
    fileholder = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        help_text="A prison or detention centre of the residence province.",
    )


class TransferResult(serializers.ModelSerializer[CrossProvinceTransfer]):
    class Meta:
        model = CrossProvinceTransfer
        fields = ["id", "case", "notified_organ", "notified_at", "fileholder", "designated_at"]


CROSS_PROVINCE_NOTIFY = Act(
    name="cross_province_notify",
    label=gettext_lazy("Notify the residence province"),
    article=_ART_20,
    may=_authority_of,
    states=frozenset({CaseState.APPROVED}),
    clean=_notify_clean,
    effects=_notified,
    audit="case.cross_province_notified",
    params=CrossProvinceParams,
    result=TransferResult,
    example={},
)

FILEHOLDER_DESIGNATE = Act(
    name="fileholder_designate",
    label=gettext_lazy("Designate the institution holding the file"),
    article=_ART_20,
    may=notified_authority_of,
    states=DECIDED_STATES,
    clean=_designate_clean,
    effects=_designated,
    audit="case.fileholder_designated",
    params=FileholderParams,
    result=TransferResult,
    example={"fileholder": 15},
)

acts_register([CROSS_PROVINCE_NOTIFY, FILEHOLDER_DESIGNATE])
