"""Hypothesis posts the HTML forms that take dates and numbers: none answers 5xx (issue #9 item 6).

Offender registration, commutation, opening a case, the deadline calculator, the written
application, the copy to the procuratorate, the deliberation and the publicity, each with
dates across the whole calendar (years 1 to 9999), malformed text, NUL bytes and numbers up to
10^12. Valid posts are saved inside the test's transaction; invalid ones must be refused with
a message (any 4xx or the form again), never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cases.steps import to_deliberated, to_ready
from tests.cases.test_offender_registration import _post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

EXAMPLES = 25
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

date_text = st.one_of(
    st.dates(min_value=dt.date.min, max_value=dt.date.max).map(dt.date.isoformat),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "9990-01-01",
            "1949-09-30",
            "2026-02-30",
            "",
            "not a date",
            "\x00",
            "99999-01-01",
            "-0001-01-01",
        ]
    ),
    st.text(max_size=12),
)
number_text = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.integers(min_value=0, max_value=400).map(str),
    st.sampled_from(["999999999", "1e9", "", "-1", "0", "\x00", "NaN", "9" * 30, "3650"]),
    st.text(max_size=8),
)

TRIED = {"requests": 0, "server_errors": 0}


def _send(request: Callable[[], object]) -> None:
    response = request()
    TRIED["requests"] += 1
    status = response.status_code  # type: ignore[attr-defined]
    if status >= 500:
        TRIED["server_errors"] += 1
    assert status < 500


def _client(world, user) -> Client:
    client = world.client_for(user)
    client.raise_request_exception = False
    return client


def test_offender_registration_never_answers_5xx(world) -> None:
    client = _client(world, world.clerk_a)

    @FUZZ
    @given(
        start=date_text,
        effective=date_text,
        birth=date_text,
        custody=number_text,
        years=number_text,
        months=number_text,
    )
    def post(start, effective, birth, custody, years, months) -> None:
        data = _post_data(
            **{
                "sentence-execution_start": start,
                "sentence-judgment_effective_on": effective,
                "sentence-custody_days": custody,
                "sentence-original_years": years,
                "sentence-original_months": months,
                "offender-date_of_birth": birth,
            }
        )
        _send(lambda: client.post("/offenders/new/", data))

    post()


def test_commutation_and_case_opening_never_answer_5xx(world) -> None:
    client = _client(world, world.clerk_a)
    offender = world.offender_a

    @FUZZ
    @given(ruling=date_text, years=number_text, months=number_text, days=number_text)
    def commute(ruling, years, months, days) -> None:
        data = {
            "ruling_date": ruling,
            "ruling_number": "(2024)浙刑更1号",
            "kind": "reduction",
            "years": years,
            "months": months,
            "days": days,
        }
        _send(lambda: client.post(f"/offenders/{offender.pk}/commutations/", data))

    @FUZZ
    @given(opened=date_text, applied=date_text)
    def open_case(opened, applied) -> None:
        data = {
            "ground_medical": "on",
            "opened_on": opened,
            "has_application": "on",
            "applicant_name": "张父",
            "relationship": "relative",
            "applied_on": applied,
        }
        _send(lambda: client.post(f"/offenders/{world.offender_b.pk}/cases/new/", data))

    commute()
    open_case()


def test_deadline_calculator_never_answers_5xx(world) -> None:
    client = _client(world, world.clerk_a)

    @FUZZ
    @given(
        start=date_text,
        amount=number_text,
        unit=st.sampled_from(["working_days", "calendar_days", "months", "hours", ""]),
        custody=st.booleans(),
    )
    def compute(start, amount, unit, custody) -> None:
        query = {"start": start, "amount": amount, "unit": unit}
        if custody:
            query["in_custody"] = "on"
        _send(lambda: client.get("/calendar/deadline-calculator/", query))

    compute()


def test_case_file_records_never_answer_5xx(world) -> None:
    client = _client(world, world.clerk_a)
    case = world.case_a

    @FUZZ
    @given(sent=date_text, applied=date_text)
    def initiated_records(sent, applied) -> None:
        copy = {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-procuratorate": world.proc_a.pk,
            "procuratorate-copy-sent_on": sent,
        }
        _send(lambda: client.post(f"/cases/{case.pk}/records/procuratorate-copy/", copy))
        application = {
            "application-applicant_name": "张父",
            "application-relationship": "relative",
            "application-applied_on": applied,
            "application-summary": "患严重疾病",
        }
        _send(lambda: client.post(f"/cases/{case.pk}/records/application/", application))

    initiated_records()


def test_deliberation_record_never_answers_5xx(world) -> None:
    client = _client(world, world.clerk_a)
    case = world.case_a
    to_ready(world, case)

    @FUZZ
    @given(held=date_text, members=number_text)
    def deliberation(held, members) -> None:
        data = {
            "deliberation-held_on": held,
            "deliberation-members_present": members,
            "deliberation-chaired_by": "陈监狱长",
            "deliberation-propose": "on",
            "deliberation-reasons": "符合条件",
        }
        _send(lambda: client.post(f"/cases/{case.pk}/records/deliberation/", data))

    deliberation()


def test_publicity_record_never_answers_5xx(world) -> None:
    client = _client(world, world.clerk_a)
    case = world.case_a
    to_deliberated(world, case)

    @FUZZ
    @given(starts=date_text, ends=date_text)
    def publicity(starts, ends) -> None:
        data = {
            "publicity-starts_on": starts,
            "publicity-ends_on": ends,
            "publicity-place": "监区公告栏",
        }
        _send(lambda: client.post(f"/cases/{case.pk}/records/publicity/", data))

    publicity()


def test_report_how_many_form_posts_were_fuzzed() -> None:
    # Printed with `pytest -s`: the figure the closing note asks for.
    print(
        f"\nform fuzz: {TRIED['requests']} requests, {TRIED['server_errors']} 5xx "
        f"({EXAMPLES} examples per form)"
    )
