"""Bare baselines for the page benchmarks (issue 15): for each real page, a plain Django view
that runs the same essential SQL (the same scope, filters, ordering, LIMIT and COUNT) by hand
and renders the same rows with a minimal template: no navigation, no forms, no translation.

Mounted only by the benchmark (`bench/urls.py`), never by `config/urls.py`. The scope is read
from the signed-in user exactly as the real selectors read it (organisation and role grants),
so a bare page does the work a page must do, and nothing a page may skip.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import Context, Engine

from cases.jurisdiction import capacities_for_roles
from cases.models import Case
from kernel.deadlines.kinds import KINDS
from supervision.models import SUPERVISION_ENDED

_ENGINE = Engine()

_CASES = _ENGINE.from_string(
    "<!DOCTYPE html><title>cases</title><p>{{ count }}</p><table>"
    "{% for r in rows %}<tr><td><a href='/cases/{{ r.0 }}/'>{{ r.1 }}</a></td><td>{{ r.6 }}</td>"
    "<td>{{ r.2 }}</td><td>{{ r.3 }}</td><td>{{ r.4|date:'Y-m-d' }}</td><td>{{ r.7 }} "
    "{{ r.8|date:'Y-m-d' }}{% if r.9 %} {{ r.10 }}{% endif %}</td></tr>{% endfor %}</table>"
)
_WORK = _ENGINE.from_string(
    "<!DOCTYPE html><title>work</title><table>"
    "{% for d in deadlines %}<tr><td>{{ d.1|date:'Y-m-d' }}{{ d.2|date:'Y-m-d' }}{{ d.3 }}</td>"
    "<td><a href='/deadlines/{{ d.0 }}/'>{{ d.4 }}</a></td><td><a href='{{ d.6 }}'>{{ d.5 }}</a>"
    "</td><td>{{ d.7 }}</td><td>{{ d.8|date:'Y-m-d' }} {{ d.9 }}</td></tr>{% endfor %}</table>"
    "<table>{% for r in cases %}<tr><td><a href='/cases/{{ r.0 }}/'>{{ r.1 }}</a></td>"
    "<td>{{ r.5 }}</td><td>{{ r.2 }}</td><td>{{ r.3 }}</td><td>{{ r.4|date:'Y-m-d' }}</td>"
    "</tr>{% endfor %}</table>"
)
_CASELOAD = _ENGINE.from_string(
    "<!DOCTYPE html><title>caseload</title><p>{{ count }}</p><table>"
    "{% for r in rows %}<tr><td><a href='/supervision/cases/{{ r.1 }}/community/'>{{ r.3 }}</a>"
    "</td><td>{{ r.2 }}</td><td>{{ r.4 }}{{ r.5 }}{{ r.6 }}</td><td>{{ r.7 }}</td>"
    "<td>{{ r.12|date:'Y-m-d' }} {{ r.13 }} {{ r.14 }}</td><td>{{ r.8|date:'Y-m-d' }}</td>"
    "<td>{{ r.9|date:'Y-m-d' }}</td><td>{{ r.10|date:'Y-m-d' }}</td><td>{{ r.11 }}</td></tr>"
    "{% endfor %}</table>"
)
_CASE = _ENGINE.from_string(
    "<!DOCTYPE html><title>{{ case.1 }}</title><h1>{{ case.1 }} {{ case.5 }}</h1>"
    "<p>{{ case.2 }} {{ case.3 }} {{ case.4|date:'Y-m-d' }} {{ case.6 }} {{ case.7 }} "
    "{{ case.8|date:'Y-m-d' }}</p><ul>{% for p in participants %}<li>{{ p.0 }} {{ p.1 }}</li>"
    "{% endfor %}</ul><table>{% for e in evidence %}<tr><td>{{ e.1 }}</td><td>"
    "<a href='/cases/{{ case.0 }}/evidence/{{ e.0 }}/'>{{ e.2 }}</a> {{ e.3 }}</td>"
    "<td>{{ e.4|date:'Y-m-d H:i' }}</td><td>{{ e.5|truncatechars:13 }}</td></tr>{% endfor %}"
    "</table>"
)

_ENDED = sorted(SUPERVISION_ENDED)


def _scope(request: HttpRequest) -> tuple[int, frozenset[str]] | None:
    """The user's organisation and roles: one query for the grants, as the real page does."""
    user: Any = request.user
    if not user.is_authenticated or user.organisation_id is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT role FROM accounts_rolegrant WHERE user_id = %s", [user.pk])
        roles = frozenset(r for (r,) in cursor.fetchall())
    return user.organisation_id, roles


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _case_type() -> int:
    return ContentType.objects.get_for_model(Case).pk  # cached by Django after the first call


# The visible cases: the organisation takes part in one of the user's capacities.
_VISIBLE = """EXISTS (SELECT 1 FROM cases_caseparticipant p WHERE p.case_id = c.id
    AND p.organisation_id = %s AND p.capacity = ANY(%s))"""

# The nearest open clock of one case, as the list shows it.
_NEXT_DEADLINE = """LEFT JOIN LATERAL (
    SELECT d.kind, COALESCE(d.due_date, d.estimated_due_date) AS shown,
        (d.due_date IS NULL AND d.estimated_due_date IS NOT NULL) AS estimated,
        d.provisional_year
    FROM deadlines_deadline d
    WHERE d.subject_type_id = %s AND d.subject_id = page.id AND d.status IN ('open', 'overdue')
    ORDER BY COALESCE(d.due_at, d.estimated_due_at) ASC NULLS FIRST LIMIT 1) nd ON true"""


def bare_case_list(request: HttpRequest) -> HttpResponse:
    """`/cases/`: the count and the first 25 visible cases, newest first, each with its
    offender and its nearest open deadline."""
    scope = _scope(request)
    if scope is None:
        return HttpResponseForbidden()
    org, roles = scope
    capacities = capacities_for_roles(roles)
    (count,) = _rows(f"SELECT COUNT(*) FROM cases_case c WHERE {_VISIBLE}", [org, capacities])[0]
    rows = _rows(
        f"""WITH page AS (
            SELECT c.id, c.number, c.path, c.state, c.opened_on, c.offender_id
            FROM cases_case c WHERE {_VISIBLE}
            ORDER BY c.opened_on DESC, c.id DESC LIMIT 25)
        SELECT page.id, page.number, page.path, page.state, page.opened_on, page.offender_id,
            o.name, nd.kind, nd.shown, nd.estimated, nd.provisional_year
        FROM page JOIN cases_offender o ON o.id = page.offender_id {_NEXT_DEADLINE}
        ORDER BY page.opened_on DESC, page.id DESC""",
        [org, capacities, _case_type()],
    )
    return HttpResponse(_CASES.render(Context({"count": count, "rows": rows})))


def bare_my_work(request: HttpRequest) -> HttpResponse:
    """The home page: the first 100 deadlines the user answers for, soonest first, and the
    20 oldest visible cases with their offender."""
    scope = _scope(request)
    if scope is None:
        return HttpResponseForbidden()
    org, roles = scope
    codes = [c for c, k in KINDS.items() if (k.responsible_roles | k.head_roles) & roles]
    deadlines = _rows(
        """SELECT d.id, d.due_date, d.estimated_due_date, d.provisional_year, d.kind,
            d.subject_label, d.subject_url, d.legal_basis, d.trigger_at, d.status
        FROM deadlines_deadline d
        WHERE d.responsible_organisation_id = %s AND d.kind = ANY(%s)
            AND d.status IN ('open', 'overdue', 'suspended')
        ORDER BY COALESCE(d.due_at, d.estimated_due_at) ASC NULLS FIRST, d.id ASC LIMIT 100""",
        [org, codes],
    )
    cases = _rows(
        f"""SELECT c.id, c.number, c.path, c.state, c.opened_on, o.name
        FROM cases_case c JOIN cases_offender o ON o.id = c.offender_id
        WHERE {_VISIBLE} ORDER BY c.opened_on ASC, c.id ASC LIMIT 20""",
        [org, capacities_for_roles(roles)],
    )
    return HttpResponse(_WORK.render(Context({"deadlines": deadlines, "cases": cases})))


def bare_caseload(request: HttpRequest) -> HttpResponse:
    """`/supervision/caseload/` of an officer: the count and the first 50 open supervision
    records of the institution, soonest review first, with the case and the offender."""
    scope = _scope(request)
    if scope is None:
        return HttpResponseForbidden()
    org, _roles = scope
    (count,) = _rows(
        "SELECT COUNT(*) FROM supervision_supervision s "
        "WHERE s.executing_cci_id = %s AND NOT s.state = ANY(%s)",
        [org, _ENDED],
    )[0]
    rows = _rows(
        """SELECT s.id, s.case_id, c.number, o.name, s.ground_medical, s.ground_pregnancy,
            s.ground_self_care, s.grade, s.monitoring_ends_on, s.nursing_ends_on, s.expiry_date,
            s.warning_count, nr.shown, nr.estimated, nr.provisional_year
        FROM supervision_supervision s
        JOIN cases_case c ON c.id = s.case_id JOIN cases_offender o ON o.id = c.offender_id
        LEFT JOIN LATERAL (
            SELECT COALESCE(d.due_date, d.estimated_due_date) AS shown,
                d.due_date IS NULL AS estimated, d.provisional_year
            FROM deadlines_deadline d
            WHERE d.subject_type_id = %s AND d.subject_id = s.case_id AND d.kind = 'D-15'
                AND d.status IN ('open', 'overdue')
            ORDER BY COALESCE(d.due_at, d.estimated_due_at) ASC NULLS FIRST, d.id LIMIT 1
        ) nr ON true
        WHERE s.executing_cci_id = %s AND NOT s.state = ANY(%s)
        ORDER BY nr.shown ASC NULLS LAST, s.id ASC LIMIT 50""",
        [_case_type(), org, _ENDED],
    )
    return HttpResponse(_CASELOAD.render(Context({"count": count, "rows": rows})))


def bare_case_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page's rows: the case (scoped) with its offender and sentence, its
    participants and its documents (evidence)."""
    scope = _scope(request)
    if scope is None:
        return HttpResponseForbidden()
    org, roles = scope
    found = _rows(
        f"""SELECT c.id, c.number, c.path, c.state, c.opened_on, o.name, o.id_number,
            s.judgment_number, s.expiry_date
        FROM cases_case c JOIN cases_offender o ON o.id = c.offender_id
        LEFT JOIN cases_sentence s ON s.id = c.sentence_id
        WHERE c.id = %s AND {_VISIBLE}""",
        [pk, org, capacities_for_roles(roles)],
    )
    if not found:
        return HttpResponse(status=404)
    participants = _rows(
        """SELECT g.name, p.capacity FROM cases_caseparticipant p
        JOIN accounts_organisation g ON g.id = p.organisation_id WHERE p.case_id = %s
        ORDER BY p.id""",
        [pk],
    )
    evidence = _rows(
        """SELECT e.id, e.kind, e.original_name, e.description, e.uploaded_at, e.sha256
        FROM cases_evidence e WHERE e.case_id = %s ORDER BY e.uploaded_at, e.id""",
        [pk],
    )
    context = {
        "case": found[0],
        "participants": participants,
        "evidence": evidence,
    }
    return HttpResponse(_CASE.render(Context(context)))
