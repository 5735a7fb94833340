"""The sweep hands its notices to the broker in a few messages through one producer, not one
message and one Redis client per notice (issue 15); a batch delivered twice delivers each
notice once."""

from __future__ import annotations

from typing import Any

import pytest

from kernel.notices.models import Notice, NoticeStatus
from kernel.notices.services import (
    BINARY_FROM,
    NOTICES_PER_MESSAGE,
    NoticeDraft,
    notices_deliver,
    notices_send,
)

pytestmark = pytest.mark.django_db


def _drafts(world, count: int, prefix: str = "k") -> list[NoticeDraft]:
    return [
        NoticeDraft(recipients=(world.clerk_a,), key=f"{prefix}{i}", subject=f"提醒 {i}")
        for i in range(count)
    ]


def test_many_notices_are_handed_over_in_messages_of_a_batch_through_one_producer(
    world, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    messages: list[tuple[list[int], Any]] = []
    monkeypatch.setattr(
        "kernel.notices.tasks.deliver_notices.apply_async",
        lambda args, **kw: messages.append((args[0], kw["producer"])),
    )
    count = 2 * NOTICES_PER_MESSAGE + 7
    with django_capture_on_commit_callbacks(execute=True):
        ids = notices_send(_drafts(world, count))
    assert [len(batch) for batch, _producer in messages] == [
        NOTICES_PER_MESSAGE,
        NOTICES_PER_MESSAGE,
        7,
    ]
    assert len({id(producer) for _batch, producer in messages}) == 1
    assert sorted(i for batch, _producer in messages for i in batch) == sorted(ids)


@pytest.mark.parametrize("count", [3, BINARY_FROM + 1])
def test_a_write_returns_the_notices_it_wrote_and_a_repeat_writes_none(world, count) -> None:
    ids = notices_send(_drafts(world, count))
    assert sorted(ids) == sorted(Notice.objects.values_list("id", flat=True))
    assert set(Notice.objects.values_list("subject", flat=True)) == {
        f"提醒 {i}" for i in range(count)
    }
    # The same keys again write nothing; the notices still pending are handed over again.
    assert sorted(notices_send(_drafts(world, count))) == sorted(ids)
    assert Notice.objects.count() == count


def test_a_batch_delivered_twice_delivers_each_notice_once(world) -> None:
    ids = notices_send(_drafts(world, 5))
    assert notices_deliver(notice_ids=ids) == 5
    assert notices_deliver(notice_ids=ids) == 0
    assert set(Notice.objects.values_list("status", "deliveries")) == {(NoticeStatus.DELIVERED, 1)}
