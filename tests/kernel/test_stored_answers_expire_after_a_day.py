"""Stored answers of Idempotency-Key requests are forgotten after a day (KEPT_FOR): the
hourly beat task keeps the table the size of a day's API writes, and the key is free again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kernel.idempotency.models import IdempotentRequest
from kernel.idempotency.services import KEPT_FOR, idempotent_requests_expire
from kernel.idempotency.tasks import expire
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _stored(user, key: str, age: dt.timedelta) -> IdempotentRequest:
    return IdempotentRequest.objects.create(
        user=user,
        key=key,
        fingerprint="0" * 64,
        status=IdempotentRequest.Status.DONE,
        response_status=200,
        response_body={"id": 1},
        created_at=timezone.now() - age,
    )


def test_answers_older_than_a_day_are_forgotten_and_younger_ones_kept() -> None:
    user = UserFactory()
    _stored(user, "old", KEPT_FOR + dt.timedelta(minutes=1))
    _stored(user, "young", KEPT_FOR - dt.timedelta(minutes=1))

    assert idempotent_requests_expire() == 1
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["young"]


def test_the_beat_task_is_idempotent() -> None:
    _stored(UserFactory(), "old", KEPT_FOR * 2)

    assert expire() == 1
    assert expire() == 0


def test_the_expiry_is_scheduled() -> None:
    from config.celery_app import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "kernel.idempotency.tasks.expire" in tasks
