"""Per reviewer, which pages of which documents were opened in the reader; a document is read
when every page was opened (issue 13)."""

from __future__ import annotations

import pytest

from cases.models import DocumentReading
from cases.reader.services import MAX_PAGES, reader_all_viewed, reader_summary
from tests.cases.reader_helpers import image_evidence, issued, read_all, uploaded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _post(client, case, body, **extra):
    return client.post(
        f"/cases/{case.pk}/reader/readings/", body, content_type="application/json", **extra
    )


def test_a_document_is_read_when_every_page_was_opened(world) -> None:
    case = world.case_a
    (document,) = issued(case, world.pab)
    key = f"g{document.pk}"
    client = world.client_for(world.procurator_a)
    first = _post(client, case, {"key": key, "page_count": 3, "pages": [1]}).json()
    assert first == {
        "key": key,
        "page_count": 3,
        "pages_viewed": 1,
        "read": False,
        "documents_read": 0,
        "documents": 1,
        "all_viewed": False,
    }
    _post(client, case, {"key": key, "page_count": 3, "pages": [3, 1]})
    assert not reader_all_viewed(world.procurator_a, case)
    last = _post(client, case, {"key": key, "page_count": 3, "pages": [2]}).json()
    assert last["read"] is True and last["all_viewed"] is True
    reading = DocumentReading.objects.get(user=world.procurator_a, case=case, document_key=key)
    assert reading.pages_viewed == [1, 2, 3]
    assert reader_all_viewed(world.procurator_a, case)
    # Another reviewer has read nothing.
    assert not reader_all_viewed(world.procurator_prov, case)


def test_an_image_counts_as_one_page(world) -> None:
    case = world.case_a
    image = image_evidence(case, world.clerk_a)
    client = world.client_for(world.procurator_a)
    result = _post(client, case, {"key": f"e{image.pk}", "page_count": 7, "pages": [1]}).json()
    assert result["page_count"] == 1 and result["read"] is True


def test_the_summary_counts_n_of_m_documents(world) -> None:
    case = world.case_a
    uploaded(case, world.clerk_a)
    issued(case, world.pab, 2)
    client = world.client_for(world.procurator_a)
    (first, *_rest) = reader_summary(world.procurator_a, case).documents
    _post(client, case, {"key": first.key, "page_count": 1, "pages": [1]})
    summary = reader_summary(world.procurator_a, case)
    assert (summary.read, summary.total) == (1, 3)
    assert [d.key for d in summary.unread] == [d.key for d in summary.documents[1:]]
    page = client.get(f"/cases/{case.pk}/reader/").content.decode()
    assert "您已阅 1 / 3 份材料" in page
    read_all(client, case)
    assert reader_summary(world.procurator_a, case).all_viewed


@pytest.mark.parametrize(
    "body",
    [
        {"key": "KEY", "page_count": 2, "pages": [3]},
        {"key": "KEY", "page_count": 2, "pages": [0]},
        {"key": "KEY", "page_count": 2, "pages": []},
        {"key": "KEY", "page_count": 0, "pages": [1]},
        {"key": "KEY", "page_count": MAX_PAGES + 1, "pages": [1]},
        {"key": "KEY", "page_count": "2", "pages": [1]},
        {"key": "KEY", "page_count": 2, "pages": ["1"]},
        {"key": "KEY", "page_count": 2},
        "not an object",
    ],
)
def test_pages_that_cannot_be_pages_of_the_document_are_refused(world, body) -> None:
    case = world.case_a
    (document,) = issued(case, world.pab)
    if isinstance(body, dict):
        body = {**body, "key": f"g{document.pk}"}
    response = _post(world.client_for(world.procurator_a), case, body)
    assert response.status_code == 400
    assert not DocumentReading.objects.exists()


def test_a_long_body_is_refused_unread(world) -> None:
    case = world.case_a
    (document,) = issued(case, world.pab)
    body = {"key": f"g{document.pk}", "page_count": 5, "pages": [1] * 30000}
    assert _post(world.client_for(world.procurator_a), case, body).status_code == 400


def test_a_reading_of_another_case_document_is_not_found(world) -> None:
    (elsewhere,) = issued(world.case_b, world.pab)
    body = {"key": f"g{elsewhere.pk}", "page_count": 1, "pages": [1]}
    response = _post(world.client_for(world.procurator_a), world.case_a, body)
    assert response.status_code == 404
    assert _post(world.client_for(world.procurator_b), world.case_a, body).status_code == 404


def test_a_reading_needs_the_csrf_token(world) -> None:
    from django.test import Client

    (document,) = issued(world.case_a, world.pab)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.procurator_a)
    body = {"key": f"g{document.pk}", "page_count": 1, "pages": [1]}
    assert _post(client, world.case_a, body).status_code == 403
