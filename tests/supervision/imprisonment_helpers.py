"""A proposal for imprisonment as the proposal side leaves it (status SENT, supervision in S3),
created directly so these tests do not depend on the proposal acts."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from supervision.models import RevocationGroundKind, Supervision
from supervision.revocation.models import ProposalOrigin, ProposalStatus, RevocationProposal

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
SENT = dt.datetime(2026, 5, 5, 10, tzinfo=SH)
RECEIVED = dt.datetime(2026, 5, 6, 10, tzinfo=SH)
DECIDED = dt.datetime(2026, 5, 20, 10, tzinfo=SH)


def proposal_sent(world: Any, case: Any, *, sent_to: Any = None, sent_at: Any = SENT) -> Any:
    record = Supervision.objects.get(case=case)
    proposal = RevocationProposal.objects.create(
        supervision=record,
        origin=ProposalOrigin.CCI,
        status=ProposalStatus.SENT,
        grounds=[RevocationGroundKind.CPL_3, RevocationGroundKind.SPC_6],
        reasons="复查结果显示病情已明显好转，保外就医情形消失，刑期未满。",
        proposing_organisation=world.cci,
        proposed_by=world.officer,
        proposed_at=sent_at - dt.timedelta(days=2),
        judicial_administration=world.cja,
        examined_by=world.cja_head,
        examined_at=sent_at - dt.timedelta(days=1),
        examination_opinion="同意提请收监执行",
        sent_to=sent_to or record.deciding_organ,
        sent_at=sent_at,
        procuratorate_copy_to=world.proc_county,
    )
    record.propose_revocation()
    record.save()
    return proposal
