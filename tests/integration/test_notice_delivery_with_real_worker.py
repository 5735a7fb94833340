"""Through the real Redis broker and a real Celery worker: nothing is lost while the broker is
down, and a worker killed in the middle of a delivery does not deliver twice."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from kernel.notices.models import Notice, NoticeStatus
from kernel.notices.services import notice_relay_pending, notice_send

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _all_delivered(n: int) -> bool:
    return Notice.objects.filter(status=NoticeStatus.DELIVERED).count() == n


def test_notices_written_while_redis_is_down_arrive_exactly_once(
    world, redis_server, start_worker
) -> None:
    start_worker()
    with transaction.atomic():
        notice_send(recipients=[world.clerk_a], key="before-outage", subject="一")
    wait_for(lambda: _all_delivered(1), 30, "the first notice")

    redis_server.stop()
    for i in range(5):
        with transaction.atomic():  # each event commits while the broker is unreachable
            notice_send(
                recipients=[world.clerk_a, world.leader_a],
                key=f"outage-{i}",
                subject=f"停机期间 {i}",
            )
    assert Notice.objects.filter(status=NoticeStatus.PENDING).count() == 10

    redis_server.start()
    # The periodic relay (beat) hands the outbox over once the broker is back; run it twice,
    # as overlapping beats would, to show a duplicate hand-over delivers nothing twice.
    wait_for(lambda: notice_relay_pending() == 10, 30, "the broker to accept the relay")
    notice_relay_pending()
    wait_for(lambda: _all_delivered(11), 90, "every notice to be delivered")
    time.sleep(2)  # let any duplicate task run
    assert set(Notice.objects.values_list("deliveries", flat=True)) == {1}


def test_worker_killed_mid_delivery_delivers_once(world, redis_server, start_worker) -> None:
    worker = start_worker(TEOP_TEST_DELIVERY_DELAY="4")
    with transaction.atomic():
        [notice] = notice_send(recipients=[world.clerk_a], key="kill-me", subject="交接")
    wait_for(
        lambda: (
            b"kernel.notices.tasks.deliver_notice" in worker.log.read_bytes()
            and b"received" in worker.log.read_bytes()
        ),
        30,
        "the worker to take the task",
    )
    time.sleep(1.5)  # inside the delivery, before it commits
    worker.kill_children()
    wait_for(lambda: _all_delivered(1), 90, "the re-delivered notice")
    time.sleep(2)
    notice.refresh_from_db()
    assert notice.deliveries == 1
    assert b"WorkerLostError" in worker.log.read_bytes() or b"SIGKILL" in worker.log.read_bytes()
