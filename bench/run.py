"""`make bench`: fixed, seeded data sizes; one JSON line per figure on stdout.

`bench/run.py [calendar] [lists] [caseload] [sweep] [pdf] [signing] [audit] [anomalies] [pages]
[retention]` runs only the figures named. Sizes (defaults are `make bench`'s): the calendar's
BENCH_CALENDAR_COMPUTATIONS (1,000,000 pure clock computations) and BENCH_RECOMPUTE_DEADLINES
(1,000,000 provisional deadlines recomputed by loading a year), the sweep's
BENCH_SWEEP_DEADLINES (1,000,000 open deadlines) and BENCH_SWEEP_DUE (2,000 due rungs), pages'
BENCH_PAGES_* (bench/pages.py), retention's TEOP_BENCH_RETENTION_EVENTS (bench/retention.py);
lists, caseload and anomalies at 1,000 and 100,000. The README's Benchmarks section lists every
figure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


#: Every figure of a run, one JSON line each, beside stdout (`make bench` starts it afresh);
#: bench/report.py turns it into var/bench/report.html.
FIGURES_FILE = Path(
    os.environ.get(
        "TEOP_BENCH_FIGURES", Path(__file__).resolve().parent.parent / "var/bench/figures.jsonl"
    )
)


def emit(**figure: object) -> None:
    line = json.dumps(figure, ensure_ascii=False)
    print(line, flush=True)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    with FIGURES_FILE.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    admin_url, name = url.rsplit("/", 1)
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_calendar(n: int = 1_000_000) -> None:
    """`n` pure working-day computations; then loading 2027's official days over
    BENCH_RECOMPUTE_DEADLINES provisional deadlines (1,000,000 by default, the size issue 15
    asks), each recomputed, against the bare UPDATE/DELETE/INSERT of the same dates."""
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
    from bench.sweep import recompute_compare

    provisional = int(os.environ.get("BENCH_RECOMPUTE_DEADLINES", "1000000"))
    measured = recompute_compare(provisional)
    emit(
        figure="calendar.load_recomputes_provisional_deadlines",
        provisional_deadlines=provisional,
        recomputed=measured["recomputed"],
        audit_events=measured["audit_events"],
        measured_seconds=round(measured["measured_seconds"], 2),
        baseline_seconds=round(measured["baseline_seconds"], 2),
        ratio=round(measured["measured_seconds"] / measured["baseline_seconds"], 2),
        note="measured: calendar_year_replace of 2027 recomputing every provisional deadline "
        "(one audit event each, hash-chained); baseline: dates precomputed untimed, then one "
        "UPDATE, one DELETE and one INSERT of rungs in one transaction, no audit events",
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
        # The reset deleted the previous data set: reclaim the dead rows so they do not
        # slow index scans, and refresh the planner's statistics.
        cursor.execute("VACUUM ANALYZE")
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


def bench_sweep(n: int = 1_000_000, due: int = 2_000) -> None:
    """The sweeper over n open deadlines (4 rungs each), `due` of whose rungs are due, next to
    the bare SQL that selects the due rungs in the same run."""
    from django.db import connection
    from django.utils import timezone

    from bench.seeding import seed_open_deadlines
    from kernel.deadlines.services import sweep

    now = timezone.now()
    # Deadlines due a week on and later (no rung due yet), then `due` rungs made due.
    seed_open_deadlines(n, now=now, due=due)
    with connection.cursor() as c:
        bare_sql = """
            SELECT r.id FROM deadlines_deadlinerung r
            JOIN deadlines_deadline d ON d.id = r.deadline_id
            WHERE r.fired_at IS NULL AND r.fires_at <= %s AND d.status IN ('open', 'overdue')
        """
        t0 = time.perf_counter()
        c.execute(bare_sql, [now])
        selected = len(c.fetchall())
        bare = time.perf_counter() - t0
    from bench.sweep import compare

    measured = compare(now)
    if not measured["same_notices"]:
        raise SystemExit("the sweep and its SQL baseline wrote different notices")
    t0 = time.perf_counter()
    again = sweep(now=now)
    second = time.perf_counter() - t0
    emit(
        figure="deadlines.sweep",
        open_deadlines=n,
        rungs=4 * n,
        due_rungs=selected,
        fired=measured["fired"],
        notices=measured["notices"],
        same_notices_as_baseline=measured["same_notices"],
        measured_seconds=round(measured["sweep_seconds"], 3),
        baseline_seconds=round(measured["baseline_seconds"], 3),
        ratio=round(measured["sweep_seconds"] / measured["baseline_seconds"], 2),
        bare_select_seconds=round(bare, 4),
        second_sweep_fired=again.rungs_fired,
        second_sweep_seconds=round(second, 3),
        note="measured: sweep() including the hand-over of its notices to the broker; "
        "baseline: one hand-written SQL transaction marking passed deadlines overdue, claiming "
        "the due rungs and inserting the same notices (rows compared by md5), no broker; best "
        "of 2 runs each, alternated on the same data",
    )


def bench_pdf(repeat: int = 20) -> None:
    import datetime as dt
    import statistics

    from django.template.loader import render_to_string
    from weasyprint import HTML

    from kernel.documents.pdf import covered_codepoints, render_pdf

    context = {
        "document_title": "暂予监外执行通知书",
        "document_number": "浙狱通〔2026〕1号",
        "issuing_organisation": "浙江省第一监狱",
        "issued_on": dt.date(2026, 11, 23),
        "addressee": "杭州市西湖区社区矫正机构",
        "paragraphs": ["罪犯张三经批准暂予监外执行，请依法接收并实施社区矫正。" * 3],
        "facts": [("姓名", "张三"), ("刑期届满日", "2031年12月31日")],
    }
    covered_codepoints()  # the font map is read once per process
    render_pdf("notice", context)
    html = render_to_string("pdf/notice.html", context)
    ours, bare = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        render_pdf("notice", context)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        HTML(string=html).write_pdf()
        bare.append(time.perf_counter() - t0)
    emit(
        figure="pdf.notice_one_page",
        repeat=repeat,
        helper_median_ms=round(statistics.median(ours) * 1000, 1),
        bare_weasyprint_median_ms=round(statistics.median(bare) * 1000, 1),
        overhead_ratio=round(statistics.median(ours) / statistics.median(bare), 2),
    )


def bench_signing(repeat: int = 20) -> None:
    """PAdES signing and verification of a one-page decision, against rendering it: what the
    signature adds to issuing a decision, and what the status on the page costs."""
    import datetime as dt
    import statistics
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from kernel.accounts.models import Organisation
    from kernel.accounts.roles import Level, OrganisationType
    from kernel.documents.pdf import render_pdf
    from kernel.signing.keystore import demo_ca_ensure, signer_for
    from kernel.signing.pdf import pdf_sign, pdf_verify

    settings.SIGNING_KEYSTORE_DIR = Path(tempfile.mkdtemp(prefix="bench-keystore-"))
    demo_ca_ensure()
    authority = Organisation(
        name="BENCH 省监狱管理局",
        type=OrganisationType.PRISON_ADMINISTRATION,
        level=Level.PROVINCE,
        region_code="330000",
    )
    signer = signer_for(authority)
    context = {
        "document_title": "暂予监外执行决定书",
        "document_number": "浙狱管决〔2026〕1号",
        "issuing_organisation": "浙江省监狱管理局",
        "issued_on": dt.date(2026, 11, 30),
        "addressee": "浙江省第一监狱",
        "paragraphs": ["经审查，罪犯张三符合暂予监外执行条件，决定暂予监外执行。" * 3],
        "facts": [("姓名", "张三"), ("刑期届满日", "2031年12月31日")],
    }
    pdf = render_pdf("notice", context)
    signed = pdf_sign(pdf, signer=signer, reason="暂予监外执行决定书", location="杭州")
    assert pdf_verify(signed).status == "valid"
    render_t, sign_t, verify_t = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        render_pdf("notice", context)
        render_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pdf_sign(pdf, signer=signer, reason="暂予监外执行决定书", location="杭州")
        sign_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pdf_verify(signed)
        verify_t.append(time.perf_counter() - t0)
    emit(
        figure="signing.decision_one_page",
        repeat=repeat,
        render_median_ms=round(statistics.median(render_t) * 1000, 1),
        sign_median_ms=round(statistics.median(sign_t) * 1000, 1),
        verify_median_ms=round(statistics.median(verify_t) * 1000, 1),
        signed_bytes=len(signed),
        unsigned_bytes=len(pdf),
    )


def _audit_writer(case_id: int, events: int, work_ms: float, barrier: Any, results: Any) -> None:
    """One writer process: its own connection, `events` audited writes to one case, each in
    its own transaction; `work_ms` of other work follows the append inside the transaction,
    as in a real service (the stream's lock is held until commit)."""
    from django.db import connection, transaction

    from cases.models import Case
    from kernel.audit.services import audit_record

    case = Case.objects.select_related("offender").get(pk=case_id)
    barrier.wait()
    for i in range(events):
        with transaction.atomic():
            audit_record(actor=None, action="bench.audited_write", obj=case, payload={"i": i})
            if work_ms:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_sleep(%s)", [work_ms / 1000])
    results.put(events)


def _audit_run(case_ids: list[int], events: int, work_ms: float) -> float:
    """Start one process per case id, release them together; events per second overall."""
    import multiprocessing

    from django.db import connections

    # Children must open their own connections, never share the parent's socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(case_ids) + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_audit_writer, args=(case_id, events, work_ms, barrier, results))
        for case_id in case_ids
    ]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    written = sum(results.get(timeout=600) for _ in processes)
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"an audit writer failed (exit {process.exitcode})")
    return float(written) / elapsed


def bench_audit(writers: tuple[int, ...] = (2, 4, 8), events: int = 200) -> None:
    """Audited writes: N concurrent writers on N different cases (N chains, N locks) against
    one writer, for N = 2, 4, 8, and the same N writers on ONE case (one chain, one lock: what
    every write in the country did before chains per stream). On this 2-core machine shared
    with the database, N writers with no work in the transaction can reach about 2x at most;
    with 20 ms of work held in the transaction (a real service), N different cases should
    give about N x, one case about 1 x."""
    from django.core.management import call_command

    from cases.models import Case
    from kernel.audit.services import audit_verify

    most = max(writers)
    if Case.objects.count() < most:
        call_command("seed_bench", "--cases", "1000", verbosity=0)
    case_ids = list(Case.objects.order_by("pk").values_list("pk", flat=True)[:most])
    for work_ms in (0.0, 20.0):
        one = _audit_run(case_ids[:1], events, work_ms)
        for n in writers:
            apart = _audit_run(case_ids[:n], events, work_ms)
            together = _audit_run([case_ids[0]] * n, events, work_ms)
            emit(
                figure="audit.concurrent_writers",
                writers=n,
                events_per_writer=events,
                work_in_transaction_ms=work_ms,
                measured_per_second=round(apart),
                baseline_per_second=round(one),
                ratio=round(apart / one, 2),
                n_writers_one_case_per_second=round(together),
                ratio_one_case=round(together / one, 2),
                note="measured: N writer processes on N different cases; baseline: one writer; "
                "each event in its own transaction and connection; the stream lock is held "
                "until commit, so work after the append is serialised per case only",
            )
    result = audit_verify(checkpoints=False)
    emit(
        figure="audit.verify_after_bench",
        events=result.events,
        streams=result.streams,
        intact=result.intact,
    )


def main() -> None:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("calendar_sync", verbosity=0)
    wanted = set(sys.argv[1:]) or {
        "calendar",
        "lists",
        "caseload",
        "sweep",
        "pdf",
        "signing",
        "audit",
        "anomalies",
        "pages",
        "retention",
    }
    if wanted & {"calendar", "sweep"} and not _organisation_exists("BENCH 11 监狱管理局"):
        # Their clocks belong to the bench's cases (a fresh database has none yet).
        call_command("seed_bench", "--cases", "1000", verbosity=0)
    if "calendar" in wanted:
        bench_calendar(int(os.environ.get("BENCH_CALENDAR_COMPUTATIONS", "1000000")))
    if "lists" in wanted:
        bench_lists()
    if "caseload" in wanted:
        bench_caseload()
    if "sweep" in wanted:
        bench_sweep(
            int(os.environ.get("BENCH_SWEEP_DEADLINES", "1000000")),
            int(os.environ.get("BENCH_SWEEP_DUE", "2000")),
        )
    if "pdf" in wanted:
        bench_pdf()
    if "signing" in wanted:
        bench_signing()
    if "audit" in wanted:
        bench_audit()
    if "anomalies" in wanted:
        bench_anomalies()
    if "pages" in wanted:
        from bench.pages import bench_pages  # pages against their bare views (issue 15)

        bench_pages()
    if "retention" in wanted:
        from bench.retention import bench_retention

        bench_retention()


def _organisation_exists(name: str) -> bool:
    from kernel.accounts.models import Organisation

    return Organisation.objects.filter(name=name).exists()


def bench_lists() -> None:
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


def bench_caseload_page(size: int) -> dict[str, int]:
    """The caseload (`/supervision/caseload/`) with `size` people under supervision in ten
    provinces: the SQL queries of one page as the officer of one province's institution and as
    a procurator, and of the reviews page; the same at every size."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kernel.accounts.models import User

    started = time.perf_counter()
    call_command("seed_bench", "--cases", str(size), "--reset", verbosity=0)
    call_command("seed_bench_caseload", verbosity=0)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    emit(figure="seed_bench_caseload", supervised=size, seconds=round(seeded, 1))
    counts: dict[str, int] = {}
    for username, url in (
        ("bench_officer", "/supervision/caseload/"),
        ("bench_officer", "/supervision/caseload/?sort=-expiry&warned=on"),
        ("bench_officer", "/supervision/caseload/?overdue=on&page=2"),
        ("bench_procurator", "/supervision/caseload/"),
        ("bench_approver", "/supervision/reviews/"),
    ):
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(5):
            t0 = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - t0)
        emit(
            figure="caseload_page",
            url=url,
            user=username,
            supervised=size,
            sql_queries=queries,
            median_ms=round(sorted(timings)[2] * 1000, 1),
        )
        counts[f"{username} {url}"] = queries
    return counts


def bench_caseload() -> None:
    counts: dict[int, dict[str, int]] = {}
    for size in (1_000, 100_000):
        counts[size] = bench_caseload_page(size)
    emit(
        figure="caseload_page.constant_queries",
        sizes=list(counts),
        constant=counts[1_000] == counts[100_000],
        queries=counts[1_000],
    )
    if counts[1_000] != counts[100_000]:
        raise SystemExit("the caseload issues more SQL queries at 100,000 people than at 1,000")


def bench_anomalies_page(size: int) -> int:
    """The anomaly dashboard (`/procuracy/anomalies/`) of one procuratorate over `size` cases
    (the caseload's synthetic supervisions): its SQL queries, the same at every size, one a
    signal; timed three times to stay bounded."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kernel.accounts.models import User

    call_command("seed_bench", "--cases", str(size), "--reset", verbosity=0)
    call_command("seed_bench_caseload", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    client = Client()
    client.force_login(User.objects.get(username="bench_procurator"))
    url = "/procuracy/anomalies/"
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    assert response.status_code == 200, response.status_code
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - t0)
    emit(
        figure="anomalies_page",
        url=url,
        cases=size,
        sql_queries=queries,
        median_ms=round(sorted(timings)[1] * 1000, 1),
    )
    return queries


def bench_anomalies() -> None:
    counts = {size: bench_anomalies_page(size) for size in (1_000, 100_000)}
    emit(
        figure="anomalies_page.constant_queries",
        sizes=list(counts),
        constant=counts[1_000] == counts[100_000],
        queries=counts[1_000],
    )
    if counts[1_000] != counts[100_000]:
        raise SystemExit("the anomaly dashboard issues more SQL queries at 100,000 cases")


if __name__ == "__main__":
    main()
