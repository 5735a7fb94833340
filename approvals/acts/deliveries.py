"""The receipt of the decision by each recipient (P2014 Arts 14, 18 ¶2; CCL Arts 20-21;
legal-spec D-05/D-06, D-12, D-13a/b, D-10, D-14), declared once: `delivery_receipt_record`,
whichever page (the decision, the court case, the release page) or the API records it.

The institution's receipt meets the 5-working-day delivery clock (D-05/D-06) and, on approval,
starts the 10-day hand-over (D-14, CCL Art 21); on the court path the executing organ's receipt
of the grant is its service, which meets D-12 (P2014 Art 18 ¶2). The community-correction
institution's receipts meet D-13a/b (CCL Art 20); the procuratorate's starts its one month to
object (D-10, P2014 Art 30; CPL Art 267).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cases.acts.declaration import Act, Firing, Params
from cases.acts.registry import acts_register
from cases.models import Case, CaseState
from kernel.accounts.models import Organisation, User
from kernel.accounts.roles import CUSTODY_ROLES, EXECUTING_PUBLIC_SECURITY_ROLES
from kernel.deadlines.services import deadline_meet, deadline_open
from kernel.notices.services import notice_send_to_role

from ..models import ApprovalDecision, DecisionKind, Delivery
from ..services._common import _authority_of

#: The states in which the case has a decision whose deliveries can be received: every state
#: from the decision on (a decision revoked on re-examination is still delivered).
DECIDED_STATES = frozenset(CaseState.values) - {
    CaseState.INITIATED,
    CaseState.SCREENED,
    CaseState.ASSESSMENT,
    CaseState.ASSESSED,
    CaseState.PREPARATION,
    CaseState.READY_FOR_DELIBERATION,
    CaseState.DELIBERATED,
    CaseState.PUBLICITY,
    CaseState.OBJECTION_REVIEW,
    CaseState.PROPOSED,
    CaseState.CONSULTATION,
    CaseState.NOT_PROPOSED,
}

#: The receipts that meet the community-correction institution's clocks (CCL Art 20).
RECEIPT_CLOCKS: dict[str, str] = {
    Delivery.Purpose.COMMUNITY_CORRECTION: "D-13a",
    Delivery.Purpose.CCI_DOCUMENTS: "D-13b",
}


def receipt_recorder_of(case: Case, actor: User) -> Organisation:
    """A recipient records its own receipt; the deciding organ records any (the proof of
    service it holds). Every decision of the case is delivered: the TEOP decision and the later
    ones (imprisonment, re-examination, recalculation)."""
    if actor.organisation_id is not None:
        delivery = (
            Delivery.objects.filter(decision__case=case, recipient_id=actor.organisation_id)
            .select_related("recipient")
            .order_by("decision__decided_at", "pk")
            .first()
        )
        if delivery is not None:
            recipient: Organisation = delivery.recipient
            return recipient
        later = (
            case.decisions.exclude(kind=DecisionKind.TEOP)
            .filter(authority_id=actor.organisation_id)
            .select_related("authority")
            .first()
        )
        if later is not None:  # the organ of a later decision holds its proofs of service
            authority: Organisation = later.authority
            return authority
    return _authority_of(case, actor)


def deliveries_send(
    decision: ApprovalDecision,
    recipients: Iterable[tuple[Organisation | None, str]],
    *,
    sent_at: dt.datetime,
    actor: User,
) -> list[Delivery]:
    """The decision sent to each recipient (P2014 Art 14). A copy to the procuratorate opens
    the deciding organ's soft clock D-09a (P2014 Art 13 ¶3, the setting
    TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS): the procuratorate signs for it (签收), or the
    deciding organ is told it has not."""
    deliveries = Delivery.objects.bulk_create(
        Delivery(decision=decision, recipient=org, purpose=purpose, sent_at=sent_at)
        for org, purpose in recipients
        if org is not None
    )
    for delivery in deliveries:
        if delivery.purpose == Delivery.Purpose.PROCURATORATE:
            deadline_open(
                code="D-09a",
                subject=delivery,
                trigger_at=sent_at,
                responsible_organisation=decision.authority,
                actor=actor,
            )
    return deliveries


def _delivery_of(case: Case, params: Params) -> Delivery:
    """The delivery named by the input, among this case's decision's deliveries only."""
    delivery = (
        Delivery.objects.select_related("decision", "recipient")
        .filter(pk=int(params.get("delivery_id") or 0), decision__case=case)
        .first()
    )
    if delivery is None:
        raise Http404
    return delivery


def _received(firing: Firing) -> Delivery:
    case, actor = firing.case, firing.actor
    delivery = _delivery_of(case, firing.params)
    if actor.organisation_id != delivery.recipient_id and not (
        delivery.decision.kind != DecisionKind.TEOP
        and actor.organisation_id == delivery.decision.authority_id
    ):
        _authority_of(case, actor)  # another recipient does not record this one's receipt
    if delivery.received_at is not None:
        raise ValidationError(_("The receipt is already recorded."))
    received_at = firing.params.get("received_at") or timezone.now()
    if received_at < delivery.sent_at:
        raise ValidationError(_("A document cannot be received before it was sent."))
    decision = delivery.decision
    delivery.received_at = received_at
    delivery.save(update_fields=["received_at"])
    firing.payload.update(
        delivery_id=delivery.pk, purpose=delivery.purpose, recipient=delivery.recipient_id
    )
    if delivery.purpose == Delivery.Purpose.PROCURATORATE:
        deadline_meet(
            subject=delivery,
            code="D-09a",
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
    if decision.kind != DecisionKind.TEOP:
        return delivery  # the clocks below run from the TEOP decision's receipts only
    if delivery.purpose == Delivery.Purpose.INSTITUTION:
        deadline_meet(
            subject=case,
            code="D-05" if decision.approved else "D-06",
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
        if decision.approved and case.on_court_path:
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
                roles=list(CUSTODY_ROLES | EXECUTING_PUBLIC_SECURITY_ROLES),
                key=f"decision-received:{decision.pk}",
                subject=_("%(case)s: prepare the release and hand over within 10 days")
                % {"case": case.number},
                body=_("P2014 Arts 15-16; CCL Art 21."),
                link=case.get_absolute_url(),
            )
    if delivery.purpose in RECEIPT_CLOCKS:
        deadline_meet(
            subject=case,
            code=RECEIPT_CLOCKS[delivery.purpose],
            event=f"received by {delivery.recipient}",
            actor=actor,
            at=received_at,
        )
    if (
        delivery.purpose == Delivery.Purpose.PROCURATORATE
        and decision.approved
        and decision.kind == DecisionKind.TEOP
    ):
        deadline_open(
            code="D-10",
            subject=case,
            trigger_at=received_at,
            responsible_organisation=delivery.recipient,
            actor=actor,
        )
    return delivery


class DeliveryReceiptParams(serializers.Serializer[Any]):
    delivery_id = serializers.IntegerField(help_text="A delivery of this case's decision.")
    received_at = serializers.DateTimeField(
        required=False, help_text="When the recipient received it (default: now)."
    )


class DeliveryResult(serializers.ModelSerializer[Delivery]):
    class Meta:
        model = Delivery
        fields = ["id", "decision", "recipient", "purpose", "sent_at", "received_at"]


DELIVERY_RECEIPT_RECORD = Act(
    name="delivery_receipt_record",
    label=gettext_lazy("Record the receipt of the decision"),
    article="P2014 Art 14; CCL Arts 20-21",
    may=receipt_recorder_of,
    states=DECIDED_STATES,
    effects=_received,
    audit="decision.delivery_received",
    params=DeliveryReceiptParams,
    result=DeliveryResult,
    example={"delivery_id": 31, "received_at": "2026-03-27T10:00:00+08:00"},
)

acts_register([DELIVERY_RECEIPT_RECORD])
