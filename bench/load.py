"""Sustained load: gunicorn with the production settings on 127.0.0.1, driven by locust.

`bench/load.py [--cases 100000] [--seconds 60] [--users 10,20,50] [--workers 3]
[--think 3,10] [--paced-users 50]` seeds the benchmark data set (seed_bench), starts gunicorn
with config.settings.production, signs the bench users in through the real login form, and runs
locust headless, two kinds of run on the same server and data:

- saturated (closed loop, no think time): the realistic mix (bench/locustfile.py CaseWorker) at
  each number of users, then the Django admin's changelist of cases (AdminChangelist). Every
  user sends its next request as soon as the last one is answered, so the server is busy all the
  time: these runs measure throughput. They check the goals "the mix's throughput at least 3x
  the admin changelist's at 50 users" (`load.throughput_vs_admin`) and "throughput that does
  not fall as users are added" (`load.scaling`). Their latency is not a goal: by Little's law
  N users with no think time wait N / throughput seconds on average whatever the code does
  (50 users at 50 req/s: one second), so `load.p95` is reported without a goal.
- paced (PacedCaseWorker): the same mix, 50 users each thinking a uniform 3 to 10 s
  (`--think`, BENCH_LOAD_THINK) between requests, as people working. It checks "p95 at most
  500 ms at 50 users" (`load.paced`): offered load (users / mean think time) against the
  requests served, p50/p95/p99 and errors.

Every run counts its errors (`load.errors`: the goal is none). One JSON line per run and per
ratio (bench/run.py's emit(), so they reach var/bench/figures.jsonl too).

The caches are production's: Redis (the bench's, CELERY_BROKER_URL) for the shared cache and
for the rendered PDFs (kernel/documents/pdf.py keeps a PDF by the sha256 of its HTML, so an
unchanged document is drawn once). The PDFs kept by an earlier load run are removed before the
server starts, so every load run starts cold; each run reports its PDF requests and how many
new PDFs the cache holds after it (`pdf_cache`: the requests not drawn are roughly the
difference, a download drawn again because its case changed counting as a new PDF).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from bench.run import emit, ensure_database  # noqa: E402

P95_GOAL_MS = 500
ADMIN_RATIO_GOAL = 3.0


def step(what: str) -> None:
    print(f"# {time.strftime('%H:%M:%S')} {what}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_env(port: int) -> dict[str, str]:
    """What config.settings.production requires, for a run on 127.0.0.1. Nothing here weakens
    a production default: the TLS redirect, secure cookies and HSTS stay on, and the clients
    speak as the TLS proxy does (bench/locustfile.py)."""
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "TEOP_AUDIT_HMAC_KEY": secrets.token_urlsafe(48),
        "TEOP_OTP_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        # Shared by every gunicorn worker, as in docker-compose.yml (which gives the PDFs a
        # Redis database of their own; here they share the bench's, under their key prefix).
        "TEOP_CACHE_URL": os.environ["CELERY_BROKER_URL"],
        "TEOP_DOCUMENT_CACHE_URL": os.environ["CELERY_BROKER_URL"],
        "DJANGO_LOG_LEVEL": "WARNING",
    }


class DocumentCache:
    """The rendered PDFs the gunicorn workers keep in Redis (the `documents` cache alias of
    config/settings/base.py, KEY_PREFIX "teop-documents")."""

    PATTERN = "teop-documents:*"

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def keys(self) -> list[bytes]:
        return list(self.redis.scan_iter(match=self.PATTERN, count=1000))

    def clear(self) -> None:
        for key in self.keys():
            self.redis.delete(key)

    def count(self) -> int:
        return len(self.keys())


PDF_PAGE = "/cases/[id]/documents/[pdf]"


class ServerCPU:
    """CPU seconds (user + system) the web server and the database server have used so far:
    gunicorn's master and workers, PostgreSQL's postmaster and every backend, the processes
    that have exited included (their parent reaped them: its children's times). Read before
    and after a run, the difference divided by the requests served is what one request costs
    each server, whichever core it ran on."""

    def __init__(self, gunicorn_pid: int) -> None:
        import psutil

        self.web = psutil.Process(gunicorn_pid)
        self.database = self._postmaster()

    @staticmethod
    def _postmaster() -> Any:
        """The bench database's postmaster: the parent of a backend of ours (the database runs
        on this machine: bench/load.py serves 127.0.0.1). None if it cannot be read."""
        import psutil
        import psycopg

        try:
            with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
                row = conn.execute("SELECT pg_backend_pid()").fetchone()
            return psutil.Process(int(row[0])).parent() if row else None
        except (psycopg.Error, psutil.Error):
            return None

    @staticmethod
    def _tree_seconds(process: Any) -> float:
        import psutil

        times = process.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in process.children(recursive=True):
            try:
                child_times = child.cpu_times()
            except psutil.Error:  # exited meanwhile: its parent's children times hold it
                continue
            total += child_times.user + child_times.system
        return float(total)

    def read(self) -> dict[str, float]:
        seconds = {"web": self._tree_seconds(self.web)}
        if self.database is not None:
            seconds["database"] = self._tree_seconds(self.database)
        return seconds


def seed(cases: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Offender

    call_command("migrate", verbosity=0)
    call_command("calendar_sync", verbosity=0)
    # Reseeding 100,000 cases takes minutes: keep a data set of the right size.
    if Offender.objects.filter(name__startswith="基准").count() != cases:
        started = time.perf_counter()
        call_command("seed_bench", "--cases", str(cases), "--reset", verbosity=0)
        emit(figure="seed_bench", offenders=cases, seconds=round(time.perf_counter() - started, 1))
    else:
        from cases.management.commands.seed_bench import _organisations

        _organisations()  # the bench users, with the production password hash
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def plan_cases() -> list[int]:
    """Cases the bench clerk sees: read and written at random."""
    from cases.selectors import case_list_for_user
    from kernel.accounts.models import User

    clerk = User.objects.get(username="bench_clerk")
    return list(case_list_for_user(user=clerk).order_by("pk").values_list("pk", flat=True)[:2000])


class Gunicorn:
    def __init__(self, port: int, workers: int, env: dict[str, str], log: Path) -> None:
        self.port, self.log = port, log
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
                "--backlog",
                "2048",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.base}/accounts/login/", timeout=10, allow_redirects=False)
                return
            except (requests.ConnectionError, requests.Timeout):
                if self.process.poll() is not None:
                    raise SystemExit(f"gunicorn stopped: {log.read_text()[-2000:]}") from None
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 120 s")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def sign_in(base: str, origin: str, username: str) -> dict[str, str]:
    """The real login form, as the browser sends it through the TLS proxy."""
    from cases.management.commands.seed_bench import BENCH_PASSWORD

    proxy = {"X-Forwarded-Proto": "https"}
    page = requests.get(f"{base}/accounts/login/", headers=proxy, timeout=30)
    page.raise_for_status()
    csrftoken = page.cookies["csrftoken"]
    response = requests.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": csrftoken},
        headers={
            **proxy,
            "Cookie": f"csrftoken={csrftoken}",
            "Origin": origin,
            "Referer": f"{origin}/accounts/login/",
        },
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in response.cookies:
        raise SystemExit(f"{username} could not sign in: {response.status_code}")
    return {
        "sessionid": str(response.cookies["sessionid"]),
        "csrftoken": str(response.cookies.get("csrftoken") or csrftoken),
    }


def locust_command() -> str:
    here = Path(sys.executable).parent / "locust"
    found = os.environ.get("LOCUST") or (str(here) if here.exists() else shutil.which("locust"))
    if not found:
        raise SystemExit("locust is not installed: `make venv-dev` (requirements/dev.txt)")
    return found


def think_time(value: str) -> tuple[float, float]:
    """ "3,10" -> (3.0, 10.0): the least and the most seconds a paced user thinks."""
    try:
        low, high = (float(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: want LOW,HIGH in seconds") from None
    if not 0 <= low <= high or high == 0:
        raise argparse.ArgumentTypeError(f"{value!r}: want 0 <= LOW <= HIGH, HIGH > 0")
    return low, high


def run_locust(
    *,
    user_class: str,
    users: int,
    seconds: int,
    host: str,
    plan: Path,
    workdir: Path,
    spawn_rate: float | None = None,
    think: tuple[float, float] | None = None,
    documents: DocumentCache | None = None,
    cpu: ServerCPU | None = None,
) -> dict[str, Any]:
    """One headless locust run; `spawn_rate` users started a second (default: all at once).
    With `documents`, the result says how many new PDFs the cache holds after the run; with
    `cpu`, what one request cost the web server, the database and locust in CPU milliseconds."""
    import resource

    kept_before = documents.count() if documents else 0
    cpu_before = cpu.read() if cpu else {}
    # Locust is the only child this process reaps during the run: its CPU time.
    locust_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    prefix = workdir / f"{user_class}-{users}"
    env = {**os.environ, "BENCH_LOAD_PLAN": str(plan)}
    if think is not None:
        env["BENCH_LOAD_THINK"] = f"{think[0]},{think[1]}"
    subprocess.run(  # noqa: S603 - locust from the virtualenv
        [
            locust_command(),
            "-f",
            str(ROOT / "bench/locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate or users),
            "--run-time",
            f"{seconds}s",
            "--reset-stats",
            "--stop-timeout",
            "10",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            user_class,
        ],
        env=env,
        check=False,  # locust exits 1 when a request failed: the figure says so
        stdout=(workdir / f"{prefix.name}.log").open("wb"),
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    cpu_spent = {k: v - cpu_before[k] for k, v in cpu.read().items()} if cpu else {}
    wall = time.monotonic() - started
    locust_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu:
        cpu_spent["load_generator"] = (locust_after.ru_utime - locust_before.ru_utime) + (
            locust_after.ru_stime - locust_before.ru_stime
        )
    rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    served = int(total["Request Count"])
    cpu_figures = (
        {
            "cpu_ms_per_request": {
                k: round(1000 * v / served, 1) if served else None for k, v in cpu_spent.items()
            },
            # Cores each kept busy over the whole locust run, its start and stop included (the
            # web server, the database and locust share this machine's cores).
            "cores_busy": {k: round(v / wall, 2) for k, v in cpu_spent.items()},
        }
        if cpu
        else {}
    )
    pdf_cache = (
        {
            "pdf_requests": next(
                (int(r["Request Count"]) for r in rows if r["Name"] == PDF_PAGE), 0
            ),
            "new_pdfs_kept": documents.count() - kept_before,
        }
        if documents
        else {}
    )
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": int(float(total["50%"])),
        "p95_ms": int(float(total["95%"])),
        "p99_ms": int(float(total["99%"])),
        "by_page": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "p50_ms": int(float(r["50%"])),
                "p95_ms": int(float(r["95%"])),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        },
        **({"pdf_cache": pdf_cache} if pdf_cache else {}),
        **cpu_figures,
    }


def paced(
    users: int,
    think: tuple[float, float],
    seconds: int,
    host: str,
    plan: Path,
    workdir: Path,
    common: dict[str, Any],
    documents: DocumentCache,
) -> dict[str, Any]:
    """The paced run and its figure: the users start over one mean think time (as people
    arrive, not all in the same second), the statistics are reset once all have started."""
    mean_think = (think[0] + think[1]) / 2
    step(
        f"locust: PacedCaseWorker, {users} users thinking {think[0]:g}-{think[1]:g} s, {seconds} s"
    )
    result = run_locust(
        user_class="PacedCaseWorker",
        users=users,
        seconds=seconds,
        host=host,
        plan=plan,
        workdir=workdir,
        spawn_rate=max(users / mean_think, 1.0) if mean_think else None,
        think=think,
        documents=documents,
    )
    offered = users / mean_think if mean_think else None
    emit(
        figure="load.paced",
        mix="realistic",
        users=users,
        think_seconds=list(think),
        **common,
        # What the users ask for if every answer were instant (users / mean think time); a
        # served rate well below it means the server, not the users, set the pace.
        offered_rps=round(offered, 2) if offered else None,
        served_rps=result["rps"],
        served_share=round(result["rps"] / offered, 2) if offered else None,
        requests=result["requests"],
        errors=result["errors"],
        p50_ms=result["p50_ms"],
        p95_ms=result["p95_ms"],
        p99_ms=result["p99_ms"],
        goal_ms=P95_GOAL_MS,
        ratio=round(result["p95_ms"] / P95_GOAL_MS, 2),
        goal=1.0,
        better="lower",
        by_page=result["by_page"],
        pdf_cache=result["pdf_cache"],
        note="the latency goal: p95 at most 500 ms at 50 users with think time. Served is "
        "users / (mean think + mean response time): a little below offered when answers are "
        "quick, far below when the server sets the pace",
    )
    return result


def pages_alone(
    *,
    users: int,
    seconds: int,
    host: str,
    plan: Path,
    workdir: Path,
    common: dict[str, Any],
    documents: DocumentCache,
    cpu: ServerCPU,
    mix_rps: float,
) -> dict[tuple[str, int], dict[str, Any]]:
    """Each page of the mix alone, saturated, then the floor (the lightest signed-in page) and
    the admin changelist, each with what one request costs the web server and the database in
    CPU (`load.page_alone`). Then `load.mix_explained`: the throughput the mix's weights and
    the pages' own throughputs predict beside the mix measured, each page's share of the mix's
    server time, and the floor against the admin changelist. What dominates the mix's
    throughput, measured, not guessed (issue 15)."""
    from bench.mix import ADMIN, FLOOR, MIX

    pages = [(page, weight, alone) for page, (weight, alone) in MIX.items()]
    pages += [(FLOOR[0], 0, FLOOR[1]), (ADMIN[0], 0, ADMIN[1])]
    results: dict[tuple[str, int], dict[str, Any]] = {}
    alone: dict[str, dict[str, Any]] = {}
    for page, weight, user_class in pages:
        if page == PDF_PAGE:
            documents.clear()  # every PDF drawn, as in the mix's first run
        step(f"locust: {user_class} ({page} alone), {users} users, {seconds} s")
        result = run_locust(
            user_class=user_class,
            users=users,
            seconds=seconds,
            host=host,
            plan=plan,
            workdir=workdir,
            documents=documents if page == PDF_PAGE else None,
            cpu=cpu,
        )
        results[(f"{user_class} alone", users)] = alone[page] = result
        emit(
            figure="load.page_alone",
            page=page,
            weight_in_mix=weight,
            users=users,
            **{**common, "seconds": seconds},
            **{k: v for k, v in result.items() if k != "by_page"},
        )

    def server_ms(page: str) -> float:
        spent = alone[page]["cpu_ms_per_request"]
        return float((spent.get("web") or 0) + (spent.get("database") or 0))

    total_weight = sum(weight for weight, _alone in MIX.values())
    if all(alone[page]["rps"] for page in MIX):
        predicted = total_weight / sum(w / alone[page]["rps"] for page, (w, _a) in MIX.items())
    else:
        predicted = 0.0
    mix_ms = sum(w * server_ms(page) for page, (w, _a) in MIX.items()) / total_weight
    floor, admin = alone[FLOOR[0]], alone[ADMIN[0]]
    emit(
        figure="load.mix_explained",
        users=users,
        seconds=seconds,
        mix_measured_rps=mix_rps,
        mix_predicted_rps=round(predicted, 1),
        mix_server_ms_per_request=round(mix_ms, 1),
        server_ms_per_request={page: round(server_ms(page), 1) for page in MIX},
        share_of_mix_server_time={
            page: round(w * server_ms(page) / (mix_ms * total_weight), 2)
            for page, (w, _a) in MIX.items()
        },
        floor_page=FLOOR[0],
        floor_rps=floor["rps"],
        floor_server_ms_per_request=round(server_ms(FLOOR[0]), 1),
        admin_rps=admin["rps"],
        admin_server_ms_per_request=round(server_ms(ADMIN[0]), 1),
        floor_vs_admin=round(floor["rps"] / admin["rps"], 2) if admin["rps"] else None,
        server_ms_per_request_for_3x_admin=round(server_ms(ADMIN[0]) / ADMIN_RATIO_GOAL, 1),
        note="predicted: the mix's weights over each page's own saturated throughput (a "
        "weighted harmonic mean). The floor is the lightest signed-in page (layout, session, "
        "middleware): no page of this stack serves more. 3x the admin changelist needs the "
        "mix's mean server time per request at or below server_ms_per_request_for_3x_admin",
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cases", type=int, default=int(os.environ.get("BENCH_LOAD_CASES", 100_000))
    )
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", 60))
    )
    parser.add_argument("--users", default=os.environ.get("BENCH_LOAD_USERS", "10,20,50"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_LOAD_WORKERS", 3)))
    parser.add_argument(
        "--think",
        type=think_time,
        default=os.environ.get("BENCH_LOAD_THINK", "3,10"),
        help="the paced run's think time, LOW,HIGH seconds (uniform)",
    )
    parser.add_argument(
        "--paced-users",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_PACED_USERS", 50)),
        help="users of the paced run (0: no paced run)",
    )
    parser.add_argument(
        "--alone-seconds",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_ALONE_SECONDS", 20)),
        help="seconds of each page-alone run (0: none)",
    )
    parser.add_argument(
        "--alone-users",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_ALONE_USERS", 20)),
        help="users of each page-alone run",
    )
    args = parser.parse_args()
    user_counts = [int(u) for u in args.users.split(",")]

    ensure_database()
    step("seeding")
    seed(args.cases)
    cases = plan_cases()
    step("collecting static files")
    port = _free_port()
    env = production_env(port)
    # The production settings serve static files from the manifest collectstatic writes
    # (minutes on a busy machine: compressing every file); kept while no asset is newer.
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    newest = max(f.stat().st_mtime for f in (ROOT / "static").rglob("*") if f.is_file())
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    workdir = Path(tempfile.mkdtemp(prefix="teop-load-"))
    documents = DocumentCache(env["TEOP_DOCUMENT_CACHE_URL"])
    documents.clear()  # every load run starts with no PDF kept
    step(f"starting gunicorn ({args.workers} workers), logs in {workdir}")
    server = Gunicorn(port, args.workers, env, workdir / "gunicorn.log")
    try:
        origin = f"https://127.0.0.1:{port}"
        plan = workdir / "plan.json"
        plan.write_text(
            json.dumps(
                {
                    "origin": origin,
                    "visible_cases": cases,
                    "sessions": {
                        role: sign_in(server.base, origin, f"bench_{role}")
                        for role in ("clerk", "approver", "admin")
                    },
                }
            )
        )
        common = {"cases": args.cases, "seconds": args.seconds, "gunicorn_workers": args.workers}
        results: dict[tuple[str, int], dict[str, Any]] = {}
        for user_class in ("CaseWorker", "AdminChangelist"):
            for users in user_counts:
                step(f"locust: {user_class}, {users} users, {args.seconds} s")
                result = run_locust(
                    user_class=user_class,
                    users=users,
                    seconds=args.seconds,
                    host=server.base,
                    plan=plan,
                    workdir=workdir,
                    documents=documents if user_class == "CaseWorker" else None,
                )
                results[(user_class, users)] = result
                emit(
                    figure="load",
                    run="saturated",
                    mix="realistic" if user_class == "CaseWorker" else "admin changelist",
                    users=users,
                    **common,
                    **result,
                )
        most = max(user_counts)
        app, admin = results[("CaseWorker", most)], results[("AdminChangelist", most)]
        emit(
            figure="load.throughput_vs_admin",
            users=most,
            rps=app["rps"],
            admin_rps=admin["rps"],
            ratio=round(app["rps"] / admin["rps"], 2) if admin["rps"] else None,
            goal=ADMIN_RATIO_GOAL,
            better="higher",
        )
        emit(
            figure="load.p95",
            run="saturated",
            users=most,
            p95_ms=app["p95_ms"],
            rps=app["rps"],
            little_law_mean_wait_ms=round(1000 * most / app["rps"]) if app["rps"] else None,
            note="closed loop without think time: not the latency goal (load.paced is); by "
            "Little's law the mean wait is users / throughput",
        )
        least = min(user_counts)
        emit(
            figure="load.scaling",
            users=[least, most],
            rps=[results[("CaseWorker", least)]["rps"], app["rps"]],
            ratio=round(app["rps"] / results[("CaseWorker", least)]["rps"], 2)
            if results[("CaseWorker", least)]["rps"]
            else None,
            goal=1.0,
            better="higher",
        )
        if args.paced_users:
            results[("PacedCaseWorker", args.paced_users)] = paced(
                args.paced_users,
                args.think,
                args.seconds,
                server.base,
                plan,
                workdir,
                common,
                documents,
            )
        if args.alone_seconds:
            results.update(
                pages_alone(
                    users=args.alone_users,
                    seconds=args.alone_seconds,
                    host=server.base,
                    plan=plan,
                    workdir=workdir,
                    common=common,
                    documents=documents,
                    cpu=ServerCPU(server.process.pid),
                    mix_rps=app["rps"],
                )
            )
        emit(
            figure="load.errors",
            errors=sum(r["errors"] for r in results.values()),
            requests=sum(r["requests"] for r in results.values()),
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
