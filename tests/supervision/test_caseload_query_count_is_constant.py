"""The caseload and the reviews page issue the same number of SQL queries whatever the number
of people under supervision (issue 11: constant from 1,000 to 100,000, `make bench`): the next
review is a subquery, never a query per row. Seeded like the benchmark, at two small sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kernel.accounts.models import User
from kernel.deadlines.models import Deadline
from supervision.models import ConditionReview, ReviewFinding, Supervision

pytestmark = pytest.mark.django_db

URLS = (
    ("bench_officer", "/supervision/caseload/"),
    ("bench_officer", "/supervision/caseload/?sort=-expiry&warned=on&state=all"),
    ("bench_officer", "/supervision/caseload/?overdue=on&q=基准"),
    ("bench_procurator", "/supervision/caseload/"),
    ("bench_approver", "/supervision/caseload/"),
    ("bench_approver", "/supervision/reviews/"),
)


def _seed(cases: int) -> None:
    call_command("seed_bench", "--cases", str(cases), verbosity=0)
    call_command("seed_bench_caseload", verbosity=0)
    # Every filter of URLS finds rows at both sizes: an empty page skips the rows' query.
    Supervision.objects.update(warning_count=1)
    Deadline.objects.filter(kind="D-15").update(
        due_date=dt.date(2020, 1, 6), estimated_due_date=None, provisional_year=None
    )
    hospital = User.objects.get(username="bench_officer").organisation
    officer = User.objects.get(username="bench_officer")
    ConditionReview.objects.bulk_create(
        ConditionReview(
            supervision=record,
            reexamined_on=dt.date(2026, 6, 1),
            hospital=hospital,
            hospital_designated=record.pk % 2 == 0,
            doctors="李医生",
            findings="病情未见好转",
            finding=ReviewFinding.PERSIST,
            recorded_by=officer,
        )
        for record in Supervision.objects.filter(reviews__isnull=True)
    )


def _counts() -> dict[str, int]:
    counts = {}
    for username, url in URLS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm the caches (content types, translations)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts[f"{username} {url}"] = len(ctx.captured_queries)
    return counts


def test_the_caseload_query_count_does_not_grow_with_the_caseload() -> None:
    _seed(12)
    small = _counts()
    seen = Supervision.objects.filter(executing_cci__name="BENCH 11 社区矫正机构").count()
    _seed(90)
    assert Supervision.objects.filter(executing_cci__name="BENCH 11 社区矫正机构").count() > seen
    assert _counts() == small
    assert max(small.values()) <= 12, small
