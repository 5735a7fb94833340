"""The home page lists the oldest cases the user's organisation takes part in, oldest first,
and only those (issue 15: they are picked before their offenders are read)."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.selectors import case_oldest_for_user, case_visible_for_user
from cases.services import case_open
from tests.conftest import _register

pytestmark = pytest.mark.django_db


def test_the_oldest_visible_cases_oldest_first_with_their_offenders(world) -> None:
    for seq, day in ((21, 1), (23, 5), (25, 1)):
        case_open(
            actor=world.clerk_a,
            offender=_register(world.clerk_a, f"王{seq}", seq),
            number=f"浙狱暂〔2026〕1{seq}号",
            opened_on=dt.date(2026, 3, day),
            ground_medical=True,
        )
    every = list(case_visible_for_user(user=world.clerk_a).order_by("opened_on", "id"))
    oldest = list(case_oldest_for_user(user=world.clerk_a, limit=3))
    assert [c.pk for c in oldest] == [c.pk for c in every[:3]]
    assert [c.opened_on.day for c in oldest] == [1, 1, 2]
    assert oldest[0].offender.name == "王21"
    assert world.case_b.pk not in {c.pk for c in case_oldest_for_user(user=world.clerk_a)}


def test_a_user_in_no_capacity_sees_no_case(world) -> None:
    assert list(case_oldest_for_user(user=world.hospital_liaison)) == []
