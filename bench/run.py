"""`make bench`: fixed, seeded data sizes; one JSON line per figure on stdout."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def emit(**figure: object) -> None:
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    admin_url, name = url.rsplit("/", 1)
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_calendar(n: int = 1_000_000) -> None:
    from kernel.workcalendar.clock import add_working_days
    from kernel.workcalendar.services import calendar_load

    calendar = calendar_load()
    rng = random.Random(7)
    first = dt.date(2024, 1, 1)
    inputs = [
        (first + dt.timedelta(days=rng.randint(0, 900)), rng.randint(1, 15)) for _ in range(n)
    ]
    started = time.perf_counter()
    for start, days in inputs:
        add_working_days(calendar, start, days)
    elapsed = time.perf_counter() - started
    emit(
        figure="calendar.add_working_days",
        computations=n,
        seconds=round(elapsed, 3),
        per_second=round(n / elapsed),
        note="pure clock, trace included, 2024-2026 calendar",
    )


def bench_list_page(size: int) -> dict[str, int]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kernel.accounts.models import User

    started = time.perf_counter()
    call_command("seed_bench", "--cases", str(size), "--reset", verbosity=0)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    emit(figure="seed_bench", offenders=size, seconds=round(seeded, 1))
    counts: dict[str, int] = {}
    for username, url in (
        ("bench_clerk", "/offenders/"),
        ("bench_clerk", "/cases/"),
        ("bench_procurator", "/cases/"),
        ("bench_clerk", "/api/v1/offenders/"),
    ):
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        # Read the count now: every new request clears the connection's query log.
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - t0)
        emit(
            figure="list_page",
            url=url,
            user=username,
            offenders=size,
            sql_queries=queries,
            median_ms=round(sorted(timings)[2] * 1000, 1),
        )
        counts[f"{username} {url}"] = queries
    return counts


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("calendar_sync", verbosity=0)
    bench_calendar()
    counts: dict[int, dict[str, int]] = {}
    for size in (1_000, 100_000):
        counts[size] = bench_list_page(size)
    emit(
        figure="list_page.constant_queries",
        sizes=list(counts),
        constant=counts[1_000] == counts[100_000],
        queries=counts[1_000],
    )
    if counts[1_000] != counts[100_000]:
        raise SystemExit("list pages issue more SQL queries at 100,000 offenders than at 1,000")


if __name__ == "__main__":
    main()
