"""Seeding statutory clocks for the benchmarks: one set-based INSERT for every figure that needs
many deadlines (the sweep, the calendar's recomputation, the retention figures and the pages).

`seed_open_deadlines(n, ...)` writes deadlines 1..n with `generate_series`; row g's case, kind,
organisation, status and dates are functions of g only, so a figure seeds the same rows at every
run. The callers differ in what the keyword arguments name: which organisations answer for the
clocks and of which kinds, the mix of statuses, when the clocks started, their dates (official,
estimates only, or a mix: `OFFICIAL_IN_6_TO_205_DAYS`, `estimates_only()`, `PAGES_MIX`), their
rungs, and whether the deadline and notice tables are emptied first or only the organisations'
clocks replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple


class Dates(NamedTuple):
    """SQL expressions of a clock's dates, in g (the row's number), `t` (its trigger_at) and
    %(now)s."""

    due_date: str
    due_at: str
    provisional_year: str
    estimated_due_date: str
    estimated_due_at: str
    trace: str


#: Official dates only, due in 6 to 205 days (the deadline at the end of the day after): no
#: rung is due yet. The sweep's and the retention figures' clocks.
OFFICIAL_IN_6_TO_205_DAYS = Dates(
    due_date="(%(now)s + (g %% 200 + 6) * interval '1 day')::date",
    due_at="%(now)s + (g %% 200 + 7) * interval '1 day'",
    provisional_year="NULL",
    estimated_due_date="NULL",
    estimated_due_at="NULL",
    trace="'{}'",
)


def estimates_only(year: int) -> Dates:
    """No official date: `year`'s calendar is not loaded, so each clock has the estimate
    `deadline_open` leaves (15 working days counted with weekends only: 21 days on)."""
    return Dates(
        due_date="NULL",
        due_at="NULL",
        provisional_year=str(int(year)),
        estimated_due_date="(t + interval '21 days')::date",
        estimated_due_at="(t + interval '22 days')",
        trace=f"""'{{"provisional": true, "calendar_not_loaded": {int(year)}}}'""",
    )


#: Due from 5 days ago to 194 days on; one clock in 50 an estimate only (2027 not loaded). The
#: pages' clocks.
PAGES_MIX = Dates(
    due_date="CASE WHEN g %% 50 = 0 THEN NULL "
    "ELSE (%(now)s + (g %% 200 - 5) * interval '1 day')::date END",
    due_at="CASE WHEN g %% 50 = 0 THEN NULL ELSE %(now)s + (g %% 200 - 5) * interval '1 day' END",
    provisional_year="CASE WHEN g %% 50 = 0 THEN 2027 END",
    estimated_due_date="CASE WHEN g %% 50 = 0 THEN (%(now)s + (g %% 200) * interval '1 day')::date "
    "END",
    estimated_due_at="CASE WHEN g %% 50 = 0 THEN %(now)s + (g %% 200) * interval '1 day' END",
    trace="'{}'",
)

#: The rungs `deadline_open` writes for an official date (days before the due moment).
OFFICIAL_RUNGS = (("due_soon", 5), ("due_today", 1), ("overdue", 0), ("escalated", -1))
#: ... and for an estimate (no escalation before the official date is known).
ESTIMATE_RUNGS = (("due_soon", 6), ("due_today", 1), ("overdue", 0))


class Responsible(NamedTuple):
    """Organisations answering for clocks of `kinds`, in `share` of every `sum(shares)`
    clocks; clock g goes to organisation g mod len(organisations), of kind g mod len(kinds)."""

    organisations: Sequence[int]
    kinds: Sequence[str]
    share: int = 1


def bench_authority() -> list[Responsible]:
    """The default: every clock a D-04 of the eleventh province's prison administration."""
    from kernel.accounts.models import Organisation

    pab = Organisation.objects.get(name="BENCH 11 监狱管理局")
    return [Responsible([pab.pk], ["D-04"])]


def seed_open_deadlines(
    n: int,
    *,
    now: dt.datetime,
    responsible: Sequence[Responsible] | None = None,
    statuses: Sequence[tuple[str, int]] = (("open", 100),),
    triggered: dt.datetime | None = None,
    trigger_days: range = range(1),
    dates: Dates = OFFICIAL_IN_6_TO_205_DAYS,
    rungs: Sequence[tuple[str, int]] = OFFICIAL_RUNGS,
    subject_urls: bool = False,
    replace_all: bool = True,
    due: int = 0,
) -> None:
    """`n` clocks over the benchmark's cases (case g mod the number of cases), in one INSERT,
    then their `rungs` (name, days before the due moment, the estimate's when there is no
    official one) in one more, then ANALYZE.

    - responsible: who answers for them and of which kinds (default `bench_authority()`);
    - statuses: (status, percent) summing to 100, given by g mod 100 in that order;
    - triggered, trigger_days: clock g started `triggered` (default `now`) plus the
      (g mod len)-th day of `trigger_days` (`range(0, -30, -1)`: over the last 30 days);
    - subject_urls: each clock links to its case's page (else no link);
    - replace_all: empty the deadline, sweep-run and notice tables first (the bench owns them);
      else replace only the responsible organisations' clocks, keeping their D-15 (the
      caseload's, from seed_bench_caseload);
    - due: the first `due` rungs made due a minute before `now` (the sweep's work).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from cases.models import Case

    groups = list(responsible) if responsible is not None else bench_authority()
    if rungs and not replace_all:
        raise ValueError("rungs are written for a table of new clocks only (replace_all)")
    if sum(percent for _status, percent in statuses) != 100:
        raise ValueError("the statuses' percentages must sum to 100")
    shares = sum(group.share for group in groups)
    # Clock g's group: the first whose cumulative share exceeds g mod the total.
    org_cases, kind_cases, bound = [], [], 0
    params: dict[str, Any] = {}
    for i, group in enumerate(groups):
        bound += group.share
        params[f"orgs{i}"] = list(group.organisations)
        params[f"norgs{i}"] = len(group.organisations)
        params[f"kinds{i}"] = list(group.kinds)
        org_cases.append(
            f"WHEN g %% {shares} < {bound} THEN (%(orgs{i})s::int[])[1 + g %% %(norgs{i})s]"
        )
        kind_cases.append(f"WHEN g %% {shares} < {bound} THEN %(kinds{i})s::text[]")
    status_cases, bound = [], 0
    for i, (status, percent) in enumerate(statuses):
        bound += percent
        params[f"status{i}"] = status
        status_cases.append(f"WHEN g %% 100 < {bound} THEN %(status{i})s")
    first_case = Case.objects.order_by("pk").values_list("pk", flat=True).first()
    params.update(
        ct=ContentType.objects.get_for_model(Case).pk,
        case=first_case,
        cases=Case.objects.count(),
        now=now,
        triggered=triggered or now,
        trigger_start=trigger_days.start,
        trigger_step=trigger_days.step,
        trigger_len=len(trigger_days),
        n=n,
    )
    url = "'/cases/' || (%(case)s + g %% %(cases)s) || '/'" if subject_urls else "''"
    with connection.cursor() as c:
        if replace_all:
            c.execute(
                "TRUNCATE deadlines_deadlinerung, deadlines_deadline, deadlines_sweeprun, "
                "notices_notice RESTART IDENTITY CASCADE"
            )
        else:
            orgs = sorted({pk for group in groups for pk in group.organisations})
            c.execute(
                "DELETE FROM deadlines_deadlinerung WHERE deadline_id IN (SELECT id FROM "
                "deadlines_deadline WHERE responsible_organisation_id = ANY(%s))",
                [orgs],
            )
            c.execute(
                "DELETE FROM deadlines_deadline WHERE responsible_organisation_id = ANY(%s) "
                "AND kind <> 'D-15'",
                [orgs],
            )
        c.execute(
            f"""
            INSERT INTO deadlines_deadline (kind, subject_type_id, subject_id, subject_label,
                subject_url, trigger_event, trigger_at, unit, amount, legal_basis,
                responsible_organisation_id, status, due_date, due_at, provisional_year,
                estimated_due_date, estimated_due_at, trace, in_custody, met_by,
                waived_reason, created_at, updated_at)
            SELECT k.kinds[1 + g %% cardinality(k.kinds)], %(ct)s, %(case)s + g %% %(cases)s,
                'BENCH-' || g, {url}, 'receipt', t, 'working_days', 15, 'P2014 Art 14', k.org,
                CASE {" ".join(status_cases)} END,
                {dates.due_date}, {dates.due_at}, {dates.provisional_year},
                {dates.estimated_due_date}, {dates.estimated_due_at}, {dates.trace}::jsonb,
                false, '', '', %(now)s, %(now)s
            FROM generate_series(1, %(n)s) AS g
            CROSS JOIN LATERAL (
                SELECT %(triggered)s::timestamptz + (%(trigger_start)s
                    + (g %% %(trigger_len)s) * %(trigger_step)s) * interval '1 day' AS t
            ) AS trig
            CROSS JOIN LATERAL (
                SELECT CASE {" ".join(org_cases)} END AS org,
                       CASE {" ".join(kind_cases)} END AS kinds
            ) AS k
            """,  # our own expressions only are formatted in
            params,
        )
        if rungs:
            # VALUES in the ladder's order: rung ids run deadline by deadline, rung by rung.
            c.execute(
                f"""
                INSERT INTO deadlines_deadlinerung (deadline_id, rung, fires_at)
                SELECT d.id, r.rung,
                    coalesce(d.due_at, d.estimated_due_at) - r.back * interval '1 day'
                FROM deadlines_deadline d
                CROSS JOIN (VALUES {", ".join(f"(%s, {int(back)})" for _rung, back in rungs)})
                    AS r(rung, back)
                """,  # integers only are formatted in
                [rung for rung, _back in rungs],
            )
        if due:
            c.execute(
                "UPDATE deadlines_deadlinerung SET fires_at = %s WHERE id <= %s",
                [now - dt.timedelta(minutes=1), due],
            )
        c.execute("ANALYZE deadlines_deadline; ANALYZE deadlines_deadlinerung")
