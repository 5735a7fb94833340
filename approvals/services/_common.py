"""What the acts of the deciding organ share: who acts for it, by role and capacity, and the
case an act on one of its records is taken on."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES


def _authority_of(case: Case, actor: User) -> Organisation:
    authority = case.participant(Capacity.DECISION_ORGAN)
    # On the court path the court is the deciding organ; its judges and clerks record receipts
    # (proofs of service) and re-examinations for it.
    roles = COURT_ROLES if case.on_court_path else APPROVING_ROLES
    if authority is None or authority.pk != actor.organisation_id or not (actor.role_codes & roles):
        raise PermissionDenied(_("Only the approving authority of this case can do this."))
    return authority


def case_of(records: QuerySet[Any], field: str = "case_id") -> int:
    """The case an act on a record (an opinion, a delivery, an objection) is taken on: the act
    runs on that case and finds the record again among the case's own (404 otherwise)."""
    case_id = records.values_list(field, flat=True).first()
    if case_id is None:
        raise Http404
    return int(case_id)
