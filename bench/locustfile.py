"""The users of the sustained load test (bench/load.py starts locust with this file).

`CaseWorker` is the realistic mix of a prison's working day: the case list, a case page, the
approver's inbox, a write step through the real form (the application record of a case, saved
and audited) and a PDF download. `AdminChangelist` is the page an administrator would otherwise use:
the Django admin's changelist of cases. Neither waits between requests: each user is a closed
loop, so the server is saturated and throughput is what it gives (the saturated runs: throughput
against the admin changelist, and throughput as users are added). Their latency says little:
by Little's law N users with no think time see a mean response time of N / throughput.

`PacedCaseWorker` is the same mix with a think time between requests, as a person reading the
page before the next click: uniform between the two numbers of seconds of BENCH_LOAD_THINK
(default "3,10"). Its users offer N / mean think time requests per second whatever the server
does; the paced run checks the latency goal (p95 at most 500 ms at 50 users) at that load.

Gunicorn runs with the production settings behind no proxy: every request says what the TLS
proxy would (`X-Forwarded-Proto: https`, from 127.0.0.1, a trusted proxy address), so the
production redirect, secure cookies and CSRF origin checks stay as they are. The secure cookies
are sent by hand, as the browser would over HTTPS. The sessions were opened by bench/load.py
through the real login form; the plan is a JSON file named by BENCH_LOAD_PLAN.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text(encoding="utf-8"))


#: The least and the most seconds a paced user thinks (bench/load.py checks the value).
THINK = tuple(float(part) for part in os.environ.get("BENCH_LOAD_THINK", "3,10").split(","))


def _headers(role: str, **extra: str) -> dict[str, str]:
    session = PLAN["sessions"][role]
    return {
        "X-Forwarded-Proto": "https",
        "Cookie": f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}",
        "Accept-Language": "zh-hans",
        **extra,
    }


class CaseWorker(FastHttpUser):
    wait_time = constant(0)

    def _get(self, url: str, role: str, name: str) -> None:
        with self.client.get(
            url, headers=_headers(role), name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {url}")

    @task(4)
    def case_list(self) -> None:
        self._get("/cases/", "clerk", "/cases/")

    @task(4)
    def case_page(self) -> None:
        pk = random.choice(PLAN["visible_cases"])
        self._get(f"/cases/{pk}/", "clerk", "/cases/[id]/")

    @task(2)
    def inbox(self) -> None:
        self._get("/", "approver", "/ (approver's inbox)")

    @task(1)
    def pdf(self) -> None:
        pk = random.choice(PLAN["visible_cases"])
        self._get(
            f"/cases/{pk}/documents/approval-form.pdf", "clerk", "/cases/[id]/documents/[pdf]"
        )

    @task(1)
    def application_record(self) -> None:
        pk = random.choice(PLAN["visible_cases"])
        session = PLAN["sessions"]["clerk"]
        body = urlencode(
            {
                "csrfmiddlewaretoken": session["csrftoken"],
                "application-applicant_name": "基准申请人",
                "application-relationship": "relative",
                "application-applied_on": "2026-01-05",
                "application-summary": "负载测试：保外就医申请。",
            }
        )
        with self.client.post(
            f"/cases/{pk}/records/application/",
            data=body,
            headers=_headers(
                "clerk",
                **{
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": PLAN["origin"],
                    "Referer": f"{PLAN['origin']}/cases/{pk}/",
                },
            ),
            name="/cases/[id]/records/application/ (POST)",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code} on the application record of {pk}")


class PacedCaseWorker(CaseWorker):
    """The same mix; between two requests the user thinks THINK seconds (uniform)."""

    wait_time = between(THINK[0], THINK[1])


class AdminChangelist(FastHttpUser):
    wait_time = constant(0)

    @task
    def changelist(self) -> None:
        with self.client.get(
            "/admin/cases/case/",
            headers=_headers("admin"),
            name="/admin/cases/case/",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on the admin changelist")
