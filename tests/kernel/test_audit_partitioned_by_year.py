"""Ten years of audit events: on PostgreSQL the log is partitioned by year of `occurred_at`
(issue 15, migration 0005), still append-only, still looked up by id, and a query bounded in
time reads only its year's partition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from kernel.audit.models import AuditEvent
from kernel.audit.partitions import (
    YEARS_AHEAD,
    default_partition_name,
    partition_name,
    partitions_ensure,
    partitions_of,
    year_start,
)
from kernel.audit.services import audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db

TABLE = "audit_auditevent"


def _partition_of(event: AuditEvent) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text FROM {TABLE} WHERE id = %s", [event.pk])
        row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def test_audit_log_is_range_partitioned_by_occurred_at() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_get_partkeydef('{TABLE}'::regclass)")
        row = cursor.fetchone()
    assert row == ("RANGE (occurred_at)",)
    this_year = timezone.localdate().year
    partitions = partitions_of(connection)
    assert default_partition_name(TABLE) in partitions
    for year in range(this_year, this_year + YEARS_AHEAD + 1):
        assert partition_name(TABLE, year) in partitions


def test_an_event_lands_in_the_partition_of_its_chinese_calendar_year() -> None:
    this_year = timezone.localdate().year
    # 00:30 on 1 January in Beijing is still the previous year in UTC.
    # (In UTC: `audit_record` hashes `at` as given and the database returns UTC.)
    new_year = (year_start(this_year + 1) + dt.timedelta(minutes=30)).astimezone(dt.UTC)
    late = audit_record(actor=None, action="test.partition", at=new_year)
    now = audit_record(actor=None, action="test.partition")
    assert _partition_of(late) == partition_name(TABLE, this_year + 1)
    assert _partition_of(now) == partition_name(TABLE, this_year)
    # Still one chain, still found by id alone.
    assert AuditEvent.objects.get(pk=now.pk).prev_hash == late.hash
    assert audit_verify_chain()[1] is None


def test_each_partition_refuses_update_and_delete_even_when_addressed_directly() -> None:
    event = audit_record(actor=None, action="test.partition")
    partition = _partition_of(event)
    for statement in (
        f"UPDATE {partition} SET reason = 'forged' WHERE id = %s",
        f"DELETE FROM {partition} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_a_stream_cannot_hold_the_same_sequence_number_twice_in_a_year() -> None:
    event = audit_record(actor=None, action="test.partition")
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            occurred_at=event.occurred_at,
            action="test.forged",
            stream=event.stream,
            seq=event.seq,
            prev_hash=event.prev_hash,
            hash="f" * 64,
        )


def test_creating_partitions_ahead_is_idempotent() -> None:
    this_year = timezone.localdate().year
    first = partitions_ensure(connection, through_year=this_year + YEARS_AHEAD + 1)
    assert first.created == [partition_name(TABLE, this_year + YEARS_AHEAD + 1)]
    again = partitions_ensure(connection, through_year=this_year + YEARS_AHEAD + 1)
    assert again.created == []
    assert again.in_default == 0
    call_command("audit_partitions", verbosity=0)


def test_a_query_bounded_in_time_reads_only_its_years_partition() -> None:
    since = timezone.now() - dt.timedelta(days=1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (COSTS OFF) SELECT id FROM {TABLE} WHERE occurred_at >= %s "
            "AND occurred_at < %s",
            [since, since + dt.timedelta(hours=1)],
        )
        plan = "\n".join(line for (line,) in cursor.fetchall())
    this_year = timezone.localdate().year
    touched = {p for p in partitions_of(connection) if p in plan}
    # One year (two when the day straddles New Year), never the whole ten years.
    assert touched <= {
        partition_name(TABLE, this_year - 1),
        partition_name(TABLE, this_year),
        default_partition_name(TABLE),
    }
    assert touched
