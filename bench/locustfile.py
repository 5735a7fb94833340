"""The users of the sustained load test (bench/load.py starts locust with this file).

`CaseWorker` is the realistic mix of a prison's working day: the case list, a case page, the
approver's inbox, a write step through the real form (the application record of a case, saved
and audited) and a PDF download. `AdminChangelist` is the page an administrator would otherwise use:
the Django admin's changelist of cases. Neither waits between requests: each user is a closed
loop, so the server is saturated and throughput is what it gives (the saturated runs: throughput
against the admin changelist, and throughput as users are added). Their latency says little:
by Little's law N users with no think time see a mean response time of N / throughput.

The pages of the mix, their weights and the users requesting each alone are named in
bench/mix.py; `NoticesAlone` requests the lightest signed-in page, the floor of this stack.

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

import itertools
import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.mix import ADMIN, FLOOR, MIX

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


def _get(user: FastHttpUser, url: str, role: str, name: str) -> None:
    with user.client.get(
        url, headers=_headers(role), name=name, catch_response=True, allow_redirects=False
    ) as response:
        if response.status_code != 200:
            response.failure(f"{response.status_code} on {url}")


def _visible_case() -> int:
    return int(random.choice(PLAN["visible_cases"]))


#: Users that write on cases of their own: the visible cases are dealt to WRITERS slots, and
#: each user writes only on the cases of its slot (its number in the run, modulo WRITERS), as
#: clerks each work on their own files. Reads stay random over all of them. Two users saving
#: the first record of one case in the same instant is a race the server answers correctly (one
#: wins, the other is told; tests/cases/test_a_record_saved_meanwhile_is_not_overwritten.py),
#: not a load figure: with random writes it showed as 1 error in 29,230 requests.
WRITERS = 50
_slots = itertools.count()


def _own_case(user: FastHttpUser) -> int:
    slot = getattr(user, "slot", None)
    if slot is None:
        slot = user.slot = next(_slots) % WRITERS  # type: ignore[attr-defined]
    return int(random.choice(PLAN["visible_cases"][slot::WRITERS]))


# The pages of the mix, one function each (bench/mix.py names them and gives their weights).


def case_list(user: FastHttpUser) -> None:
    _get(user, "/cases/", "clerk", "/cases/")


def case_page(user: FastHttpUser) -> None:
    _get(user, f"/cases/{_visible_case()}/", "clerk", "/cases/[id]/")


def inbox(user: FastHttpUser) -> None:
    _get(user, "/", "approver", "/ (approver's inbox)")


def document(user: FastHttpUser) -> None:
    _get(
        user,
        f"/cases/{_visible_case()}/documents/approval-form.pdf",
        "clerk",
        "/cases/[id]/documents/[pdf]",
    )


def application_record(user: FastHttpUser) -> None:
    pk = _own_case(user)
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
    with user.client.post(
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


def notices(user: FastHttpUser) -> None:
    _get(user, "/notices/", "clerk", "/notices/")


def admin_changelist(user: FastHttpUser) -> None:
    _get(user, "/admin/cases/case/", "admin", "/admin/cases/case/")


#: page name (bench/mix.py) -> the function requesting it
PAGES: dict[str, Callable[[FastHttpUser], None]] = {
    "/cases/": case_list,
    "/cases/[id]/": case_page,
    "/ (approver's inbox)": inbox,
    "/cases/[id]/documents/[pdf]": document,
    "/cases/[id]/records/application/ (POST)": application_record,
    FLOOR[0]: notices,
    ADMIN[0]: admin_changelist,
}


class _Saturating(FastHttpUser):
    """A closed-loop user: the next request as soon as the last one is answered."""

    abstract = True
    wait_time = constant(0)


class CaseWorker(_Saturating):
    """The realistic mix, each page weighted as bench/mix.py says."""

    # Each page `weight` times in the list: locust picks one at random per request.
    tasks = [PAGES[page] for page, (weight, _alone) in MIX.items() for _ in range(weight)]


class PacedCaseWorker(CaseWorker):
    """The same mix; between two requests the user thinks THINK seconds (uniform)."""

    wait_time = between(THINK[0], THINK[1])


class AdminChangelist(_Saturating):
    tasks = [admin_changelist]


# Each page of the mix alone, and the floor (`CaseListAlone`, ... `NoticesAlone`, named in
# bench/mix.py): bench/load.py's pages-alone runs, what each page costs the server and so what
# the mix's throughput is made of.
for _page, _alone in [(page, alone) for page, (_weight, alone) in MIX.items()] + [FLOOR]:
    globals()[_alone] = type(
        _alone, (_Saturating,), {"tasks": [PAGES[_page]], "__module__": __name__}
    )
