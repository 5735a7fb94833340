"""Ten years of data (issue 15): the audit log partitioned by year against the same rows in a
plain table, and the sweep and the inboxes with ten years of notices against an empty notice
table. One JSON line per figure; every figure is a ratio measured in the same run.

Sizes: `TEOP_BENCH_RETENTION_EVENTS` audit events and as many notices (default 10,000,000:
ten times today's bench; develop with 1,000,000). Seeded set-based with generate_series.
The bench owns the notice table of the bench database (as the sweep figure does): it is
emptied before and after. The two audit tables are bench tables, dropped at the end; the
real audit log is not touched.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

PART = "bench_retention_audit_part"
PLAIN = "bench_retention_audit_plain"
YEARS = 10
#: Events per case (the dossier figure's 200) and prison organisations.
EVENTS_PER_CASE = 200
ORGANISATIONS = 300
ACTIONS = (
    "case.submitted",
    "case.document_viewed",
    "deadline.met",
    "case.decision_issued",
    "supervision.report",
    "notice.read",
)


def _emit(**figure: object) -> None:
    from bench.run import emit

    emit(**figure)


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        timings.append(time.perf_counter() - t0)
    return round(statistics.median(timings) * 1000, 2)


def _seed_audit(cursor: Any, n: int, start: dt.datetime, end: dt.datetime) -> None:
    """n events evenly over [start, end); each case lives one of the ten years and gets
    EVENTS_PER_CASE events in it, interleaved with the other cases of its year."""
    from django.db import connection

    from kernel.audit.partitions import partitions_ensure

    cases = max(n // EVENTS_PER_CASE, 1)
    active = max(cases // YEARS, 1)
    for table in (PART, PLAIN):
        cursor.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    cursor.execute(f"CREATE TABLE {PLAIN} (LIKE audit_auditevent INCLUDING DEFAULTS)")
    cursor.execute(f"ALTER TABLE {PLAIN} ALTER COLUMN id DROP IDENTITY IF EXISTS")
    cursor.execute(
        f"""
        INSERT INTO {PLAIN} (id, occurred_at, actor_id, actor_name, organisation_id,
            organisation_name, action, object_type, object_id, object_repr, from_state,
            to_state, reason, request_id, payload, stream, seq, prev_hash, hash)
        SELECT g, %(start)s + (g - 1) * %(step)s, g %% 5000, '狱政科 张三', c %% %(orgs)s,
            '某省第一监狱', (%(actions)s::text[])[1 + g %% %(nactions)s], 'cases.Case', c::text,
            '案件 ' || c, 'submitted', 'approved', '', md5(g::text), '{{}}',
            'case:' || c, (g / %(active)s) %% %(per_case)s + 1,
            md5((g - 1)::text) || md5((g - 1)::text), md5(g::text) || md5((-g)::text)
        FROM (SELECT g, (g / (%(active)s * %(per_case)s)) * %(active)s + g %% %(active)s AS c
              FROM generate_series(1, %(n)s) AS g) AS s
        """,
        {
            "start": start,
            "step": (end - start) / n,
            "orgs": ORGANISATIONS,
            "actions": list(ACTIONS),
            "nactions": len(ACTIONS),
            "active": active,
            "per_case": EVENTS_PER_CASE,
            "n": n,
        },
    )
    for statement in (
        f"ALTER TABLE {PLAIN} ADD PRIMARY KEY (id)",
        f"ALTER TABLE {PLAIN} ADD UNIQUE (stream, seq)",
        f"ALTER TABLE {PLAIN} ADD UNIQUE (hash)",
        f"CREATE INDEX ON {PLAIN} (object_type, object_id, id)",
        f"CREATE INDEX ON {PLAIN} (occurred_at)",
        f"CREATE INDEX ON {PLAIN} (action)",
    ):
        cursor.execute(statement)
    # The partitioned twin is built exactly as migration 0005 builds the real log.
    cursor.execute(
        f"CREATE TABLE {PART} (LIKE {PLAIN} INCLUDING DEFAULTS) PARTITION BY RANGE (occurred_at)"
    )
    from django.utils import timezone

    partitions_ensure(
        connection,
        table=PART,
        first_year=timezone.localtime(start).year,
        through_year=timezone.localtime(end).year,
        revoke_app_role=False,
    )
    cursor.execute(f"INSERT INTO {PART} SELECT * FROM {PLAIN}")
    for statement in (
        f"ALTER TABLE {PART} ADD PRIMARY KEY (id, occurred_at)",
        f"CREATE INDEX ON {PART} (object_type, object_id, id)",
        f"CREATE INDEX ON {PART} (occurred_at)",
        f"CREATE INDEX ON {PART} (action)",
    ):
        cursor.execute(statement)
    cursor.execute(f"VACUUM ANALYZE {PLAIN}")
    cursor.execute(f"VACUUM ANALYZE {PART}")


def _explain(cursor: Any, sql: str, params: list[Any]) -> dict[str, Any]:
    """What the planner kept of the partitioned table, and planning against execution time
    (EXPLAIN ANALYZE) for both tables."""
    import re

    from django.db import connection

    from kernel.audit.partitions import partitions_of

    found: dict[str, Any] = {}
    for table in (PART, PLAIN):
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) {sql.format(t=table)}", params)
        plan = " ".join(line for (line,) in cursor.fetchall())
        times = dict(re.findall(r"(Planning|Execution) Time: ([0-9.]+) ms", plan))
        kind = "partitioned" if table == PART else "plain"
        found[f"{kind}_planning_ms"] = float(times["Planning"])
        found[f"{kind}_execution_ms"] = float(times["Execution"])
        if table == PART:
            names = partitions_of(connection, PART)
            kept = sum(1 for name in names if f" {name} " in f" {plan} ")
            found["partitions_scanned"] = f"{kept} of {len(names)}"
    return found


def bench_audit_partitions(n: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from kernel.audit.partitions import hot_since, partition_name, year_start

    now = timezone.now()
    this_year = timezone.localdate().year
    start = year_start(this_year - YEARS + 1)
    rng = random.Random(15)
    with connection.cursor() as cursor:
        t0 = time.perf_counter()
        _seed_audit(cursor, n, start, now)
        seeded = time.perf_counter() - t0
        cursor.execute(f"SELECT max(object_id::bigint) FROM {PLAIN}")
        last_case = int(cursor.fetchone()[0])
        live = [str(rng.randint(last_case * 9 // 10, last_case)) for _ in range(50)]
        old = [str(rng.randint(0, last_case // 10)) for _ in range(50)]
        last_year = this_year - 1
        queries: dict[str, tuple[str, Callable[[], list[Any]], int]] = {
            # audit_record's read of the stream's head (a live case), bounded to the hot
            # partitions as audit_record does, and unbounded as it did before
            "append_head": (
                "SELECT seq, hash FROM {t} WHERE stream = %s AND occurred_at >= %s "
                "ORDER BY seq DESC LIMIT 1",
                lambda: ["case:" + rng.choice(live), hot_since(now)],
                50,
            ),
            "append_head_unbounded": (
                "SELECT seq, hash FROM {t} WHERE stream = %s ORDER BY seq DESC LIMIT 1",
                lambda: ["case:" + rng.choice(live)],
                50,
            ),
            # the dossier: every event of a case, a live one and one from ten years ago
            "dossier_live_case": (
                "SELECT * FROM {t} WHERE object_type = 'cases.Case' AND object_id = %s ORDER BY id",
                lambda: [rng.choice(live)],
                50,
            ),
            "dossier_old_case": (
                "SELECT * FROM {t} WHERE object_type = 'cases.Case' AND object_id = %s ORDER BY id",
                lambda: [rng.choice(old)],
                50,
            ),
            # an organisation's activity of the last 30 days (bounded in time: pruned)
            "organisation_last_30_days": (
                "SELECT * FROM {t} WHERE organisation_id = %s AND occurred_at >= %s "
                "ORDER BY occurred_at DESC LIMIT 50",
                lambda: [rng.randrange(ORGANISATIONS), now - dt.timedelta(days=30)],
                50,
            ),
            # last year's report: events by action (bounded in time: pruned)
            "report_last_year": (
                "SELECT action, count(*) FROM {t} WHERE occurred_at >= %s AND occurred_at < %s "
                "GROUP BY action",
                lambda: [year_start(last_year), year_start(last_year + 1)],
                3,
            ),
        }
        for name, (sql, params, repeat) in queries.items():
            timings = {}
            for table in (PART, PLAIN):
                statement = sql.format(t=table)
                cursor.execute(statement, params())  # warm the cache
                cursor.fetchall()

                def run(
                    statement: str = statement, params: Callable[[], list[Any]] = params
                ) -> object:
                    cursor.execute(statement, params())
                    return cursor.fetchall()

                timings[table] = _median_ms(run, repeat)
            explained = _explain(cursor, sql, params())
            _emit(
                figure=f"retention.audit.{name}",
                events=n,
                years=YEARS,
                partitioned_ms=timings[PART],
                plain_ms=timings[PLAIN],
                ratio=round(timings[PART] / timings[PLAIN], 2),
                **explained,
            )
        # Appending 1,000 events to live cases as audit_record does (head on the hot
        # partitions, then one INSERT), in one transaction, rolled back.
        timings = {}
        for table in (PART, PLAIN):

            def append(table: str = table) -> None:
                with transaction.atomic():
                    for i in range(1000):
                        stream = "case:" + live[i % len(live)]
                        cursor.execute(
                            f"SELECT seq, hash FROM {table} WHERE stream = %s AND "
                            "occurred_at >= %s ORDER BY seq DESC LIMIT 1",
                            [stream, hot_since(now)],
                        )
                        seq, prev = cursor.fetchone()
                        cursor.execute(
                            f"INSERT INTO {table} (id, occurred_at, actor_id, actor_name, "
                            "organisation_id, organisation_name, action, object_type, object_id, "
                            "object_repr, from_state, to_state, reason, request_id, payload, "
                            "stream, seq, prev_hash, hash) VALUES (%s, %s, 1, '狱政科 张三', 1, "
                            "'某省第一监狱', 'case.document_viewed', 'cases.Case', %s, '', '', '', "
                            "'', '', '{}', %s, %s, %s, md5(random()::text) || md5(random()::text))",
                            [n + 1 + i, now, stream[5:], stream, seq + 1, prev],
                        )
                    transaction.set_rollback(True)

            timings[table] = _median_ms(append, 3)
        _emit(
            figure="retention.audit.append_1000_events",
            events=n,
            partitioned_ms=timings[PART],
            plain_ms=timings[PLAIN],
            ratio=round(timings[PART] / timings[PLAIN], 2),
        )
        # Retention: removing the oldest year (rolled back; the real log is append-only and
        # only its owner may drop a partition after the retention period).
        oldest = timezone.localtime(start).year

        def drop_partition() -> None:
            with transaction.atomic():
                cursor.execute(
                    f"ALTER TABLE {PART} DETACH PARTITION {partition_name(PART, oldest)}"
                )
                cursor.execute(f"DROP TABLE {partition_name(PART, oldest)}")
                transaction.set_rollback(True)

        def delete_rows() -> None:
            with transaction.atomic():
                cursor.execute(
                    f"DELETE FROM {PLAIN} WHERE occurred_at < %s", [year_start(oldest + 1)]
                )
                transaction.set_rollback(True)

        dropped, deleted = _median_ms(drop_partition, 1), _median_ms(delete_rows, 1)
        _emit(
            figure="retention.audit.remove_oldest_year",
            events=n,
            drop_partition_ms=dropped,
            delete_rows_ms=deleted,
            ratio=round(dropped / deleted, 4),
            note="DETACH + DROP of one yearly partition against DELETE of the same year's rows",
        )
        sizes = {}
        for table in (PART, PLAIN):
            cursor.execute(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "WHERE c.oid = %s::regclass OR c.oid IN "
                "(SELECT inhrelid FROM pg_inherits WHERE inhparent = %s::regclass)",
                [table, table],
            )
            sizes[table] = int(cursor.fetchone()[0])
        _emit(
            figure="retention.audit.size",
            events=n,
            seed_seconds=round(seeded, 1),
            partitioned_bytes=sizes[PART],
            plain_bytes=sizes[PLAIN],
            partitioned_bytes_per_event=round(sizes[PART] / n),
            plain_bytes_per_event=round(sizes[PLAIN] / n),
        )
        if not os.environ.get("TEOP_BENCH_RETENTION_KEEP"):  # kept to EXPLAIN by hand
            for table in (PART, PLAIN):
                cursor.execute(f"DROP TABLE IF EXISTS {table} CASCADE")


def _seed_notices(cursor: Any, n: int, start: dt.datetime, end: dt.datetime) -> None:
    """Ten years of delivered (and read) notices; one in a thousand to the inbox's user."""
    from kernel.accounts.models import User

    users: list[tuple[int, int | None]] = list(
        User.objects.filter(organisation__isnull=False).values_list("pk", "organisation_id")
    )
    inbox = User.objects.get(username="bench_clerk")
    others = [u for u in users if u[0] != inbox.pk] or [(inbox.pk, inbox.organisation_id)]
    cursor.execute(
        """
        INSERT INTO notices_notice (delivery_key, channel, recipient_id,
            recipient_organisation_id, subject, body, link, severity, status, attempts,
            deliveries, next_attempt_at, last_error, created_at, delivered_at, read_at)
        SELECT 'retention:' || g, 'in_app',
            CASE WHEN g %% 1000 = 0 THEN %(inbox)s ELSE (%(users)s::bigint[])[1 + g %% %(nu)s] END,
            CASE WHEN g %% 1000 = 0 THEN %(inbox_org)s
                 ELSE (%(orgs)s::bigint[])[1 + g %% %(nu)s] END,
            '期限提醒 案件 ' || g, '办理期限即将届满，请及时处理。', '/cases/' || g || '/',
            'info', 'delivered', 1, 1, t, '', t, t, t + interval '1 day'
        FROM (SELECT g, %(start)s + (g - 1) * %(step)s AS t
              FROM generate_series(1, %(n)s) AS g) AS s
        """,
        {
            "inbox": inbox.pk,
            "inbox_org": inbox.organisation_id,
            "users": [u[0] for u in others],
            "orgs": [u[1] for u in others],
            "nu": len(others),
            "start": start,
            "step": (end - start) / n,
            "n": n,
        },
    )
    cursor.execute("VACUUM ANALYZE notices_notice")


def _sweep_and_inbox(cursor: Any, now: dt.datetime, due: int, repeat: int = 3) -> dict[str, float]:
    """The sweep firing `due` rungs (their notices removed and rungs re-armed after each
    run), then the two inbox pages of the bench clerk."""
    from django.test import Client

    from kernel.accounts.models import User
    from kernel.deadlines.services import sweep

    cursor.execute("SELECT coalesce(max(id), 0) FROM notices_notice")
    before = int(cursor.fetchone()[0])
    sweeps = []
    for _ in range(repeat):
        cursor.execute(
            "UPDATE deadlines_deadlinerung SET fires_at = %s, fired_at = NULL WHERE id <= %s",
            [now - dt.timedelta(minutes=1), due],
        )
        t0 = time.perf_counter()
        run = sweep(now=now)
        sweeps.append(time.perf_counter() - t0)
        assert run.rungs_fired == due, run.rungs_fired
        cursor.execute("DELETE FROM notices_notice WHERE id > %s", [before])
    client = Client()
    client.force_login(User.objects.get(username="bench_clerk"))
    figures = {"sweep_ms": round(statistics.median(sweeps) * 1000, 1)}
    for name, url in (("my_work_ms", "/"), ("notices_ms", "/notices/")):
        assert client.get(url).status_code == 200

        def get(url: str = url) -> object:
            return client.get(url)

        figures[name] = _median_ms(get, 7)
    return figures


def bench_notices_history(n: int, deadlines: int = 20_000, due: int = 1_000) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.seeding import seed_open_deadlines
    from kernel.accounts.models import Organisation
    from kernel.audit.partitions import year_start

    if not Organisation.objects.filter(name="BENCH 11 监狱管理局").exists():
        call_command("seed_bench", "--cases", "1000", verbosity=0)
    now = timezone.now()
    start = year_start(timezone.localdate().year - YEARS + 1)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE notices_notice RESTART IDENTITY")
        seed_open_deadlines(deadlines, now=now)
        empty = _sweep_and_inbox(cursor, now, due)
        t0 = time.perf_counter()
        _seed_notices(cursor, n, start, now)
        seeded = time.perf_counter() - t0
        full = _sweep_and_inbox(cursor, now, due)
        cursor.execute("SELECT pg_total_relation_size('notices_notice')")
        size = int(cursor.fetchone()[0])
        cursor.execute("TRUNCATE notices_notice RESTART IDENTITY")
    for name, label in (
        ("sweep_ms", "sweep"),
        ("my_work_ms", "inbox.my_work"),
        ("notices_ms", "inbox.notices"),
    ):
        _emit(
            figure=f"retention.{label}",
            notices=n,
            years=YEARS,
            with_history_ms=full[name],
            empty_notice_table_ms=empty[name],
            ratio=round(full[name] / empty[name], 2),
            note=(
                f"{deadlines} open deadlines, {due} due rungs fired per sweep"
                if name == "sweep_ms"
                else "the bench clerk's page; one notice in 1,000 of the history is theirs"
            ),
        )
    _emit(
        figure="retention.notices.size",
        notices=n,
        seed_seconds=round(seeded, 1),
        bytes=size,
        bytes_per_notice=round(size / n),
    )


def bench_retention() -> None:
    n = int(os.environ.get("TEOP_BENCH_RETENTION_EVENTS", "10000000"))
    bench_audit_partitions(n)
    bench_notices_history(n)
