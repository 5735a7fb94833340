"""Bad input answers 400/422 with a clear message, never 500 (issue #9 item 6).

The seven crashes of the issue, each as it was reported, then the walk over every form and
API serializer proving that each date and number field carries a bound from kernel/bounds.py.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django import forms
from rest_framework import serializers

from kernel.bounds import DateBound, NumberBound, bound_of, search_text
from tests.cases.steps import assessed_eligible
from tests.cases.test_offender_registration import _post_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]

ASSESS = "/api/v1/eligibility/assess"


def _profile(**sentence: object) -> dict[str, object]:
    facts: dict[str, object] = {
        "original_type": "fixed_term",
        "original_term": {"years": 12},
        "execution_start": "2020-01-01",
        "custody_days": 0,
    }
    facts.update(sentence)
    return {
        "on": "2026-03-02",
        "grounds": ["medical"],
        "sex": "M",
        "date_of_birth": "1970-05-17",
        "sentence": facts,
    }


@pytest.fixture
def clerk(world):
    client = world.client_for(world.clerk_a)
    client.raise_request_exception = False
    return client


def test_a_billion_days_of_custody_is_refused_with_the_limit_of_cl_art_47(clerk) -> None:
    response = clerk.post(ASSESS, _profile(custody_days=10**9), content_type="application/json")
    assert response.status_code == 400
    assert "《刑法》第四十五条、第四十七条、第六十九条" in str(response.json()["detail"])


def test_custody_cannot_exceed_the_sentence_itself(clerk) -> None:
    response = clerk.post(
        ASSESS,
        _profile(original_term={"months": 6}, custody_days=400),
        content_type="application/json",
    )
    assert response.status_code == 400
    # The API speaks the reader's language, Chinese by default (CL Art 47).
    assert response.json()["detail"] == (
        "先行羁押折抵的天数（400天）不能超过刑期本身（6个月，共182天）（《刑法》第四十七条）。"
    )


def test_execution_cannot_have_started_in_year_one(clerk) -> None:
    response = clerk.post(
        ASSESS, _profile(execution_start="0001-01-01"), content_type="application/json"
    )
    assert response.status_code == 400
    assert "刑罚开始执行的日期不能早于1949年10月1日" in str(response.json()["detail"])


def test_json_nested_100000_deep_is_refused_before_parsing(clerk) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = clerk.post(ASSESS, body, content_type="application/json")
    assert response.status_code == 400
    assert "64" in response.json()["detail"]


def test_a_json_body_over_the_size_limit_is_refused(clerk, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = clerk.post(ASSESS, '"' + "x" * 2000 + '"', content_type="application/json")
    # 413 from the parser, or 400 from Django's own limit when a middleware read the body first
    assert response.status_code in (400, 413)


def test_the_json_parser_refuses_a_body_over_the_limit_with_413(settings) -> None:
    import io

    from kernel.parsers import BoundedJSONParser, PayloadTooLarge

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with pytest.raises(PayloadTooLarge):
        BoundedJSONParser().parse(io.BytesIO(b'"' + b"x" * 2000 + b'"'))
    assert BoundedJSONParser().parse(io.BytesIO(b'{"a": [1, "[[["]}')) == {"a": [1, "[[["]}


def test_working_days_from_the_last_day_of_the_calendar_are_refused(clerk) -> None:
    response = clerk.get("/api/v1/calendar/add-working-days?start=9999-12-31&days=3650")
    assert response.status_code == 400
    assert "该日期离现在太远" in str(response.json()["detail"])


def test_working_days_into_an_unloaded_year_still_answer_422(clerk) -> None:
    response = clerk.get("/api/v1/calendar/add-working-days?start=2030-06-01&days=10")
    assert response.status_code == 422
    assert response.json()["year"] == 2030


@pytest.mark.parametrize("unit", ["working_days", "calendar_days", "months"])
def test_deadline_calculator_refuses_the_end_of_the_calendar(clerk, unit) -> None:
    response = clerk.get(
        "/calendar/deadline-calculator/", {"start": "9999-12-31", "amount": 3650, "unit": unit}
    )
    assert response.status_code < 500
    assert "该日期离现在太远" in response.content.decode()


def test_deadline_calculator_bounds_months_to_ten_years(clerk) -> None:
    response = clerk.get(
        "/calendar/deadline-calculator/", {"start": "2026-03-02", "amount": 3650, "unit": "months"}
    )
    assert response.status_code < 500
    assert "以月计算的期间应为1至120个月。" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/offenders/", "/cases/", "/offenders/"])
def test_a_nul_byte_in_a_search_never_reaches_postgresql(clerk, url) -> None:
    response = clerk.get(url, {"q": "张\x00三"})
    assert response.status_code == 200


def test_the_audit_filter_strips_a_nul_byte(world) -> None:
    client = world.client_for(world.sysadmin)
    client.raise_request_exception = False
    assert client.get("/audit/", {"action": "case.\x00opened"}).status_code == 200


def test_search_text_removes_control_characters_and_collapses_spaces() -> None:
    assert search_text("  张\x00三\t\x1f x ") == "张 三 x"
    assert search_text(None) == ""
    assert search_text("a" * 100, max_length=60) == "a" * 60


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sentence-custody_days", "999999999", "不能超过有期徒刑的最高刑期25年"),
        ("sentence-execution_start", "9990-01-01", "刑罚开始执行的日期不能晚于"),
        ("sentence-execution_start", "9999-06-01", "刑罚开始执行的日期不能晚于"),
        ("sentence-execution_start", "0001-01-01", "刑罚开始执行的日期不能早于"),
        ("offender-date_of_birth", "2999-01-01", "出生日期不能是将来的日期"),
    ],
)
def test_registration_refuses_impossible_sentence_facts(
    world, clerk, field, value, message
) -> None:
    response = clerk.post("/offenders/new/", _post_data(**{field: value}))
    assert response.status_code in (200, 400)
    assert message in response.content.decode()


def test_registration_refuses_custody_longer_than_the_sentence(world, clerk) -> None:
    response = clerk.post(
        "/offenders/new/",
        _post_data(**{"sentence-original_years": "1", "sentence-custody_days": "400"}),
    )
    assert response.status_code == 400
    assert "不能超过刑期本身（1年，共365天）（《刑法》第四十七条）" in response.content.decode()


def test_a_procuratorate_copy_cannot_be_sent_on_the_last_day_of_the_calendar(world, clerk) -> None:
    assessed_eligible(world.case_a)
    response = clerk.post(
        f"/cases/{world.case_a.pk}/records/procuratorate-copy/",
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-sent_on": "9999-12-31",
            "procuratorate-copy-procuratorate": world.proc_a.pk,
        },
    )
    assert response.status_code == 400
    assert "此处记录的是已经发生的事项" in response.content.decode()
    assert not world.case_a.procuratorate_copies.exists()


def test_a_record_dated_today_is_accepted_but_not_tomorrow(english) -> None:
    from django.core.exceptions import ValidationError

    from kernel.bounds import PAST_EVENT, china_today

    today = china_today()
    PAST_EVENT(today)
    with pytest.raises(ValidationError, match="already happened"):
        PAST_EVENT(today + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="cannot be earlier than"):
        PAST_EVENT(dt.date(1949, 9, 30))


FORM_MODULES = [
    "cases.forms",
    "cases.workflow_forms",
    "approvals.forms",
    "approvals.court.forms",
    "supervision.forms",
    "kernel.workcalendar.forms",
    "kernel.signing.forms",
]
SERIALIZER_MODULES = ["cases.eligibility_api", "cases.api", "kernel.workcalendar.api"]


def _classes(module_names: list[str], base: type) -> list[type]:
    found = []
    for name in module_names:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, base) and value.__module__ == name:
                found.append(value)
    return found


def test_every_date_and_number_field_of_every_form_is_bounded() -> None:
    unbounded = []
    for form_class in _classes(FORM_MODULES, forms.BaseForm):
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                if not isinstance(bound_of(field), DateBound):
                    unbounded.append(f"{form_class.__name__}.{name}")
            elif isinstance(field, forms.IntegerField):
                bounded = isinstance(bound_of(field), NumberBound)
                if not bounded and (field.min_value is None or field.max_value is None):
                    unbounded.append(f"{form_class.__name__}.{name}")
    assert unbounded == []


def test_every_date_and_number_field_of_every_api_input_is_bounded() -> None:
    unbounded = []
    for serializer_class in _classes(SERIALIZER_MODULES, serializers.Serializer):
        if issubclass(serializer_class, serializers.ModelSerializer):
            continue  # read-only output serializers
        for name, field in serializer_class().fields.items():
            if field.read_only:
                continue
            if not isinstance(field, serializers.DateField | serializers.IntegerField):
                continue
            limits = (getattr(field, "min_value", None), getattr(field, "max_value", None))
            if bound_of(field) is None and None in limits:
                unbounded.append(f"{serializer_class.__name__}.{name}")
    assert unbounded == []


def test_a_date_out_of_range_deep_in_a_page_answers_400_not_500(clerk) -> None:
    from unittest import mock

    from kernel.counting import DateOutOfRange

    with mock.patch(
        "kernel.workcalendar.views.calendar_load", side_effect=DateOutOfRange(dt.date.max)
    ):
        response = clerk.get(
            "/calendar/deadline-calculator/",
            {"start": "2026-03-02", "amount": 5, "unit": "working_days"},
        )
    assert response.status_code == 400
    assert "超出了系统能够计算的范围" in response.content.decode()


def test_a_date_out_of_range_deep_in_the_api_answers_400_not_500(clerk) -> None:
    from unittest import mock

    from kernel.counting import DateOutOfRange

    with mock.patch(
        "kernel.workcalendar.api.add_working_days", side_effect=DateOutOfRange(dt.date.max)
    ):
        response = clerk.get("/api/v1/calendar/add-working-days?start=2026-03-02&days=5")
    assert response.status_code == 400
    assert response.json()["code"] == "date_out_of_range"
