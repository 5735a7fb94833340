"""The caseload narrows by state, ground, grade, overdue review, warnings and by name or case
number, sorts by each date column (empty dates last), pages, and highlights an overdue review
(P2014 Art 21, D-15) for the officer and the procuratorate alike; a review clock reaching an
unloaded year shows its weekend-only estimate, marked as such."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from supervision.caseload import views
from supervision.models import Supervision, SupervisionGrade, SupervisionState

from .caseload_steps import SH, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
TODAY = dt.datetime(2026, 10, 15, 10, tzinfo=SH)


@pytest.fixture
def caseload(world) -> dict[str, Supervision]:
    people = {
        "甲一": person(
            world,
            "甲一",
            31,
            review_from=dt.date(2026, 6, 1),
            grade=SupervisionGrade.STRICT,
            warning_count=2,
            expiry_date=dt.date(2028, 5, 1),
        ),
        "乙二": person(
            world,
            "乙二",
            33,
            review_from=dt.date(2026, 9, 1),
            grade=SupervisionGrade.LENIENT,
            ground_pregnancy=True,
            nursing_ends_on=dt.date(2027, 3, 1),
            monitoring_ends_on=dt.date(2026, 11, 20),
            expiry_date=dt.date(2030, 1, 1),
        ),
        "丙三": person(world, "丙三", 35, ground_self_care=True, expiry_date=dt.date(2026, 10, 1)),
        "丁四": person(
            world, "丁四", 37, review_from=dt.date(2026, 10, 10), expiry_date=dt.date(2027, 8, 1)
        ),
    }
    Supervision.objects.filter(pk=people["丙三"].pk).update(
        state=SupervisionState.SENTENCE_EXPIRED, ended_on=dt.date(2026, 10, 1)
    )
    return people


def _rows(world, user, **query) -> tuple[list[str], str]:
    with time_machine.travel(TODAY, tick=False):
        response = world.client_for(user).get(reverse("supervision:caseload"), query)
    assert response.status_code == 200
    text = response.content.decode()
    ids = [int(i) for i in re.findall(r'id="supervision-(\d+)"', text)]
    names = {
        s.pk: s.case.offender.name for s in Supervision.objects.select_related("case__offender")
    }
    return [names[i] for i in ids], text


def test_the_filters_narrow_the_caseload(world, caseload) -> None:
    officer = world.officer
    assert set(_rows(world, officer)[0]) == {"甲一", "乙二", "丁四"}  # open by default
    assert _rows(world, officer, state="ended")[0] == ["丙三"]
    assert set(_rows(world, officer, state="all")[0]) == {"甲一", "乙二", "丙三", "丁四"}
    assert _rows(world, officer, overdue="on")[0] == ["甲一"]
    assert _rows(world, officer, warned="on")[0] == ["甲一"]
    assert _rows(world, officer, ground="pregnancy")[0] == ["乙二"]
    assert _rows(world, officer, ground="self_care", state="all")[0] == ["丙三"]
    assert _rows(world, officer, grade="lenient")[0] == ["乙二"]
    assert _rows(world, officer, q="丁四")[0] == ["丁四"]
    assert _rows(world, officer, q="〔2026〕033号")[0] == ["乙二"]


def test_the_caseload_sorts_by_each_date_column_with_empty_dates_last(world, caseload) -> None:
    officer = world.officer
    assert _rows(world, officer, state="all")[0] == ["甲一", "乙二", "丁四", "丙三"]
    assert _rows(world, officer, sort="-review", state="all")[0] == ["丁四", "乙二", "甲一", "丙三"]
    assert _rows(world, officer, sort="expiry")[0] == ["丁四", "甲一", "乙二"]
    assert _rows(world, officer, sort="-expiry")[0] == ["乙二", "甲一", "丁四"]
    assert _rows(world, officer, sort="monitoring")[0][0] == "乙二"
    assert _rows(world, officer, sort="nursing")[0][0] == "乙二"
    # The sort links keep the filters and turn the order round.
    _names, text = _rows(world, officer, sort="review", warned="on")
    assert "warned=on&amp;sort=-review" in text


def test_an_overdue_review_is_highlighted_for_the_officer_and_the_procuratorate(
    world, caseload
) -> None:
    overdue = caseload["甲一"].pk
    for user in (world.officer, world.procurator_a):
        _names, text = _rows(world, user)
        row = re.search(rf'<tr id="supervision-{overdue}"[^>]*>(.*?)</tr>', text, re.S)
        assert row is not None
        assert 'class="overdue-row"' in row.group(0)
        assert 'data-overdue="true"' in row.group(1) and "逾期44天" in row.group(1)
        on_time = re.search(
            rf'<tr id="supervision-{caseload["乙二"].pk}"[^>]*>(.*?)</tr>', text, re.S
        )
        assert on_time is not None and "剩余" in on_time.group(1)
        assert "overdue" not in on_time.group(0)


def test_a_review_due_in_an_unloaded_year_shows_its_estimate(world, caseload) -> None:
    _names, text = _rows(world, world.officer)
    row = re.search(rf'<tr id="supervision-{caseload["丁四"].pk}"[^>]*>(.*?)</tr>', text, re.S)
    assert row is not None
    assert 'data-estimated="true"' in row.group(1)
    # Three months from 10 October 2026 is Sunday 10 January 2027: the next weekday.
    assert "2027-01-11" in row.group(1) and "2027" in row.group(1).split("data-estimated")[1]


def test_the_caseload_pages_and_keeps_the_filters(world, caseload, monkeypatch) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first, text = _rows(world, world.officer, state="all")
    assert first == ["甲一", "乙二"]
    assert "state=all&amp;page=2" in text
    second, _text = _rows(world, world.officer, state="all", page=2)
    assert second == ["丁四", "丙三"]
