"""GET /api/v1/calendar/add-working-days (issue: calendar examples must hold through the API)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/add-working-days"


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2025-12-25", 15, "2026-01-16"),
        ("2026-01-30", 15, "2026-02-27"),
        ("2026-02-12", 3, "2026-02-24"),
    ],
)
def test_official_examples_hold_through_the_api(loaded_calendar, world, start, days, due) -> None:
    response = world.client_for(world.clerk_a).get(URL, {"start": start, "days": days})
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["days"], body["due"]) == (start, days, due)
    assert "Art 105" in body["rule"]
    assert "2026" in body["calendar"]
    assert len(body["trace"]["counted"]) == days


def test_trace_lists_every_skipped_day_with_its_reason(loaded_calendar, world) -> None:
    body = world.client_for(world.clerk_a).get(URL, {"start": "2026-02-12", "days": 3}).json()
    skipped = {s["date"]: s["reason"] for s in body["trace"]["skipped"]}
    assert skipped["2026-02-16"] == "holiday"
    assert len(skipped) == 9  # 02-15 .. 02-23


def test_unloaded_year_is_422_naming_the_year(loaded_calendar, world) -> None:
    response = world.client_for(world.clerk_a).get(URL, {"start": "2026-12-24", "days": 15})
    assert response.status_code == 422
    assert response.json()["year"] == 2027
    assert "2027" in response.json()["detail"]


def test_unloaded_year_is_explained_in_chinese_by_default_and_english_on_request(
    loaded_calendar, world
) -> None:
    """The refusal names the missing year in the reader's language (legal-spec E-01)."""
    client = world.client_for(world.clerk_a)
    params = {"start": "2026-12-24", "days": 15}
    chinese = client.get(URL, params).json()["detail"]
    assert chinese.startswith("尚未导入2027年的官方工作日历：须由系统管理员录入国务院公布的")
    english = client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english.startswith("The official working-day calendar for 2027 is not loaded")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30", "days": 3}, "start"),
        ({"start": "2026-02-12"}, "days"),
        ({"start": "2026-02-12", "days": "three"}, "days"),
        ({"start": "2026-02-12", "days": 0}, "days"),
        ({"start": "2026-02-12", "days": 99999}, "days"),
        ({"days": 3}, "start"),
        ({"start": "2026-02-12", "days": 3, "region": "x"}, "region"),
    ],
)
def test_bad_input_is_400_with_a_message(loaded_calendar, world, params, field) -> None:
    response = world.client_for(world.clerk_a).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["detail"]
    assert response.json()["detail"][field][0]


def test_token_authentication_works(loaded_calendar, world) -> None:
    from django.test import Client
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.officer)
    response = Client().get(
        URL, {"start": "2026-02-12", "days": 3}, HTTP_AUTHORIZATION=f"Token {token.key}"
    )
    assert response.status_code == 200


def test_anonymous_is_refused(loaded_calendar, client) -> None:
    assert client.get(URL, {"start": "2026-02-12", "days": 3}).status_code in (401, 403)


def test_calculator_page_shows_the_same_result(loaded_calendar, world) -> None:
    response = world.client_for(world.clerk_a).get(
        "/calendar/deadline-calculator/",
        {"start": "2026-01-30", "amount": 15, "unit": "working_days"},
    )
    assert response.status_code == 200
    assert 'id="due">2026-02-27<' in response.content.decode()


def test_calculator_page_explains_an_unloaded_year(loaded_calendar, world) -> None:
    response = world.client_for(world.clerk_a).get(
        "/calendar/deadline-calculator/",
        {"start": "2026-12-24", "amount": 15, "unit": "working_days"},
    )
    assert "2027" in response.content.decode()
    assert 'id="due"' not in response.content.decode()


def test_calculator_page_rejects_bad_input_clearly(loaded_calendar, world) -> None:
    response = world.client_for(world.clerk_a).get(
        "/calendar/deadline-calculator/",
        {"start": "bad", "amount": 0, "unit": "working_days"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert "Enter a date as YYYY-MM-DD." in body or "YYYY-MM-DD" in body
    assert 'id="due"' not in body
