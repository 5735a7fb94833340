"""Delivery of the decision and its receipts (P2014 Art 14; CCL Arts 20-21; legal-spec T-B11,
D-05/D-06, D-12, D-13a/b, D-10, D-14), and the residence lookups that name the recipients
(CCL Art 17)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CasePath
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import OrganisationType, Role
from kernel.audit.services import audit_record
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role

from ..models import Delivery
from ._common import _authority_of


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


@transaction.atomic
def delivery_receipt_record(
    *, delivery_id: int, actor: User, received_at: dt.datetime | None = None
) -> Delivery:
    """Record the recipient's receipt: the one entry point of this act, whichever page (the
    decision, the court case, the release page) or API calls it.

    The institution's receipt meets the 5-working-day delivery clock (D-05/D-06) and, on
    approval, starts the 10-day hand-over (D-14, CCL Art 21); on the court path the executing
    organ's receipt of the grant is its service, which meets D-12 (P2014 Art 18 ¶2). The
    community-correction institution's receipts meet D-13a/b (CCL Art 20); the
    procuratorate's starts its one month to object (D-10, P2014 Art 30; CPL Art 267)."""
    delivery = (
        Delivery.objects.select_for_update().select_related("decision__case").get(pk=delivery_id)
    )
    decision = delivery.decision
    if actor.organisation_id != delivery.recipient_id:
        _authority_of(decision.case, actor)
    if delivery.received_at is not None:
        raise ValidationError(_("The receipt is already recorded."))
    received_at = received_at or timezone.now()
    if received_at < delivery.sent_at:
        raise ValidationError(_("A document cannot be received before it was sent."))
    delivery.received_at = received_at
    delivery.save(update_fields=["received_at"])
    case = decision.case
    audit_record(
        actor=actor,
        action="decision.delivery_received",
        obj=case,
        payload={
            "delivery_id": delivery.pk,
            "purpose": delivery.purpose,
            "recipient": delivery.recipient_id,
        },
    )
    if delivery.purpose == Delivery.Purpose.INSTITUTION:
        deadline_meet(
            subject=case,
            code="D-05" if decision.approved else "D-06",
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
        if decision.approved and case.path == CasePath.COURT:
            # Art 18 ¶2: the court's decision is served within 7 days of the judgment taking
            # effect; the detention centre's (or public security organ's) receipt is that
            # service, whoever records it.
            deadline_meet(
                subject=case,
                code="D-12",
                event=f"served on {delivery.recipient}",
                actor=actor,
                at=received_at,
            )
        if decision.approved:
            # CCL Art 21: hand over within 10 days of the institution receiving the decision.
            deadline_open(
                code="D-14",
                subject=case,
                trigger_at=received_at,
                responsible_organisation=delivery.recipient,
                actor=actor,
            )
            notice_send_to_role(
                organisation_id=delivery.recipient_id,
                roles=[Role.PRISON_CLERK, Role.PRISON_LEADER],
                key=f"decision-received:{decision.pk}",
                subject=_("%(case)s: prepare the release and hand over within 10 days")
                % {"case": case.number},
                body=_("P2014 Arts 15-16; CCL Art 21."),
                link=case.get_absolute_url(),
            )
    receipt_clocks: dict[str, str] = {
        Delivery.Purpose.COMMUNITY_CORRECTION: "D-13a",
        Delivery.Purpose.CCI_DOCUMENTS: "D-13b",
    }
    if delivery.purpose in receipt_clocks:
        deadline_meet(
            subject=case,
            code=receipt_clocks[delivery.purpose],
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
    if delivery.purpose == Delivery.Purpose.PROCURATORATE and decision.approved:
        deadline_open(
            code="D-10",
            subject=case,
            trigger_at=received_at,
            responsible_organisation=delivery.recipient,
            actor=actor,
        )
    return delivery
