"""List pages keep a constant number of SQL queries whatever the data size (non-negotiable 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.services import case_open, offender_register
from tests.factories import identity_number

pytestmark = pytest.mark.django_db


def _grow(world, n: int, offset: int) -> None:
    for i in range(n):
        seq = 2 * (offset + i) + 101
        offender = offender_register(
            actor=world.clerk_a,
            offender_data={
                "name": f"新犯{offset + i}",
                "id_number": identity_number(sequence=seq),
                "sex": "M",
                "date_of_birth": dt.date(1970, 5, 17),
                "residence_address": "浙江省杭州市西湖区",
                "residence_region_code": "330106",
            },
            sentence_data={
                "judgment_number": f"(2020)浙0106刑初{seq}号",
                "offences": "盗窃罪",
                "original_type": "fixed_term",
                "original_years": 5,
                "original_months": 0,
                "execution_start": dt.date(2021, 1, 1),
            },
        )
        case_open(
            actor=world.clerk_a,
            offender=offender,
            number=f"Q-{seq}",
            opened_on=dt.date(2026, 4, 1),
            ground_medical=True,
        )


def _count(client, url: str) -> int:
    client.get(url)  # session and permission caches warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/offenders/", "/cases/", "/", "/api/v1/offenders/", "/api/v1/cases/", "/offenders/?q=新犯"],
)
def test_list_page_query_count_does_not_grow_with_rows(world, url: str) -> None:
    client = world.client_for(world.clerk_a)
    _grow(world, 3, 0)
    small = _count(client, url)
    _grow(world, 30, 3)
    large = _count(client, url)
    assert small == large, (small, large)
    assert 0 < large <= 8
