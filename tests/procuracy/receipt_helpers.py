"""Helpers of the receipt tests: a case proposed with its three copies sent to the stationed
procuratorate, and the acknowledgement as the procurator takes it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine

from cases.acts.runner import act_run
from cases.models import Case, ProcuratorateCopy
from cases.services.registration import case_open
from procuracy.receipt.acts import PROCURATORATE_COPY_ACKNOWLEDGE
from tests.conftest import _register

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def copy_of(case: Case, stage: str = "proposal") -> ProcuratorateCopy:
    return ProcuratorateCopy.objects.get(case=case, stage=stage, withdrawn_at__isnull=True)


def acknowledge(
    world, case: Case, *, on: dt.date, at: dt.datetime, stage: str = "proposal", actor=None
):
    with time_machine.travel(at, tick=False):
        return act_run(
            PROCURATORATE_COPY_ACKNOWLEDGE,
            case_id=case.pk,
            actor=actor or world.procurator_a,
            expected_state=None,
            copy_id=copy_of(case, stage).pk,
            received_on=on,
        )


def more_copies(world, count: int, start: int = 100) -> list[ProcuratorateCopy]:
    """`count` other cases of prison A, each with its assessment copy sent to proc_a (written
    directly: the inbox only reads them)."""
    copies = []
    for i in range(count):
        offender = _register(world.clerk_a, f"王{i}", start + 2 * i + 1)  # odd: male
        case = case_open(
            actor=world.clerk_a,
            offender=offender,
            number=f"浙狱暂〔2026〕{start + i}号",
            opened_on=dt.date(2026, 3, 2),
            ground_medical=True,
        )
        copies.append(
            ProcuratorateCopy.objects.create(
                case=case,
                stage="assessment",
                procuratorate=world.proc_a,
                sent_on=dt.date(2026, 3, 5),
            )
        )
    return copies
