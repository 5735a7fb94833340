"""`Case.participant(capacity)`: the one way to ask which organisation takes part in a case in a
capacity (issue #10, item 6). It reads prefetched participants without a query."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.jurisdiction import Capacity
from cases.models import Case


def test_participant_names_the_organisation_of_each_capacity(world) -> None:
    case = Case.objects.get(pk=world.case_a.pk)
    assert case.participant(Capacity.INSTITUTION) == world.prison_a
    assert case.participant(Capacity.DECISION_ORGAN) == world.pab
    assert case.participant(Capacity.PROCURATORATE) == world.proc_a
    assert case.participant(Capacity.DECISION_PROCURATORATE) == world.proc_prov


def test_participant_is_none_for_a_capacity_nobody_holds(world) -> None:
    case = Case.objects.get(pk=world.case_a.pk)
    assert case.participant(Capacity.RESIDENCE_AUTHORITY) is None


def test_participant_reads_prefetched_participants_without_a_query(world) -> None:
    case = Case.objects.prefetch_related("participants__organisation").get(pk=world.case_a.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert case.participant(Capacity.INSTITUTION) == world.prison_a
        assert case.participant(Capacity.EXECUTING_CCI) is None
    assert len(ctx.captured_queries) == 0


def test_participant_without_prefetch_asks_once(world) -> None:
    case = Case.objects.get(pk=world.case_a.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert case.participant(Capacity.DECISION_ORGAN) == world.pab
    assert len(ctx.captured_queries) == 1
