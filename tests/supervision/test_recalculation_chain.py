"""T-S07 (P2014 Art 26 ¶1; CPL Art 268 ¶3; MPS-Rules Art 310; D-21): the deciding organ's
notice, the institution's proposal to the intermediate court of its place, the court's receipt
(one month to rule) and its ruling, which writes the period on the sentence, moves the expiry
and recomputes the expiry notice's clock, served on the institution with a copy to the
procuratorate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from approvals.models import ApprovalDecision, DecisionKind, Delivery
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, NonCountedPeriod
from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.deadlines.selectors import deadlines_of
from supervision.models import Supervision
from supervision.recalculation.models import RecalculationStatus
from tests.approvals.conftest import signing  # noqa: F401  (fixture)

from .discipline_helpers import pdf_text
from .recalculation_steps import (
    FIRST,
    LAST,
    RULING_DAY,
    notify,
    on,
    propose,
    receive,
    returned_to_custody,
    rule,
)

pytestmark = pytest.mark.usefixtures("loaded_calendar")


def test_notice_proposal_receipt_and_ruling_recompute_the_sentence(
    world, supervised, tmp_path
) -> None:
    returned_to_custody(supervised)
    sentence = supervised.sentence
    before = sentence.expiry_date
    record = Supervision.objects.get(case=supervised)
    assert record.expiry_date == before
    d22 = deadlines_of(supervised, kinds=["D-22"]).get()
    assert d22.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

    proposal = notify(world, supervised)
    assert proposal.status == RecalculationStatus.NOTIFIED
    assert proposal.institution == world.prison_a
    assert proposal.proof is not None

    proposal = propose(world, supervised)
    assert proposal.status == RecalculationStatus.PROPOSED
    assert proposal.court == world.court_mid
    assert CaseParticipant.objects.filter(
        case=supervised, organisation=world.court_mid, capacity=Capacity.RECALCULATION_COURT
    ).exists()
    text = pdf_text(proposal.proposal_document, tmp_path)
    assert "不计入执行刑期建议书" in text
    assert supervised.offender.name in text
    assert proposal.proposal_number in text

    proposal = receive(world, supervised)
    d21 = deadlines_of(supervised, kinds=["D-21"]).get()
    assert d21.status == DeadlineStatus.OPEN
    # One month from receipt (4 September) ends on 4 October, inside the National Day
    # holiday: due on the first working day after it (CPL Art 105).
    assert d21.due_date == dt.date(2026, 10, 8)

    proposal = rule(world, supervised)
    assert proposal.status == RecalculationStatus.RULED
    d21.refresh_from_db()
    assert d21.status not in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)

    period = NonCountedPeriod.objects.get(sentence=sentence)
    assert (period.first_day, period.last_day) == (FIRST, LAST)
    days = (LAST - FIRST).days + 1
    sentence.refresh_from_db()
    record.refresh_from_db()
    assert sentence.expiry_date == before + dt.timedelta(days=days)
    assert record.expiry_date == sentence.expiry_date
    assert (proposal.expiry_before, proposal.expiry_after) == (before, sentence.expiry_date)

    d22.refresh_from_db()
    assert timezone.localtime(d22.trigger_at).date() == dt.date(
        2032, 1, 15
    )  # a month before the new expiry
    assert sentence.expiry_date == dt.date(2032, 2, 15)
    assert AuditEvent.objects.filter(action="deadline.recomputed").exists()
    assert AuditEvent.objects.filter(action="supervision.recalculation_rule").exists()

    ruling = ApprovalDecision.objects.get(case=supervised, kind=DecisionKind.RECALCULATION)
    assert ruling.authority == world.court_mid
    assert supervised.decision.kind == DecisionKind.TEOP  # the TEOP decision stays the case's
    assert {(d.recipient, d.purpose) for d in ruling.deliveries.all()} >= {
        (world.prison_a, Delivery.Purpose.CUSTODY_INSTITUTION),
    }
    assert ruling.deliveries.filter(purpose=Delivery.Purpose.PROCURATORATE).exists()
    text = pdf_text(ruling.document, tmp_path)
    assert "刑期重新计算裁定书" in text
    assert supervised.offender.name in text
    assert ruling.number in text
    assert "2032年2月15日" in text


def test_a_ruling_that_counts_the_whole_time_leaves_the_sentence(world, supervised) -> None:
    returned_to_custody(supervised)
    before = supervised.sentence.expiry_date
    notify(world, supervised)
    propose(world, supervised)
    receive(world, supervised)
    proposal = rule(world, supervised, not_counted=False, first_day=None, last_day=None)
    assert proposal.period is None
    assert not NonCountedPeriod.objects.exists()
    supervised.sentence.refresh_from_db()
    assert supervised.sentence.expiry_date == before == proposal.expiry_after


def test_the_ruling_is_signed_with_the_judges_one_time_password(
    world,
    supervised,
    signing,  # noqa: F811
) -> None:
    returned_to_custody(supervised)
    notify(world, supervised)
    propose(world, supervised)
    receive(world, supervised)
    with on(RULING_DAY):
        code = signing(world.mid_judge)
        proposal = rule(world, supervised, otp_code=code)
    signature = proposal.ruling.document.signature
    assert (signature.signed_by, signature.organisation) == (world.mid_judge, world.court_mid)


def test_the_institution_and_the_procuratorate_record_their_receipt(world, supervised) -> None:
    """The later decision's deliveries are received like the TEOP decision's; the copy to the
    procuratorate opens no objection clock (D-10 is the TEOP decision's)."""
    from approvals.services import delivery_receipt_record

    returned_to_custody(supervised)
    notify(world, supervised)
    propose(world, supervised)
    receive(world, supervised)
    ruling = rule(world, supervised).ruling
    served = ruling.deliveries.get(purpose=Delivery.Purpose.CUSTODY_INSTITUTION)
    delivery_receipt_record(delivery_id=served.pk, actor=world.clerk_a)
    copy = ruling.deliveries.get(purpose=Delivery.Purpose.PROCURATORATE)
    procurators = {world.proc_prov.pk: world.procurator_prov, world.proc_a.pk: world.procurator_a}
    delivery_receipt_record(delivery_id=copy.pk, actor=procurators[copy.recipient_id])
    served.refresh_from_db()
    copy.refresh_from_db()
    assert served.received_at is not None and copy.received_at is not None
    assert not Deadline.objects.filter(kind="D-10").exists()
