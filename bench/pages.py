"""Pages against their bare baselines (issue 15): `/cases/`, "my work" (the clerk's home page),
the approver's inbox (the approver's home page, over many open deadlines), the CCI's caseload
and the case page with 50 documents and 200 audit events. Each real page is timed beside its
bare view (`bench/bare_views.py`), alternating, in one process and one run; one JSON line per
page with the median, the p95 and the ratio of the medians (goal <= 2).

`python bench/run.py pages` (sizes from BENCH_PAGES_CASES, default 100,000 cases, and
BENCH_PAGES_DEADLINES, default 1,000,000 deadlines).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

GOAL = 2.0
DOSSIER_DOCUMENTS = 50
DOSSIER_EVENTS = 200


def _emit(**figure: object) -> None:
    from bench.run import emit

    emit(**figure)


def seed_deadlines(n: int) -> None:
    """`n` statutory clocks over the benchmark's cases, in one statement: for each approving
    authority the clocks its approvers answer for, for each prison its clerks'; 85 % open, 5 %
    overdue, 3 % suspended and 7 % met, due over the next 200 days, a few provisional (an
    estimate only) and, as in life, the rest of the table met or waived long ago."""
    from django.utils import timezone

    from bench.seeding import PAGES_MIX, Responsible, seed_open_deadlines
    from kernel.accounts.models import Organisation
    from kernel.accounts.roles import OrganisationType as T
    from kernel.accounts.roles import Role
    from kernel.deadlines.kinds import KINDS

    def kinds_of(role: str) -> list[str]:
        return sorted(c for c, k in KINDS.items() if role in k.responsible_roles)

    def bench_organisations(type_: str) -> list[int]:
        return list(
            Organisation.objects.filter(name__startswith="BENCH", type=type_)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    seed_open_deadlines(
        n,
        now=timezone.now(),
        # Four in five clocks are the approving authorities' (the inbox measured), the rest
        # the prisons'.
        responsible=[
            Responsible(bench_organisations(T.PRISON_ADMINISTRATION), kinds_of(Role.APPROVER), 4),
            Responsible(bench_organisations(T.PRISON), kinds_of(Role.PRISON_CLERK), 1),
        ],
        statuses=(("open", 85), ("overdue", 5), ("suspended", 3), ("met", 7)),
        trigger_days=range(0, -30, -1),
        dates=PAGES_MIX,
        rungs=(),
        subject_urls=True,
        replace_all=False,
    )


def seed_dossier(documents: int = DOSSIER_DOCUMENTS, events: int = DOSSIER_EVENTS) -> int:
    """One case of the clerk's prison with `documents` uploaded documents and `events` audit
    events on it; returns its id."""
    from django.db import transaction

    from cases.models import Case, Evidence
    from kernel.accounts.models import User
    from kernel.audit.services import audit_record

    clerk = User.objects.get(username="bench_clerk")
    case = (
        Case.objects.filter(offender__custodian_id=clerk.organisation_id)
        .order_by("-opened_on", "-id")
        .first()
    )
    assert case is not None
    with transaction.atomic():
        Evidence.objects.filter(case=case).delete()
        Evidence.objects.bulk_create(
            Evidence(
                case=case,
                kind="medical_record",
                file=f"evidence/bench/{case.pk}-{i}.pdf",
                original_name=f"病历{i:03d}.pdf",
                content_type="application/pdf",
                size=1024 + i,
                sha256=f"{i:064x}",
                description="基准材料",
                uploaded_by=clerk,
            )
            for i in range(documents)
        )
        for i in range(events):
            audit_record(actor=clerk, action="evidence.viewed", obj=case, payload={"i": i})
    return int(case.pk)


def _time(client: Any, url: str) -> float:
    t0 = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - t0
    assert response.status_code == 200, (url, response.status_code)
    return elapsed * 1000


def _queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def compare(
    *, figure: str, username: str, real: str, bare: str, repeat: int, **extra: object
) -> dict[str, Any]:
    """Time `real` and `bare` alternately `repeat` times each, signed in as `username`."""
    from django.test import Client

    from kernel.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    queries = _queries(client, real)
    bare_queries = _queries(client, bare)
    for _ in range(3):  # warm both
        client.get(real)
        client.get(bare)
    real_ms: list[float] = []
    bare_ms: list[float] = []
    for _ in range(repeat):
        real_ms.append(_time(client, real))
        bare_ms.append(_time(client, bare))
    result = {
        "figure": figure,
        "url": real,
        "user": username,
        **extra,
        "real_median_ms": round(statistics.median(real_ms), 1),
        "real_p95_ms": round(_p95(real_ms), 1),
        "bare_median_ms": round(statistics.median(bare_ms), 1),
        "bare_p95_ms": round(_p95(bare_ms), 1),
        "ratio": round(statistics.median(real_ms) / statistics.median(bare_ms), 2),
        "goal": GOAL,
        "sql_queries": queries,
        "bare_sql_queries": bare_queries,
    }
    _emit(**result)
    return result


def bench_pages(
    cases: int | None = None, deadlines: int | None = None, repeat: int | None = None
) -> list[dict[str, Any]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    cases = cases or int(os.environ.get("BENCH_PAGES_CASES", "100000"))
    deadlines = deadlines or int(os.environ.get("BENCH_PAGES_DEADLINES", str(10 * cases)))
    repeat = repeat or int(os.environ.get("BENCH_PAGES_REPEAT", "30"))
    steps: list[tuple[str, Callable[[], object]]] = [
        (
            "cases",
            lambda: call_command("seed_bench", "--cases", str(cases), "--reset", verbosity=0),
        ),
        ("caseload", lambda: call_command("seed_bench_caseload", verbosity=0)),
        ("deadlines", lambda: seed_deadlines(deadlines)),
    ]
    started = time.perf_counter()
    # BENCH_PAGES_RESEED=0 measures the data set already seeded (while developing).
    if os.environ.get("BENCH_PAGES_RESEED", "1") != "0":
        for _name, step in steps:
            step()
    dossier = seed_dossier()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _emit(
        figure="pages.seed",
        cases=cases,
        deadlines=deadlines,
        seconds=round(time.perf_counter() - started, 1),
    )
    results = []
    with override_settings(ROOT_URLCONF="bench.urls"):
        for figure, username, real, bare in (
            ("pages.case_list", "bench_clerk", "/cases/", "/bare/cases/"),
            ("pages.my_work", "bench_clerk", "/", "/bare/work/"),
            ("pages.approver_inbox", "bench_approver", "/", "/bare/work/"),
            ("pages.caseload", "bench_officer", "/supervision/caseload/", "/bare/caseload/"),
            (
                "pages.case_page",
                "bench_clerk",
                f"/cases/{dossier}/",
                f"/bare/cases/{dossier}/",
            ),
        ):
            results.append(
                compare(
                    figure=figure,
                    username=username,
                    real=real,
                    bare=bare,
                    repeat=repeat,
                    cases=cases,
                    deadlines=deadlines,
                )
            )
    over = [r["figure"] for r in results if r["ratio"] > GOAL]
    _emit(
        figure="pages.summary",
        goal=GOAL,
        over_goal=over,
        ratios={r["figure"]: r["ratio"] for r in results},
    )
    return results
