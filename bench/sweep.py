"""The deadline sweep against its honest baseline: one hand-written SQL transaction that marks
the passed deadlines overdue, claims every due rung and inserts the very notices the sweep
writes (same rows, same columns), with no Python in between and no broker.

The baseline is handed what is not data in the database, because the sweep computes it in
Python too: the translated subject line and body template of every kind and rung, and which
roles each rung tells. Everything else (who holds those roles at the responsible
organisation, which procuratorates watch an overdue deadline, the notice text) is joined in
SQL. `notices_fingerprint` proves both wrote the same rows.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

#: Every column of a notice the sweep decides; id, created_at and next_attempt_at are the time
#: and order of writing.
_COMPARED = (
    "delivery_key, channel, recipient_id, recipient_organisation_id, subject, body, link, "
    "severity, status, attempts, deliveries, last_error, delivered_at, read_at"
)


def _ladder() -> tuple[list[tuple[str, str, str, str, str]], list[tuple[str, str, str]]]:
    """(kind, rung, rung label, kind title, severity) for every kind and rung, and (kind,
    rung, role)
    for the roles each rung tells, in the site's language, as the sweep computes them."""
    from django.conf import settings
    from django.utils import translation

    from kernel.deadlines.kinds import KINDS
    from kernel.deadlines.models import Rung

    subjects: list[tuple[str, str, str, str, str]] = []
    roles: list[tuple[str, str, str]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for code, spec in KINDS.items():
            for rung in Rung:
                danger = rung in (Rung.OVERDUE, Rung.ESCALATED)
                subjects.append(
                    (
                        code,
                        rung.value,
                        str(rung.label),
                        str(spec.title),
                        "danger" if danger else "info",
                    )
                )
                told = set(spec.head_roles if rung == Rung.ESCALATED else spec.responsible_roles)
                if rung == Rung.OVERDUE:
                    told |= spec.head_roles
                roles.extend((code, rung.value, role) for role in sorted(told))
    return subjects, roles


def _templates() -> dict[str, str]:
    """The rung bodies' templates in the site's language, placeholders kept for SQL."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        return {
            "official": _("%(basis)s; due %(due)s"),
            "estimate": _(
                "%(basis)s; estimated due %(due)s — an estimate, not the official date: the "
                "working-day calendar for %(year)s is not loaded, so it was counted with "
                "weekends only"
            ),
        }


BASELINE_SQL = """
CREATE TEMP TABLE bench_ladder (kind text, rung text, label text, title text, severity text)
    ON COMMIT DROP;
CREATE TEMP TABLE bench_told (kind text, rung text, role text) ON COMMIT DROP;
"""

CLAIM_AND_NOTIFY = """
WITH overdue AS (
    UPDATE deadlines_deadline SET status = 'overdue'
    WHERE status = 'open' AND due_at <= %(now)s
    RETURNING id
), due AS (
    UPDATE deadlines_deadlinerung r SET fired_at = %(now)s
    FROM deadlines_deadline d
    WHERE d.id = r.deadline_id AND r.fired_at IS NULL AND r.fires_at <= %(now)s
      AND d.status IN ('open', 'overdue')
    RETURNING r.id AS rung_id, r.rung, d.id AS deadline_id, d.kind, d.subject_type_id,
        d.subject_id, d.subject_label, d.subject_url, d.legal_basis,
        d.responsible_organisation_id AS org, d.provisional_year,
        (d.due_date IS NULL AND d.estimated_due_date IS NOT NULL) AS estimate,
        to_char(coalesce(d.due_date, d.estimated_due_date), 'YYYY-MM-DD') AS due
), texts AS (
    SELECT due.*, l.label || '：' || l.title || '（' || due.subject_label || '）' AS subject,
        l.title, l.severity,
        CASE WHEN due.estimate THEN replace(replace(replace(%(estimate)s,
                '%%(basis)s', due.legal_basis), '%%(due)s', due.due),
                '%%(year)s', due.provisional_year::text)
             ELSE replace(replace(%(official)s, '%%(basis)s', due.legal_basis),
                '%%(due)s', due.due) END AS body
    FROM due
    JOIN bench_ladder l ON l.kind = due.kind AND l.rung = due.rung
), to_organisation AS (
    SELECT DISTINCT 'rung:' || t.rung_id || ':' || u.id || ':in_app' AS delivery_key,
        u.id AS recipient_id, u.organisation_id, t.subject, t.body, t.subject_url, t.severity
    FROM texts t
    JOIN bench_told w ON w.kind = t.kind AND w.rung = t.rung
    JOIN accounts_rolegrant g ON g.role = w.role
    JOIN accounts_user u ON u.id = g.user_id AND u.organisation_id = t.org AND u.is_active
), watching AS (
    SELECT t.*, a.procuratorate_id FROM texts t
    JOIN accounts_procuratorialassignment a ON a.supervised_id = t.org
    WHERE t.rung IN ('overdue', 'escalated') AND NOT t.estimate
    UNION
    SELECT t.*, p.organisation_id FROM texts t
    JOIN cases_caseparticipant p ON p.case_id = t.subject_id
        AND p.capacity = ANY(%(capacities)s)
    WHERE t.rung IN ('overdue', 'escalated') AND NOT t.estimate
        AND t.subject_type_id = %(case_type)s
), to_procurators AS (
    SELECT DISTINCT ON (1) 'deadline-overdue:' || w.deadline_id || ':' || u.id || ':in_app',
        u.id, u.organisation_id,
        o.label || '：' || w.title || '（' || w.subject_label || '）', w.body, w.subject_url,
        'danger'
    FROM watching w
    JOIN bench_ladder o ON o.kind = w.kind AND o.rung = 'overdue'
    JOIN accounts_user u ON u.organisation_id = w.procuratorate_id AND u.is_active
    JOIN accounts_rolegrant g ON g.user_id = u.id AND g.role = %(procurator)s
    WHERE w.procuratorate_id <> w.org
    ORDER BY 1, w.rung DESC
)
INSERT INTO notices_notice (delivery_key, channel, recipient_id, recipient_organisation_id,
    subject, body, link, severity, status, attempts, deliveries, next_attempt_at, last_error,
    created_at)
SELECT left(k, 160), 'in_app', r, o, left(s, 200), b, l, sev, 'pending', 0, 0, %(now)s, '',
    %(now)s
FROM (SELECT * FROM to_organisation UNION ALL SELECT * FROM to_procurators)
    AS n(k, r, o, s, b, l, sev)
ON CONFLICT (delivery_key) DO NOTHING
"""


def baseline_sweep(now: dt.datetime) -> float:
    """One transaction of hand-written SQL doing the sweep's work; its wall time."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from cases.models import Case
    from kernel.accounts.roles import Role
    from procuracy.receipt.acts import PROCURATORATE_CAPACITIES

    subjects, told = _ladder()
    templates = _templates()
    case_type = ContentType.objects.get_for_model(Case).pk
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        c.execute(BASELINE_SQL)
        c.executemany("INSERT INTO bench_ladder VALUES (%s, %s, %s, %s, %s)", subjects)
        c.executemany("INSERT INTO bench_told VALUES (%s, %s, %s)", told)
        c.execute(
            CLAIM_AND_NOTIFY,
            {
                "now": now,
                "case_type": case_type,
                "capacities": sorted(PROCURATORATE_CAPACITIES),
                "procurator": Role.PROCURATOR.value,
                **templates,
            },
        )
    return time.perf_counter() - started


def notices_fingerprint() -> tuple[int, str]:
    """How many notices, and an md5 of their compared columns in key order."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            f"SELECT count(*), md5(coalesce(string_agg(row({_COMPARED})::text, '|' "
            "ORDER BY delivery_key), '')) FROM notices_notice"
        )
        count, digest = c.fetchone()
    return int(count), str(digest)


def unfire(now: dt.datetime, *, reopened: list[int]) -> None:
    """Undo a sweep at `now`: the rungs it claimed pending again, the deadlines it marked
    overdue open again, its notices gone."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("UPDATE deadlines_deadlinerung SET fired_at = NULL WHERE fired_at = %s", [now])
        c.execute(
            "UPDATE deadlines_deadline SET status = 'open' WHERE id = ANY(%s)", [reopened or [0]]
        )
        c.execute("TRUNCATE notices_notice RESTART IDENTITY")


def open_passed(now: dt.datetime) -> list[int]:
    """The open deadlines a sweep at `now` marks overdue (to undo it)."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT id FROM deadlines_deadline WHERE status = 'open' AND due_at <= %s", [now])
        return [row[0] for row in c.fetchall()]


def compare(now: dt.datetime, rounds: int = 2) -> dict[str, Any]:
    """The sweep and the baseline, alternately on the same data, `rounds` times each (best
    of each); the notices they write compared row for row."""
    from kernel.deadlines.services import sweep

    reopened = open_passed(now)
    sweeps, bases, fired = [], [], 0
    fingerprints: dict[str, tuple[int, str]] = {}
    for _round in range(rounds):
        bases.append(baseline_sweep(now))
        fingerprints["baseline"] = notices_fingerprint()
        unfire(now, reopened=reopened)
        t0 = time.perf_counter()
        run = sweep(now=now)
        sweeps.append(time.perf_counter() - t0)
        fired = run.rungs_fired
        fingerprints["sweep"] = notices_fingerprint()
        if _round < rounds - 1:
            unfire(now, reopened=reopened)
    return {
        "sweep_seconds": min(sweeps),
        "baseline_seconds": min(bases),
        "fired": fired,
        "notices": fingerprints["sweep"][0],
        "same_notices": fingerprints["sweep"] == fingerprints["baseline"],
    }


# --- Loading a new year's calendar: every provisional deadline recomputed -------------------

RECOMPUTE_YEAR = 2027
#: A synthetic schedule for the bench (the real one is the State Council's notice).
_DAYS = [
    (dt.date(2027, 1, 1), "holiday", "元旦"),
    *((dt.date(2027, 2, d), "holiday", "春节") for d in range(6, 13)),
    (dt.date(2027, 2, 14), "makeup_workday", "春节"),
    (dt.date(2027, 2, 20), "makeup_workday", "春节"),
]


def _forget_year() -> None:
    from django.db import connection

    from kernel.workcalendar.models import CalendarYear, OfficialDay
    from kernel.workcalendar.services import calendar_cache_clear

    OfficialDay.objects.filter(date__year=RECOMPUTE_YEAR).delete()
    CalendarYear.objects.filter(year=RECOMPUTE_YEAR).delete()
    calendar_cache_clear()
    with connection.cursor() as c:
        c.execute("ANALYZE workcalendar_officialday")


def _seed_provisional(n: int) -> None:
    """n open D-04 clocks started in December 2026 (15 working days: they reach 2027), each
    with its estimate and its three estimate rungs, as `deadline_open` leaves them."""
    from django.utils import timezone

    from bench.seeding import ESTIMATE_RUNGS, estimates_only, seed_open_deadlines

    seed_open_deadlines(
        n,
        now=timezone.now(),
        triggered=dt.datetime(2026, 12, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        trigger_days=range(31),
        dates=estimates_only(RECOMPUTE_YEAR),
        rungs=ESTIMATE_RUNGS,
    )


def _baseline_recompute() -> tuple[float, int]:
    """The bare way: the new dates computed beforehand (not timed, once per distinct start
    day), then one transaction: one UPDATE of every provisional deadline from those dates, one
    DELETE of their pending rungs and one INSERT of the new ones. No audit events."""
    import json

    from django.db import connection, transaction

    from kernel.deadlines.kinds import kind
    from kernel.deadlines.models import Deadline
    from kernel.deadlines.services import _compute, _rung_times
    from kernel.workcalendar.models import CalendarYear, OfficialDay

    CalendarYear.objects.create(year=RECOMPUTE_YEAR, source_notice="bench", loaded_by="bench")
    OfficialDay.objects.bulk_create(
        OfficialDay(date=d, kind=k, name=name, source_notice="bench") for d, k, name in _DAYS
    )
    spec = kind("D-04")
    with connection.cursor() as c:
        c.execute("SELECT DISTINCT trigger_at FROM deadlines_deadline")
        triggers = [row[0] for row in c.fetchall()]
    dates = []
    for trigger in triggers:
        result = Deadline(kind="D-04")
        _compute(result, spec, trigger)
        assert result.due_date is not None and result.due_at is not None
        rungs = _rung_times(spec, result.due_date, result.due_at)
        dates.append((trigger, result.due_date, result.due_at, json.dumps(result.trace), rungs))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as c:
        c.execute(
            """
            UPDATE deadlines_deadline d SET due_date = n.due_date, due_at = n.due_at,
                provisional_year = NULL, estimated_due_date = NULL, estimated_due_at = NULL,
                trace = n.trace::jsonb, updated_at = now()
            FROM unnest(%s::timestamptz[], %s::date[], %s::timestamptz[], %s::text[])
                AS n(trigger_at, due_date, due_at, trace)
            WHERE d.trigger_at = n.trigger_at AND d.provisional_year = %s
            """,
            [
                [r[0] for r in dates],
                [r[1] for r in dates],
                [r[2] for r in dates],
                [r[3] for r in dates],
                RECOMPUTE_YEAR,
            ],
        )
        changed = c.rowcount
        c.execute("DELETE FROM deadlines_deadlinerung WHERE fired_at IS NULL")
        c.execute(
            """
            INSERT INTO deadlines_deadlinerung (deadline_id, rung, fires_at)
            SELECT d.id, n.rung, n.fires_at FROM deadlines_deadline d
            JOIN unnest(%s::timestamptz[], %s::text[], %s::timestamptz[])
                AS n(trigger_at, rung, fires_at) ON n.trigger_at = d.trigger_at
            """,
            [
                [r[0] for r in dates for _ in r[4]],
                [str(rung) for r in dates for rung in r[4]],
                [at for r in dates for at in r[4].values()],
            ],
        )
    return time.perf_counter() - started, changed


def recompute_compare(n: int) -> dict[str, Any]:
    """Loading the 2027 calendar with n provisional deadlines waiting for it, through the
    service (`calendar_year_replace`: the year, its audit event, then every deadline
    recomputed, its rungs rewritten and one audit event each), against the bare baseline."""
    from kernel.workcalendar.services import DayEntry, calendar_year_replace

    _forget_year()
    _seed_provisional(n)
    baseline, base_changed = _baseline_recompute()
    _forget_year()
    _seed_provisional(n)
    from kernel.audit.models import AuditEvent

    events_before = AuditEvent.objects.count()
    started = time.perf_counter()
    calendar_year_replace(
        year=RECOMPUTE_YEAR,
        source_notice="bench",
        days=[DayEntry(d, k, name) for d, k, name in _DAYS],
        actor=None,
    )
    measured = time.perf_counter() - started
    from kernel.deadlines.models import Deadline

    return {
        "measured_seconds": measured,
        "baseline_seconds": baseline,
        "recomputed": Deadline.objects.filter(provisional_year__isnull=True).count(),
        "baseline_recomputed": base_changed,
        "audit_events": AuditEvent.objects.count() - events_before,
    }
