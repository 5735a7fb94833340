"""The public security organ executing bail or residential surveillance on the court path
(P2014 Arts 18 ¶2, 19; CCL Art 21 ¶2; SPC-Interp Art 515 ¶5; legal-spec T-A06, D-14; issue 13).

The court names that organ when it opens the case (`CourtProceeding.executing_organ`, chosen
among the public security organs of the court's area: `cases.choices.EXECUTING_ORGAN`). When
the court grants temporary execution outside prison, the organ takes part in the case in the
capacity `Capacity.EXECUTING_PUBLIC_SECURITY` and is told: its officers record their receipt
of the decision (which opens D-14, `approvals.acts.deliveries`) and then the hand-over to the
community-correction institution (`supervision.acts.PUBLIC_SECURITY_HAND_OVER_RECORD`), which
meets D-14 and tells the institution to register the reception.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.jurisdiction import Capacity
from cases.models import Case, CaseParticipant
from kernel.accounts.models import Organisation
from kernel.accounts.roles import EXECUTING_PUBLIC_SECURITY_ROLES
from kernel.notices.services import notice_send_to_role

from ..models import CourtProceeding


def bail_executing_organ(case: Case) -> Organisation | None:
    """The public security organ executing the defendant's bail or residential surveillance,
    if the case is a court case whose defendant is not detained."""
    proceeding: CourtProceeding | None = getattr(case, "court_proceeding", None)
    if (
        not case.on_court_path
        or proceeding is None
        or proceeding.custody == CourtProceeding.Custody.DETAINED
    ):
        return None
    organ: Organisation = proceeding.executing_organ
    return organ


def executing_public_security_engage(case: Case, *, decision_number: str) -> None:
    """The court granted: the organ executing the bail or residential surveillance takes part
    in the case and is told to record its receipt and hand over within 10 days of it."""
    organ = bail_executing_organ(case)
    if organ is None:
        return
    CaseParticipant.objects.get_or_create(
        case=case, organisation=organ, capacity=Capacity.EXECUTING_PUBLIC_SECURITY
    )
    notice_send_to_role(
        organisation_id=organ.pk,
        roles=list(EXECUTING_PUBLIC_SECURITY_ROLES),
        key=f"bail-hand-over:{case.pk}:{organ.pk}",
        subject=_(
            "The court grants temporary execution outside prison (%(number)s): hand %(name)s "
            "over to community correction within 10 days of receiving the decision"
        )
        % {"number": decision_number, "name": case.offender.name},
        body=_(
            "P2014 Art 19; CCL Art 21 ¶2: record the receipt of the decision, then the hand-over."
        ),
        link=reverse("supervision:release", args=[case.pk]),
        severity="warning",
    )
