"""Appending many events at once (`audit_record_many`, the calendar's recomputation of every
provisional deadline): each event continues its own stream's chain from that stream's head,
wherever in the yearly partitions the head lies, and the heads are read in one statement
whatever the number of streams (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kernel.audit.models import GENESIS_HASH, AuditEvent
from kernel.audit.services import AuditEntry, audit_record_many, audit_verify_chain
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def _of_case(case_id: int, pk: int) -> AuditEntry:
    # A record of case `case_id`: its events belong to that case's stream ("case:<id>").
    return AuditEntry(obj=EvidenceFactory.build(pk=pk, case_id=case_id))


def _head(stream: str) -> AuditEvent:
    return AuditEvent.objects.filter(stream=stream).order_by("-seq").first()


def test_each_event_continues_its_streams_chain_across_yearly_partitions() -> None:
    last_year = timezone.now() - dt.timedelta(days=400)
    with transaction.atomic():
        audit_record_many(actor=None, action="test.old", entries=[_of_case(1, 1)], at=last_year)
        audit_record_many(actor=None, action="test.new", entries=[_of_case(2, i) for i in (2, 3)])
    old_head, new_head = _head("case:1"), _head("case:2")
    assert (old_head.seq, new_head.seq) == (1, 2)

    with transaction.atomic():
        written = audit_record_many(
            actor=None,
            action="test.recomputed",
            entries=[_of_case(1, 1), _of_case(2, 2), _of_case(2, 3), _of_case(3, 4)],
        )

    assert written == 4
    after_old = _head("case:1")
    assert (after_old.seq, after_old.prev_hash) == (2, old_head.hash)
    second_stream = list(AuditEvent.objects.filter(stream="case:2").order_by("seq"))
    assert [e.seq for e in second_stream] == [1, 2, 3, 4]
    assert second_stream[2].prev_hash == new_head.hash
    assert second_stream[3].prev_hash == second_stream[2].hash
    first_of_new = _head("case:3")
    assert (first_of_new.seq, first_of_new.prev_hash) == (1, GENESIS_HASH)
    assert audit_verify_chain() == (AuditEvent.objects.count(), None)


def _queries_to_append(streams: int) -> int:
    entries = [_of_case(case_id, case_id) for case_id in range(1, streams + 1)]
    with transaction.atomic():
        audit_record_many(actor=None, action="test.seed", entries=entries)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        audit_record_many(actor=None, action="test.again", entries=entries)
    return len(queries)


def test_the_heads_of_many_streams_cost_the_same_queries_as_of_few() -> None:
    few = _queries_to_append(3)
    many = _queries_to_append(300)
    assert many == few
    assert audit_verify_chain()[1] is None
