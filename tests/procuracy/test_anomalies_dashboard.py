"""The dashboard, the cases behind a signal and the export: scoped to the procuratorate's
jurisdiction, formula-safe, and a fixed number of queries whatever the number of cases.

The clean case is built once (the whole lawful chain) and each check plants its anomalies in
a savepoint rolled back before the next."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procuracy.anomalies.signals import SIGNALS
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401

from .anomalies_helpers import NOW, more_cases, plant

pytestmark = pytest.mark.django_db

DASHBOARD = "procuracy:anomalies_dashboard"
EXPORT = "procuracy:anomalies_export"
PLANTED = ("expired_not_released", "death_recorded_elsewhere", "strict_review_approved")


@contextmanager
def _rolled_back() -> Iterator[None]:
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def _counts(response) -> dict[str, int]:
    return {e.signal.code: e.count for _, _, es in response.context["stages"] for e in es}


def _signal_url(code: str) -> str:
    return reverse("procuracy:anomalies_signal", args=[code])


def _dashboard_shows_the_planted_signals(world, case) -> None:
    with _rolled_back():
        for code in PLANTED:
            plant(world, case, code)
        response = world.client_for(world.procurator_a).get(reverse(DASHBOARD))
        assert response.status_code == 200
        html = response.content.decode()
        counts = _counts(response)
        assert set(counts) == set(SIGNALS)
        assert {code: n for code, n in counts.items() if n} == dict.fromkeys(PLANTED, 1)
        assert 'id="signal-death_recorded_elsewhere"' in html
        assert 'id="anomalies-trend-data"' in html
        assert "vendor/echarts/echarts.min.js" in html and "js/anomalies.mjs" in html
        assert "<script>" not in html  # CSP: no inline script
        assert _signal_url("expired_not_released") in html
        assert reverse(EXPORT) in html


def _drill_down_lists_the_case(world, case) -> None:
    with _rolled_back():
        plant(world, case, "expired_not_released")
        client = world.client_for(world.procurator_a)
        flagged = client.get(_signal_url("expired_not_released"))
        clean = client.get(_signal_url("monitoring_lapsed"))
        unknown = client.get(_signal_url("no_such_signal"))
    html = flagged.content.decode()
    assert flagged.status_code == 200
    assert f'id="flagged-case-{case.pk}"' in html
    assert case.number in html and case.offender.name in html
    assert reverse("procuracy:lane", args=[case.pk]) in html
    assert clean.status_code == 200 and case.number not in clean.content.decode()
    assert unknown.status_code == 404


def _export_is_complete_and_formula_safe(world, case) -> None:
    with _rolled_back():
        type(case.offender).objects.filter(pk=case.offender_id).update(name="=HYPERLINK")
        plant(world, case, "death_recorded_elsewhere")
        response = world.client_for(world.procurator_a).get(reverse(EXPORT))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len([r for r in rows[1:] if r[0]]) == len(SIGNALS)
    case_rows = [r for r in rows[1:] if r[3]]
    assert [r[3] for r in case_rows] == [case.number]
    assert case_rows[0][4] == "'=HYPERLINK"


def _another_procuratorate_sees_nothing(world, case) -> None:
    with _rolled_back():
        for code in PLANTED:
            plant(world, case, code)
        client = world.client_for(world.procurator_b)
        dashboard = client.get(reverse(DASHBOARD))
        pages = [client.get(_signal_url(code)) for code in SIGNALS]
        export = client.get(reverse(EXPORT)).content.decode("utf-8-sig")
    assert dashboard.status_code == 200 and not any(_counts(dashboard).values())
    for page in pages:
        assert page.status_code == 200 and case.number not in page.content.decode()
    assert case.number not in export and case.offender.name not in export


def _queries_do_not_grow_with_the_cases(world, case) -> None:
    client = world.client_for(world.procurator_a)
    with _rolled_back():
        client.get(reverse(DASHBOARD))  # warms the per-process caches (content types)
        more_cases(world, case, 2)
        with CaptureQueriesContext(connection) as small:
            first = client.get(reverse(DASHBOARD))
        more_cases(world, case, 30)
        for code in PLANTED:
            plant(world, case, code)
        with CaptureQueriesContext(connection) as large:
            second = client.get(reverse(DASHBOARD))
    assert sum(_counts(second).values()) > sum(_counts(first).values()) > 0
    assert len(large) == len(small)


def test_dashboard_drill_down_and_export_of_the_jurisdiction(world, supervised):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        _dashboard_shows_the_planted_signals(world, supervised)
        _drill_down_lists_the_case(world, supervised)
        _export_is_complete_and_formula_safe(world, supervised)
        _another_procuratorate_sees_nothing(world, supervised)
        _queries_do_not_grow_with_the_cases(world, supervised)


def test_only_procurators_read_the_dashboard(world):
    for user in (world.clerk_a, world.officer, world.approver):
        client = world.client_for(user)
        assert client.get(reverse(DASHBOARD)).status_code == 403
        assert client.get(reverse(EXPORT)).status_code == 403
        assert client.get(_signal_url("repeated_pregnancies")).status_code == 403
    assert Client().get(reverse(DASHBOARD)).status_code == 302
    menu = world.client_for(world.procurator_a).get(reverse("cases:my_work")).content.decode()
    assert reverse(DASHBOARD) in menu
    assert (
        reverse(DASHBOARD)
        not in world.client_for(world.clerk_a).get(reverse("cases:my_work")).content.decode()
    )
