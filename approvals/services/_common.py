"""What the acts of the deciding organ share: who acts for it, by role and capacity."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import APPROVING_ROLES, COURT_ROLES


def _authority_of(case: Case, actor: User) -> Organisation:
    authority = case.participant(Capacity.DECISION_ORGAN)
    # On the court path the court is the deciding organ; its judges and clerks record receipts
    # (proofs of service) and re-examinations for it.
    roles = COURT_ROLES if case.path == "A" else APPROVING_ROLES
    if authority is None or authority.pk != actor.organisation_id or not (actor.role_codes & roles):
        raise PermissionDenied(_("Only the approving authority of this case can do this."))
    return authority
