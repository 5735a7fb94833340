"""A juvenile's identity is confidential (CCL Art 54): the name and the identity number of a
person under supervision who is a juvenile (`Supervision.juvenile`) are shown only to the staff
of the executing community-correction institution and to the judicial organs (procuratorate,
court) that handle the case. Every page or document that shows a person under supervision asks
here first (`identity_visible`), or draws the masked name (`person_name_for`).
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from kernel.accounts.models import User
from kernel.accounts.roles import COURT_ROLES, OrganisationType, Role

from ..models import Supervision

#: Judicial organs (CCL Art 54: 司法机关办案需要) and the roles that act for them.
_JUDICIAL: dict[str, frozenset[str]] = {
    OrganisationType.PROCURATORATE: frozenset({Role.PROCURATOR}),
    OrganisationType.COURT: COURT_ROLES,
}


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    return relativedelta(day, date_of_birth).years


def is_juvenile(record: Supervision, on: dt.date | None = None) -> bool:
    """Marked juvenile at the plan's adoption (and kept after 18, CCL Art 58), or under 18
    today: before the plan is adopted the date of birth alone keeps the identity confidential."""
    if record.juvenile:
        return True
    return age_on(record.case.offender.date_of_birth, on or timezone.localdate()) < 18


def _province(region_code: str) -> str:
    return region_code[:2] if region_code else ""


def identity_visible(user: User, record: Supervision) -> bool:
    """May `user` see the name and identity number of the person of `record`?

    Adults: yes (the case's jurisdiction scoping decides who reaches the case at all).
    Juveniles (CCL Art 54): the executing CCI's staff; a procurator or a judge or court clerk
    whose procuratorate or court takes part in the case, or lies in the province of the
    executing CCI (the supervision of the execution there). Nobody else: not the prison that
    released the person, not the approving organ, not another province.
    """
    if not is_juvenile(record):
        return True
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return False
    if user.organisation_id == record.executing_cci_id:
        return True
    organisation = user.organisation
    if organisation is None:
        return False
    roles = _JUDICIAL.get(organisation.type)
    if roles is None or not user.role_codes & roles:
        return False
    case: Case = record.case
    if case.participants.filter(organisation_id=organisation.pk).exists():
        return True
    province = _province(record.executing_cci.region_code)
    return bool(province) and _province(organisation.region_code) == province


def person_name_for(user: User, record: Supervision) -> str:
    """The person's name, or the mask a viewer without the right sees (CCL Art 54)."""
    if identity_visible(user, record):
        return str(record.case.offender.name)
    return _("Juvenile (identity confidential)")


def id_number_for(user: User, record: Supervision) -> str:
    """The person's identity number, or the mask (CCL Art 54)."""
    if identity_visible(user, record):
        return str(record.case.offender.id_number)
    return "******************"
