"""Shared steps of the return-to-custody tests: put a supervised case where the decision on
imprisonment leaves it (S5, with an approved decision of kind "imprisonment" by the given
organ), without the imprisonment part's acts; take an act of `supervision.custody` on a day;
read a PDF's text."""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from typing import Any

import time_machine

from approvals.models import ApprovalDecision, DecisionKind
from cases.acts.runner import act_run
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from kernel.documents.services import document_issue
from supervision.custody.acts import CUSTODY_ACTS
from supervision.models import Supervision

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
DECIDED = dt.datetime(2026, 6, 1, 10, tzinfo=SH)


def at(day: dt.date | dt.datetime) -> Any:
    moment = day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time(18), SH)
    return time_machine.travel(moment, tick=False)


def revoke(world: Any, case: Any, *, authority: Any = None, three_months_or_less: Any = "keep"):
    """The supervision moved to S5 by a decision on imprisonment of `authority` (default: the
    prison administration that decided the temporary execution). `three_months_or_less`
    overwrites the basis stored with the TEOP decision (None: no basis stored)."""
    authority = authority or world.pab
    if three_months_or_less != "keep":
        teop = case.decision
        if three_months_or_less is None:
            teop.remaining_term_basis = None
        else:
            teop.remaining_term_basis = {
                **(teop.remaining_term_basis or {}),
                "three_months_or_less": three_months_or_less,
            }
        teop.save(update_fields=["remaining_term_basis"])
    # The original court takes part in the case (registration names it with the judgment).
    CaseParticipant.objects.get_or_create(
        case=case, organisation=world.court, capacity=Capacity.ORIGINAL_COURT
    )
    with at(DECIDED):
        document = document_issue(
            template="supervision_notice",
            context={"addressee": "", "paragraphs": ["决定对罪犯收监执行。"], "facts": []},
            number=f"收监决〔2026〕{case.pk}号",
            title="收监执行决定书",
            issuing_organisation=authority,
            issued_on=DECIDED.date(),
            actor=world.approver,
        )
        decision = ApprovalDecision.objects.create(
            case=case,
            kind=DecisionKind.IMPRISONMENT,
            approved=True,
            authority=authority,
            decided_by=world.approver,
            decided_at=DECIDED,
            number=document.number,
            reasons="保外就医情形消失",
            document=document,
        )
        record = Supervision.objects.get(case=case)
        record.propose_revocation()
        record.receive_revocation_proposal()
        record.revoke()
        record.save()
    case.refresh_from_db()
    return decision


def take(world: Any, case: Any, name: str, day: Any, actor: Any, **params: Any) -> Any:
    with at(day):
        return act_run(
            CUSTODY_ACTS[name],
            case_id=case.pk,
            actor=actor,
            expected_state="under_supervision",
            **params,
        )


def pdf_text(document: Any, tmp_path: Any) -> str:
    path = tmp_path / f"doc-{document.pk}.pdf"
    with document.file.open("rb") as handle:
        path.write_bytes(handle.read())
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
