"""Reads on the court path, scoped to the user (house style: selectors own visibility): the
defendants a court judged, the organs that may hold or supervise them, and the statutory
clocks the court page shows. The entrusted investigation's reads are in `.investigation`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from cases.choices import court_executing_organ_choices
from cases.models import Case, Offender
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import COURT_ROLES
from kernel.deadlines.models import Deadline
from kernel.deadlines.selectors import deadlines_of


def court_offender_list_for_user(*, user: User) -> QuerySet[Offender]:
    """Defendants whose current judgment was given by the user's court."""
    if not (user.role_codes & COURT_ROLES) or user.organisation_id is None:
        return Offender.objects.none()
    return (
        Offender.objects.filter(
            sentences__is_current=True, sentences__sentencing_court_id=user.organisation_id
        )
        .select_related("custodian")
        .distinct()
    )


def court_offender_get_for_user(*, user: User, pk: int) -> Offender:
    offender = court_offender_list_for_user(user=user).filter(pk=pk).first()
    if offender is None:
        raise Http404
    return offender


def court_executing_organs(court: Organisation | None) -> QuerySet[Organisation]:
    """Organisations that may hold or supervise the court's defendant (Art 18 ¶2-3): those
    of the court's own area (`cases.choices`)."""
    return court_executing_organ_choices(court).order_by("type", "name")


#: The court's own clocks, shown on its page: its decision window (D-08), the service of the
#: grant (D-12), the notice and documents to the community-correction institution (D-13a/b)
#: and the hand-over by the detention centre or public security organ (D-14).
COURT_CLOCKS = ("D-08", "D-12", "D-13a", "D-13b", "D-14")


def court_clocks(case: Case) -> QuerySet[Deadline]:
    """The statutory clocks of a court case the court page shows (one query)."""
    return (
        deadlines_of(case, kinds=COURT_CLOCKS)
        .select_related("responsible_organisation")
        .order_by("kind", "id")
    )
