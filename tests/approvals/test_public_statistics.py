"""Public statistics (issue 14): counts by province, ground and month from the records, small
counts suppressed and left out of totals, the working days of D-04 on the official calendar,
the CSV, a fixed number of queries, and no juvenile counted (E-31)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from approvals.models import DecisionKind
from approvals.public.statistics import public_statistics
from tests.approvals.public_helpers import (
    chinese_in,
    english_words_in,
    main_text,
    plant,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _planted() -> None:
    # Zhejiang (33): 6 medical approvals in March 2026, 2 rejections, 1 revocation.
    for _ in range(6):
        plant(province="33", ground="medical")
    for _ in range(2):
        plant(province="33", ground="self_care", approved=False)
    plant(
        province="33",
        ground="medical",
        kind=DecisionKind.IMPRISONMENT,
        decided=dt.date(2026, 4, 10),
    )
    # Jiangsu (32): 5 pregnancy approvals decided late (2026-03-02 → 2026-04-10).
    for _ in range(5):
        plant(province="32", ground="pregnancy", decided=dt.date(2026, 4, 10))
    # A juvenile's case is never counted, even in a cell that would otherwise show.
    plant(province="32", ground="pregnancy", decided=dt.date(2026, 4, 10), juvenile=True)


def _row(table, key):
    return {c: str(v) for c, v in {k: cells for k, _l, cells in table.rows}[key].items()}


def test_counts_by_province_ground_and_month_with_suppression() -> None:
    _planted()
    tables = {t.key: t for t in public_statistics().tables}
    assert _row(tables["province"], "33") == {
        "applications": "9",
        "approvals": "6",
        "rejections": "<5",
        "revocations": "<5",
    }
    # The juvenile's application and approval are not counted: 5, not 6.
    assert _row(tables["province"], "32") == {
        "applications": "5",
        "approvals": "5",
        "rejections": "0",
        "revocations": "0",
    }
    # Totals leave the suppressed cells out and say so.
    totals = {c: str(v) for c, v in tables["province"].totals.items()}
    assert totals == {
        "applications": "14",
        "approvals": "11",
        "rejections": "≥0",
        "revocations": "≥0",
    }
    assert _row(tables["ground"], "medical")["approvals"] == "6"
    assert _row(tables["ground"], "self_care")["rejections"] == "<5"
    assert _row(tables["month"], "2026-03")["applications"] == "14"
    assert _row(tables["month"], "2026-04")["approvals"] == "5"


def test_working_days_are_counted_on_the_official_calendar_against_d04() -> None:
    _planted()
    time = {t.key: t for t in public_statistics().tables}["time"]
    # 2026-03-02 (Mon) → 03-20 (Fri): 14 working days, within the 15 of D-04.
    # Approvals and rejections alike: 8 decisions.
    assert _row(time, "33") == {"within": "8", "over": "0", "median": "14"}
    # 2026-03-02 → 04-10: 28 working days (Qingming 04-04..06: 04-06 is a holiday).
    assert _row(time, "32") == {"within": "0", "over": "5", "median": "28"}


def test_threshold_is_a_setting(settings) -> None:
    settings.TEOP_PUBLIC_MIN_CELL = 3
    _planted()
    province = {t.key: t for t in public_statistics().tables}["province"]
    assert _row(province, "33")["rejections"] == "<3"
    settings.TEOP_PUBLIC_MIN_CELL = 2
    assert (
        _row({t.key: t for t in public_statistics().tables}["province"], "33")["rejections"] == "2"
    )


def test_page_renders_in_both_languages_with_the_rule_stated(client) -> None:
    _planted()
    zh = client.get("/public/statistics/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 200
    text = main_text(zh.content.decode())
    assert "浙江" in text and "江苏" in text
    assert "&lt;5" in text and "犯罪时未满十八周岁" in text
    assert "<svg" in zh.content.decode()
    assert english_words_in(text) == []
    en = client.get("/public/statistics/", HTTP_ACCEPT_LANGUAGE="en")
    text = main_text(en.content.decode())
    assert "Zhejiang" in text and "Jiangsu" in text
    assert "left out of every total" in text
    assert chinese_in(text) == []


def test_csv_holds_the_same_figures_and_hides_small_counts(client) -> None:
    _planted()
    response = client.get("/public/statistics.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = {(r[0], r[1], r[2]): r[3] for r in rows if len(r) == 4}
    assert values[("province", "33", "approvals")] == "6"
    assert values[("province", "33", "rejections")] == "<5"
    assert values[("province", "total", "applications")] == "14"
    assert values[("province", "total", "rejections")] == "≥0"
    assert values[("time", "32", "median")] == "28"
    assert "2" not in {values[("province", "33", "rejections")]}


def test_query_count_is_constant_and_the_counts_are_cached(client) -> None:
    plant(province="33")
    client.get("/public/statistics/")  # the calendar snapshot is loaded once per process
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/public/statistics/")
    cache.clear()
    _planted()
    with CaptureQueriesContext(connection) as many:
        client.get("/public/statistics/")
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as cached:
        client.get("/public/statistics/")
    assert len(cached) < len(many)
