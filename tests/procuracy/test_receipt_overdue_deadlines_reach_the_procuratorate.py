"""Overdue deadlines of every organisation a procuratorate supervises reach it as alerts
(legal-spec §3.5): the organisations assigned to it (`ProcuratorialAssignment`: here a
community-correction institution) and the cases it takes part in, whoever answers for the
clock; one notice per deadline, however many rungs fire and however often the sweep runs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from kernel.accounts.models import ProcuratorialAssignment
from kernel.deadlines.services import deadline_open, sweep
from kernel.notices.models import Notice

from .receipt_helpers import SH

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]


def _alerts(user) -> list[int]:
    """The deadlines this user was alerted of as overdue, one entry per notice (per channel)."""
    notices = Notice.objects.filter(recipient=user, delivery_key__startswith="deadline-overdue:")
    channels = len({n.channel for n in notices}) or 1
    deadlines = [int(n.delivery_key.split(":")[1]) for n in notices]
    assert len(deadlines) == channels * len(set(deadlines))  # one notice per deadline
    return sorted(set(deadlines))


def _open(world, code: str, organisation, subject=None):
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=SH), tick=False):
        return deadline_open(
            code=code,
            subject=subject or world.case_a,
            trigger_at=dt.datetime(2026, 4, 1, 9, tzinfo=SH),
            responsible_organisation=organisation,
            actor=world.clerk_a,
        )


def _sweep_well_past() -> None:
    for day in (20, 25, 30):  # overdue, then escalated, then nothing new
        sweep(now=dt.datetime(2026, 6, day, 9, tzinfo=SH))


def test_an_assigned_community_correction_institution_s_overdue_clock_reaches_it_once(
    world,
) -> None:
    ProcuratorialAssignment.objects.create(
        procuratorate=world.proc_county,
        supervised=world.cci,
        mode=ProcuratorialAssignment.Mode.SAME_LEVEL,
    )
    deadline = _open(world, "D-13a", world.cci)
    _sweep_well_past()
    assert _alerts(world.procurator_county) == [deadline.pk]
    assert not _alerts(world.procurator_b)


def test_the_procuratorate_taking_part_in_the_case_hears_of_an_unassigned_organ_s_clock(
    world,
) -> None:
    # No assignment names the detention centre; the case's stationed procuratorate is told.
    assert not ProcuratorialAssignment.objects.filter(supervised=world.dc).exists()
    deadline = _open(world, "D-14", world.dc)
    _sweep_well_past()
    assert _alerts(world.procurator_a) == [deadline.pk]
    assert not _alerts(world.procurator_b)


def test_a_clock_on_a_record_of_the_case_reaches_the_case_s_procuratorate(world) -> None:
    from cases.models import ProcuratorateCopy

    copy = ProcuratorateCopy.objects.create(
        case=world.case_a,
        stage="assessment",
        procuratorate=world.proc_a,
        sent_on=dt.date(2026, 4, 1),
    )
    deadline = _open(world, "D-09a", world.dc, subject=copy)
    _sweep_well_past()
    assert _alerts(world.procurator_a) == [deadline.pk]
