"""A government office signs out a user who walked away: after 30 minutes without a request,
and after 10 hours whatever happens (issue 9 item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _office_session_limits(settings) -> None:
    """The production limits (the test settings lift them for time-travelling tests)."""
    settings.TEOP_SESSION_IDLE_SECONDS = 30 * 60
    settings.TEOP_SESSION_ABSOLUTE_SECONDS = 10 * 3600


def _signed_in(world) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "pw-for-tests"})
    assert response.status_code == 302
    return client


def test_session_ends_after_thirty_idle_minutes(world) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(world)
        assert client.get("/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/cases/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(world) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(world)
        for _ in range(8):  # 8 x 25 minutes = 200 minutes of steady work
            clock.shift(dt.timedelta(minutes=25))
            assert client.get("/cases/").status_code == 200


def test_session_ends_after_ten_hours_even_when_active(world) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(world)
        client.get("/")
        for _ in range(25):  # every 25 minutes for 10 hours and more
            clock.shift(dt.timedelta(minutes=25))
            response = client.get("/cases/")
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session


def test_signed_out_user_is_told_why(world) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = _signed_in(world)
        client.get("/")
        clock.shift(dt.timedelta(minutes=45))
        page = client.get("/cases/", follow=True).content.decode()
        assert "30 分钟" in page or "30分钟" in page
