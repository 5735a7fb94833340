"""Two sweepers running at once (two workers, overlapping beats) fire every due rung exactly
once between them: the claim skips rungs the other holds and re-checks `fired_at` on the
locked row."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
import time_machine
from django.db import connection

from kernel.deadlines.models import DeadlineRung
from kernel.deadlines.services import deadline_open, sweep
from kernel.notices.models import Notice

pytestmark = pytest.mark.django_db(transaction=True)
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_two_sweepers_at_once_fire_each_due_rung_once(loaded_calendar, world, monkeypatch):
    monkeypatch.setattr("kernel.notices.services.enqueue_deliveries", lambda ids: len(ids))
    opened = dt.datetime(2026, 3, 2, 9, tzinfo=SH)
    with time_machine.travel(opened, tick=False):
        for case in (world.case_a, world.case_b):
            for code in ("D-04", "D-05", "D-06"):
                deadline_open(
                    code=code,
                    subject=case,
                    trigger_at=opened,
                    responsible_organisation=world.pab,
                    actor=world.clerk_a,
                )
    now = dt.datetime(2026, 12, 31, tzinfo=SH)  # every rung is due
    due = DeadlineRung.objects.filter(fired_at__isnull=True, fires_at__lte=now).count()
    assert due >= 12
    start = threading.Barrier(2)
    fired: list[int] = []

    def sweeper() -> None:
        try:
            start.wait()
            fired.append(sweep(now=now, batch=2).rungs_fired)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fired) == 2
    assert sum(fired) == due
    assert not DeadlineRung.objects.filter(fired_at__isnull=True, fires_at__lte=now).exists()
    notices = Notice.objects.count()
    assert notices > 0
    assert sweep(now=now).rungs_fired == 0
    assert Notice.objects.count() == notices
