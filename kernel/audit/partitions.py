"""Ten years of audit events: on PostgreSQL the log is RANGE-partitioned by the year of
`occurred_at` (migration 0005), one partition per calendar year plus a DEFAULT partition.

Why this table and how uniqueness survives it:
- Nothing points at an audit event with a foreign key (the log stores plain ids), so the
  primary key may become `(id, occurred_at)` as PostgreSQL requires; `id` still comes from one
  identity sequence, so Django keeps looking events up by `id` alone.
- PostgreSQL cannot enforce a UNIQUE constraint across partitions unless it includes the
  partition key. Each yearly partition therefore gets its own UNIQUE indexes on
  `(stream, seq)` and on `hash`; across years a duplicate cannot be written because
  `audit_record` holds the stream's advisory lock while it reads the head and appends, and a
  duplicate slipped in behind the application's back breaks the chain that `audit_verify`
  walks (sequence gap or link).
- The append-only trigger is defined on the partitioned table, so PostgreSQL clones it onto
  every partition, present and future. The application role gets no privilege at all on the
  partitions (it reaches them through the parent, where it may only SELECT and INSERT), and
  as a non-owner it can neither detach nor drop one.

Partitions are created ahead of time by the owner role: after every `migrate` (post_migrate)
and by `manage.py audit_partitions` (yearly, e.g. from cron). The application role cannot
create them (it does not own the table); rows of a year without a partition land in DEFAULT
and are reported by the command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

AUDIT_TABLE = "audit_auditevent"
#: Years created beyond the current one, so a forgotten yearly run never sends a year's
#: events to the DEFAULT partition.
YEARS_AHEAD = 2


def partition_name(table: str, year: int) -> str:
    return f"{table}_y{year}"


def default_partition_name(table: str) -> str:
    return f"{table}_default"


def year_start(year: int) -> dt.datetime:
    """Midnight on 1 January in the project's time zone (a Chinese calendar year)."""
    return dt.datetime(year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


def hot_since(moment: dt.datetime | None = None) -> dt.datetime:
    """The start of the hot partitions: 1 January of last year. A stream's head is looked up
    from here first, so the planner reads two yearly partitions, not ten (appends happen at
    the current time under the stream's lock, so a later sequence number is never more than
    a year older than the head)."""
    local = timezone.localtime(moment or timezone.now())
    return year_start(local.year - 1)


def is_partitioned(connection: BaseDatabaseWrapper, table: str = AUDIT_TABLE) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s AND n.nspname = current_schema()",
            [table],
        )
        row = cursor.fetchone()
    return row is not None and row[0] == "p"


def partitions_of(connection: BaseDatabaseWrapper, table: str = AUDIT_TABLE) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass ORDER BY c.relname",
            [table],
        )
        return [str(name) for (name,) in cursor.fetchall()]


def _partition_indexes(cursor: Any, quote: Any, name: str) -> None:
    """The uniqueness PostgreSQL cannot enforce on the parent, per partition."""
    cursor.execute(
        f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(name + '_stream_seq_uniq')} "
        f"ON {quote(name)} (stream, seq)"
    )
    cursor.execute(
        f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(name + '_hash_uniq')} ON {quote(name)} (hash)"
    )


def _revoke_app_role(cursor: Any, quote: Any, name: str) -> None:
    # The owner's default privileges grant the application role DML on every new table;
    # on a partition that would bypass the parent's SELECT/INSERT-only grant.
    role = str(getattr(settings, "DB_APP_ROLE", "") or "")
    if not role:
        return
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    if cursor.fetchone() is not None:
        cursor.execute(f"REVOKE ALL ON {quote(name)} FROM {quote(role)}")


@dataclass
class PartitionReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    #: Rows in the DEFAULT partition: a year that had no partition when they were written.
    in_default: int = 0


def partitions_ensure(
    connection: BaseDatabaseWrapper,
    *,
    table: str = AUDIT_TABLE,
    first_year: int | None = None,
    through_year: int | None = None,
    revoke_app_role: bool = True,
) -> PartitionReport:
    """Create the yearly partitions from `first_year` (default: this year) through
    `through_year` (default: this year + YEARS_AHEAD) and the DEFAULT partition, each with its
    unique indexes. Idempotent; a no-op unless `table` is a partitioned PostgreSQL table."""
    report = PartitionReport()
    if not is_partitioned(connection, table):
        return report
    this_year = timezone.localdate().year
    first = first_year if first_year is not None else this_year
    last = through_year if through_year is not None else this_year + YEARS_AHEAD
    quote = connection.ops.quote_name
    existing = set(partitions_of(connection, table))
    with connection.cursor() as cursor:
        default = default_partition_name(table)
        if default not in existing:
            cursor.execute(f"CREATE TABLE {quote(default)} PARTITION OF {quote(table)} DEFAULT")
            _partition_indexes(cursor, quote, default)
            if revoke_app_role:
                _revoke_app_role(cursor, quote, default)
            report.created.append(default)
        for year in range(first, last + 1):
            name = partition_name(table, year)
            if name in existing:
                report.existing.append(name)
                continue
            # Bounds as literals: DDL takes no bind parameters. PostgreSQL refuses this if the
            # DEFAULT partition already holds rows of that year (they cannot be moved out of
            # an append-only log); the error names the year.
            cursor.execute(
                f"CREATE TABLE {quote(name)} PARTITION OF {quote(table)} FOR VALUES FROM "
                f"('{year_start(year).isoformat()}') TO ('{year_start(year + 1).isoformat()}')"
            )
            _partition_indexes(cursor, quote, name)
            if revoke_app_role:
                _revoke_app_role(cursor, quote, name)
            report.created.append(name)
        cursor.execute(f"SELECT count(*) FROM {quote(default)}")  # noqa: S608 (quoted name)
        row = cursor.fetchone()
        report.in_default = int(row[0]) if row else 0
    return report


def ensure_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    partitions_ensure(connections[using])
