"""Helpers of the tests of the copies supervision sends the procuratorate: a supervised case
(its hand-over notified to the procuratorate), the proposal for imprisonment sent with its
copy, the return to custody with its report, and the acknowledgement as a procurator takes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from cases.acts.runner import act_run
from procuracy.receipt.acts import PROCURATORATE_RECORD_ACKNOWLEDGE
from supervision.custody.models import ReportAddressee, ReportCopy
from supervision.revocation.models import RevocationProposal
from tests.supervision.custody_helpers import revoke, take
from tests.supervision.revocation_steps import examine, propose_on_review

from .receipt_helpers import SH

#: The hand-over of the supervised case is recorded (and notified) on Monday 30 March 2026.
HANDED_OVER = dt.datetime(2026, 3, 30, 16, tzinfo=SH)
TAKEN_IN = dt.datetime(2026, 6, 2, 15, 30, tzinfo=SH)


def acknowledge(
    world: Any, case: Any, kind: str, record_id: int, *, on: dt.date, actor: Any = None
) -> Any:
    """The acknowledgement taken at 11:00 on the day of receipt."""
    with time_machine.travel(dt.datetime.combine(on, dt.time(11), SH), tick=False):
        return act_run(
            PROCURATORATE_RECORD_ACKNOWLEDGE,
            case_id=case.pk,
            actor=actor or world.procurator_a,
            expected_state=None,
            kind=kind,
            record_id=record_id,
            received_on=on,
        )


def revocation_sent(world: Any, case: Any) -> RevocationProposal:
    """The officer's proposal, approved by the county judicial administration on Sunday 28 June
    2026 and sent with its copy to the procuratorate."""
    propose_on_review(world, case)
    examine(world, case, approve=True)
    proposal = RevocationProposal.objects.get(supervision__case=case)
    assert proposal.sent_at is not None
    return proposal


def report_sent(world: Any, case: Any) -> ReportCopy:
    """The person taken back into prison A on 2 June 2026: the report's copy informing the
    county procuratorate of the residence."""
    revoke(world, case)
    take(world, case, "custody_return_record", TAKEN_IN, world.clerk_a, taken_in_at=TAKEN_IN)
    return ReportCopy.objects.get(
        custody__supervision__case=case, addressed_as=ReportAddressee.PROCURATORATE
    )
