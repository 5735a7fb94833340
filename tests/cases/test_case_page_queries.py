"""The case page and the dossier reader issue the same number of SQL queries whatever the
number of documents and audit events of the case (issue 15: 50 documents, 200 events), and
read each record set of the case file once: the rules, the forms and the template share one
snapshot of the records (`Case.records_snapshot`), so the page stays within a fixed budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.audit.services import audit_record
from tests.cases.steps import to_deliberated
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db


def _grow(world, documents: int, events: int) -> None:
    case = world.case_a
    EvidenceFactory.create_batch(documents, case=case, uploaded_by=world.clerk_a)
    for i in range(events):
        audit_record(actor=world.clerk_a, action="evidence.viewed", obj=case, payload={"i": i})


def _count(client, url: str) -> int:
    client.get(url)  # session and permission caches warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


#: The budget of each page (issue 15 round 2: the case page was 61 queries for the clerk, then
#: 29; round 3: a kind of record the case has none of costs no query, the dossier's links and
#: the forms of corrections are no longer drawn on the page; round 4: the eligibility facts and
#: the records of the step have their own pages, the case's query brings the sign-off and the
#: submission, the records' query says whether there is an opinion or a decision, the rules
#: asking whether a scan is attached read the dossier already read).
@pytest.mark.parametrize(
    ("persona", "page", "budget"),
    [("clerk_a", "", 15), ("procurator_a", "", 20), ("procurator_a", "reader/", 14)],
)
def test_case_page_query_count_does_not_grow_with_documents_and_events(
    world, persona: str, page: str, budget: int
) -> None:
    to_deliberated(world, world.case_a)
    client = world.client_for(getattr(world, persona))
    url = f"/cases/{world.case_a.pk}/{page}"
    _grow(world, 2, 5)
    few = _count(client, url)
    _grow(world, 48, 195)  # 50 documents, 200 events and more
    many = _count(client, url)
    assert few == many, (few, many)
    assert many <= budget, (many, budget)
