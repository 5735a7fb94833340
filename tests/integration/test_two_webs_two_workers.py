"""Scaling out (issue 15): two web servers and two Celery workers as separate processes against
one PostgreSQL and one Redis, the shape docker-compose.yml runs with several replicas.

A deadline sweep started on both workers at once fires each due rung exactly once (the rungs
are claimed with SELECT ... FOR UPDATE SKIP LOCKED and a conditional UPDATE, P2014's clocks
must not alert twice), every notice is delivered once by whichever worker takes it, and both
web servers serve the same case to the same signed-in user (the session is in the database,
not in a process)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from django.test import Client

from kernel.deadlines.models import DeadlineRung, Rung, SweepRun
from kernel.deadlines.services import deadline_open
from kernel.deadlines.tasks import sweep_deadlines
from kernel.notices.models import Notice, NoticeStatus

from .conftest import ROOT, RedisServer, _free_port, _test_database_url, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _answers(url: str) -> bool:
    try:
        requests.get(url, timeout=2, allow_redirects=False)
    except requests.RequestException:
        return False
    return True


@pytest.fixture
def start_web(redis_server: RedisServer, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A gunicorn web server on its own port; returns its base address."""
    servers: list[subprocess.Popen[bytes]] = []

    def start() -> str:
        port = _free_port()
        log = tmp_path / f"web{len(servers)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _test_database_url(),
            "CELERY_BROKER_URL": redis_server.url,
        }
        servers.append(
            subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                ],
                cwd=ROOT,
                env=env,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
            )
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(f"{base}/accounts/login/"), 60, f"the web server on {port}")
        return base

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_sweep_on_two_workers_at_once_fires_each_rung_once_and_both_webs_serve_the_case(
    world, loaded_calendar, start_worker, start_web
) -> None:
    # D-04 (P2014 Art 14, 15 working days) received on 2026-01-30: due 2026-02-27, and every
    # rung of the ladder (soon, today, overdue, escalated) is due long before the sweep.
    deadlines = [
        deadline_open(
            code="D-04",
            subject=case,
            trigger_at=dt.datetime(2026, 1, 30, 9, tzinfo=SH),
            responsible_organisation=world.pab,
            actor=world.clerk_a,
        )
        for case in (world.case_a, world.case_b)
    ]
    rungs = list(DeadlineRung.objects.filter(deadline__in=deadlines))
    assert len(rungs) == 8
    assert not any(r.fired_at for r in rungs)

    workers = [start_worker(queues=f"celery,sweep-{i}") for i in range(2)]
    web_a, web_b = start_web(), start_web()

    for i in range(2):  # one sweep on each worker, at once
        sweep_deadlines.apply_async(queue=f"sweep-{i}")
    wait_for(
        lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 2,
        120,
        "both sweeps to finish",
    )
    for worker in workers:
        assert b"kernel.deadlines.tasks.sweep_deadlines" in worker.log.read_bytes()
        assert b"succeeded" in worker.log.read_bytes()

    # Each rung claimed by exactly one of the two sweeps.
    assert DeadlineRung.objects.filter(pk__in=[r.pk for r in rungs], fired_at=None).count() == 0
    assert sum(SweepRun.objects.values_list("rungs_fired", flat=True)) == len(rungs)
    # One notice per rung for the approver who answers for the clock (soon, today, overdue;
    # the escalation goes to the authority's head, who is not in this world).
    for rung in rungs:
        told = Notice.objects.filter(
            recipient=world.approver, delivery_key__startswith=f"rung:{rung.pk}:"
        ).count()
        assert told == (0 if rung.rung == Rung.ESCALATED else 1), rung.rung
    # Every notice handed to the two workers is delivered once.
    total = Notice.objects.count()
    assert total > 0
    wait_for(
        lambda: Notice.objects.filter(status=NoticeStatus.DELIVERED).count() == total,
        120,
        "every notice to be delivered",
    )
    assert set(Notice.objects.values_list("deliveries", flat=True)) == {1}

    # The same case, to the same session, from either web server.
    client = Client()
    client.force_login(world.clerk_a)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    for base in (web_a, web_b):
        response = requests.get(f"{base}/cases/{world.case_a.pk}/", cookies=cookies, timeout=30)
        assert response.status_code == 200, base
        assert world.case_a.number in response.text
