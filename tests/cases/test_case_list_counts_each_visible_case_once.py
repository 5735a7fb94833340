"""The case list's total counts each visible case once, from the participations (issue 15).

Unfiltered, `/cases/` counts its cases with `case_visible_count_for_user` (the distinct case ids
of the organisation's participations) instead of a semi-join over the cases. The count must be
the list's own: an organisation taking part twice in one case counts it once, another
organisation's case is not counted, and a filtered list counts what the filter keeps.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, CaseState
from cases.selectors import case_list_for_user, case_visible_count_for_user
from tests.system.test_list_query_counts import _grow

pytestmark = pytest.mark.django_db


def _listed(client, url: str = "/cases/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"]


def test_a_case_the_organisation_takes_part_in_twice_is_counted_once(world) -> None:
    CaseParticipant.objects.create(
        case=world.case_a, organisation=world.prison_a, capacity=Capacity.FILEHOLDER
    )
    assert (
        CaseParticipant.objects.filter(case=world.case_a, organisation=world.prison_a).count() == 2
    )
    page = _listed(world.client_for(world.clerk_a))
    assert page.paginator.count == 1
    assert [case.pk for case in page.object_list] == [world.case_a.pk]
    assert case_visible_count_for_user(user=world.clerk_a) == 1


def test_the_count_is_the_number_of_cases_the_list_holds_for_every_user(world) -> None:
    _grow(world, 3, 0)
    users = [world.clerk_a, world.clerk_b, world.approver, world.procurator_a, world.officer]
    for user in users:
        assert case_visible_count_for_user(user=user) == case_list_for_user(user=user).count()
    assert case_visible_count_for_user(user=world.clerk_a) == 4
    # Another prison's clerk counts the one case of that prison, not the first prison's.
    assert _listed(world.client_for(world.clerk_b)).paginator.count == 1


def test_a_user_who_sees_no_case_counts_none(world) -> None:
    assert case_visible_count_for_user(user=world.sysadmin) == 0


def test_the_unfiltered_count_reads_the_participations_and_a_filtered_one_the_filter(world) -> None:
    client = world.client_for(world.clerk_a)
    _listed(client)
    with CaptureQueriesContext(connection) as unfiltered:
        assert _listed(client).paginator.count == 1
    counts = [q["sql"] for q in unfiltered.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1
    assert "COUNT(DISTINCT" in counts[0]
    assert '"cases_caseparticipant"' in counts[0] and 'FROM "cases_case"' not in counts[0]

    filtered = _listed(client, f"/cases/?state={world.case_a.state}")
    assert filtered.paginator.count == 1
    other = next(state for state in CaseState.values if state != world.case_a.state)
    assert _listed(client, f"/cases/?state={other}").paginator.count == 0
    assert _listed(client, "/cases/?q=不存在的人").paginator.count == 0
