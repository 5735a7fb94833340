"""The dossier reader lists every document of a case, uploaded or issued on it, filters them on
the server, and serves each one's bytes from one scoped, audited route (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.audit.models import AuditEvent
from kernel.audit.services import audit_record
from tests.cases.reader_helpers import (
    PDF,
    image_evidence,
    issued,
    stored_evidence,
    uploaded,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _page(world, user=None):
    return world.client_for(user or world.procurator_a).get(f"/cases/{world.case_a.pk}/reader/")


def test_the_reader_lists_uploads_and_issued_documents_linked_from_the_case(world) -> None:
    case = world.case_a
    evidence = uploaded(case, world.clerk_a)
    (document,) = issued(case, world.pab)
    issued(world.case_b, world.pab)  # another case's document is not listed
    response = _page(world)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-key="e{evidence.pk}"' in body
    assert f'data-key="g{document.pk}"' in body
    assert document.title in body
    keys = [item["doc"].key for item in response.context["documents"]]
    assert keys == [f"e{evidence.pk}", f"g{document.pk}"]
    assert 'id="reader-next-page"' in body and 'id="reader-page-count"' in body
    assert "vendor/pdfjs/pdf.min.mjs" in body and "js/reader.mjs" in body
    case_page = world.client_for(world.procurator_a).get(f"/cases/{case.pk}/").content.decode()
    assert 'id="reader-link"' in case_page and f"/cases/{case.pk}/reader/" in case_page
    lane = world.client_for(world.procurator_a).get(f"/procuracy/cases/{case.pk}/")
    assert 'id="lane-reader-link"' in lane.content.decode()


def test_the_filters_by_kind_author_and_date_are_applied_by_the_server(world) -> None:
    case = world.case_a
    evidence = uploaded(case, world.clerk_a, "letter_of_guarantee")
    (early,) = issued(case, world.pab, on=dt.date(2026, 3, 1))
    (late,) = issued(case, world.pab, on=dt.date(2026, 4, 1))
    client = world.client_for(world.procurator_a)

    def keys(**query: str) -> list[str]:
        response = client.get(f"/cases/{case.pk}/reader/", query)
        return [item["doc"].key for item in response.context["documents"]]

    assert keys(kind="evidence:letter_of_guarantee") == [f"e{evidence.pk}"]
    assert keys(kind="generated") == [f"g{early.pk}", f"g{late.pk}"]
    assert keys(org=str(world.pab.pk)) == [f"g{early.pk}", f"g{late.pk}"]
    assert keys(org=str(world.prison_a.pk)) == [f"e{evidence.pk}"]
    assert keys(**{"from": "2026-03-15", "to": "2026-04-15"}) == [f"g{late.pk}"]
    assert len(keys(**{"from": "not-a-date"})) == 3


def test_a_document_is_served_inline_from_this_case_only_and_each_view_is_audited(world) -> None:
    case = world.case_a
    evidence = uploaded(case, world.clerk_a)
    (document,) = issued(case, world.pab)
    (elsewhere,) = issued(world.case_b, world.pab)
    client = world.client_for(world.procurator_a)
    response = client.get(f"/cases/{case.pk}/reader/documents/g{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert client.get(f"/cases/{case.pk}/reader/documents/e{evidence.pk}/").status_code == 200
    views = AuditEvent.objects.filter(action="document.viewed", object_id=str(case.pk))
    assert sorted(e.payload["document"] for e in views) == sorted(
        [f"g{document.pk}", f"e{evidence.pk}"]
    )
    assert views.first().actor_id == world.procurator_a.pk
    # Another case's document, a key that names nothing, a key of no form: not found.
    for key in (f"g{elsewhere.pk}", "e999999", "x1", "g0"):
        assert client.get(f"/cases/{case.pk}/reader/documents/{key}/").status_code == 404


def test_an_image_is_served_with_its_own_type(world) -> None:
    image = image_evidence(world.case_a, world.clerk_a)
    response = world.client_for(world.procurator_a).get(
        f"/cases/{world.case_a.pk}/reader/documents/e{image.pk}/"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_the_reader_of_another_procuratorate_is_not_found(world) -> None:
    assert _page(world, world.procurator_b).status_code == 404


def test_the_timeline_shows_the_case_acts_and_clocks_but_not_document_views(world) -> None:
    case = world.case_a
    audit_record(actor=world.clerk_a, action="case.test_act", obj=case, reason="理由一")
    audit_record(actor=world.clerk_a, action="document.viewed", obj=case)
    response = _page(world)
    actions = [e.action for e in response.context["events"]]
    assert "case.test_act" in actions and "document.viewed" not in actions
    assert "理由一" in response.content.decode()
    assert 'id="reader-timeline"' in response.content.decode()


def _queries(world) -> int:
    client = world.client_for(world.procurator_a)
    client.get(f"/cases/{world.case_a.pk}/reader/")  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/cases/{world.case_a.pk}/reader/")
    assert response.status_code == 200
    return len(queries)


def _grow(world, documents: int, events: int) -> None:
    stored_evidence(world.case_a, world.clerk_a, documents // 2)
    issued(world.case_a, world.pab, documents - documents // 2)
    for i in range(events):
        audit_record(actor=world.clerk_a, action=f"case.test_{i}", obj=world.case_a)


def test_the_reader_page_costs_the_same_queries_for_50_documents_as_for_5(world) -> None:
    _grow(world, 5, 20)
    few = _queries(world)
    _grow(world, 45, 180)
    many = _queries(world)
    assert many == few, (few, many)


def test_the_reader_page_runs_no_inline_script_or_style(world) -> None:
    from tests.system.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE

    issued(world.case_a, world.pab)
    body = _page(world).content.decode()
    assert not INLINE_SCRIPT.search(body)
    assert not INLINE_HANDLER.search(body)
    assert not INLINE_STYLE.search(body)
    assert '<script type="module" src="/static/js/reader.mjs">' in body
