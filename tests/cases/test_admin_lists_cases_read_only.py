"""Cases and offenders in the Django admin: listed for system administrators only, never
added, changed or deleted there (every change goes through a service and its audit event),
and the changelist's SQL does not grow with the rows (issue 15)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_system_administrator_reads_the_changelists(world) -> None:
    client = world.client_for(_staff(world.sysadmin))
    cases = client.get("/admin/cases/case/")
    assert cases.status_code == 200
    assert world.case_a.number in cases.content.decode()
    offenders = client.get("/admin/cases/offender/")
    assert offenders.status_code == 200
    assert world.offender_b.name in offenders.content.decode()


@pytest.mark.parametrize("model", ["case", "offender"])
def test_no_one_adds_changes_or_deletes_a_case_in_the_admin(world, model: str) -> None:
    client = world.client_for(_staff(world.sysadmin))
    obj = world.case_a if model == "case" else world.offender_a
    assert client.get(f"/admin/cases/{model}/add/").status_code == 403
    # The change page shows the record read-only: no save button, a POST is refused.
    page = client.get(f"/admin/cases/{model}/{obj.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(f"/admin/cases/{model}/{obj.pk}/change/", {}).status_code == 403
    assert client.post(f"/admin/cases/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    obj.refresh_from_db()  # still there


def test_staff_without_the_system_administrator_role_sees_no_case_in_the_admin(world) -> None:
    client = world.client_for(_staff(world.clerk_a))
    assert client.get("/admin/cases/case/").status_code == 403
    assert client.get("/admin/cases/offender/").status_code == 403


def test_case_changelist_query_count_does_not_grow_with_rows(world) -> None:
    from tests.system.test_list_query_counts import _grow

    client = world.client_for(_staff(world.sysadmin))
    url = "/admin/cases/case/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(world, 12, 0)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)
