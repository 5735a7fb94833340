"""Delivery of the decision and its receipts (P2014 Art 14; CCL Arts 20-21; legal-spec T-B11,
D-05/D-06, D-12, D-13a/b, D-10, D-14): the residence lookups that name the recipients (CCL
Art 17) and the named call of the receipt act (`approvals.acts.deliveries`)."""

from __future__ import annotations

import datetime as dt

from cases.acts.registry import ACTS
from cases.acts.runner import act_run
from cases.models import Case
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType

from ..models import Delivery
from ._common import case_of


def residence_cci(case: Case) -> Organisation | None:
    """The community-correction institution of the place of execution (CCL Art 17): the
    county institution of the residence region."""
    return Organisation.objects.filter(
        type=OrganisationType.COMMUNITY_CORRECTION,
        region_code=case.offender.residence_region_code,
        is_active=True,
    ).first()


def _residence_public_security(case: Case) -> Organisation | None:
    return Organisation.objects.filter(
        type=OrganisationType.COUNTY_PUBLIC_SECURITY,
        region_code=case.offender.residence_region_code,
        is_active=True,
    ).first()


def delivery_receipt_record(
    *, delivery_id: int, actor: User, received_at: dt.datetime | None = None
) -> Delivery:
    """Record the recipient's receipt: the act `delivery_receipt_record`
    (`approvals.acts.deliveries`), the one entry point whichever page or the API records it,
    on the case of the delivery."""
    delivery: Delivery = act_run(
        ACTS["delivery_receipt_record"],
        case_id=case_of(Delivery.objects.filter(pk=delivery_id), "decision__case_id"),
        actor=actor,
        expected_state=None,
        delivery_id=delivery_id,
        received_at=received_at,
    )
    return delivery
