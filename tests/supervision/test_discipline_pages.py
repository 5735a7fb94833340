"""The discipline section of the community page and its routes: the officer records a warning
from the page (302 back to it) and opens its decision; a prison clerk is refused (403); another
province's officer finds nothing (404); the API takes the same act; a refused monitoring period
draws the page again naming CCL Art 29 ¶2."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.accounts.roles import OrganisationType, Role
from supervision.discipline.models import DisciplineMeasure, MonitoringPeriod
from supervision.models import Supervision
from tests.factories import OrganisationFactory, UserFactory

from .discipline_helpers import on, scan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_10 = dt.date(2026, 6, 10)
WARNING = {
    "expected_state": "under_supervision",
    "decided_on": "2026-06-10",
    "facts": "未按时报到",
    "rule_breached": "《社区矫正法》第二十三条",
}


def _url(case, tail: str) -> str:
    return f"/supervision/cases/{case.pk}/community/discipline/{tail}"


def test_the_officer_warns_from_the_page_and_opens_the_decision(world, supervised) -> None:
    client = world.client_for(world.officer)
    with on(JUNE_10):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        assert 'id="section-discipline"' in page and 'id="submit-discipline_warning"' in page
        assert 'enctype="multipart/form-data"' in page
        response = client.post(_url(supervised, "warning/"), WARNING)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/supervision/cases/{supervised.pk}/community/")
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    measure = DisciplineMeasure.objects.get()
    assert Supervision.objects.get(case=supervised).warning_count == 1
    assert f'id="measure-{measure.pk}"' in page and measure.document.number in page
    pdf = client.get(_url(supervised, f"documents/{measure.document_id}.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(_url(supervised, "documents/999999.pdf")).status_code == 404


def test_a_prison_clerk_is_refused(world, supervised) -> None:
    client = world.client_for(world.clerk_a)
    with on(JUNE_10):
        assert client.post(_url(supervised, "warning/"), WARNING).status_code == 403
    assert not DisciplineMeasure.objects.exists()


def test_another_provinces_officer_finds_nothing(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="110105"
    )
    stranger = UserFactory(
        username="bj_officer3", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    with on(JUNE_10):
        response = world.client_for(stranger).post(_url(supervised, "warning/"), WARNING)
    assert response.status_code == 404
    assert not DisciplineMeasure.objects.exists()


def test_a_period_too_long_draws_the_page_with_the_article(world, supervised) -> None:
    client = world.client_for(world.officer)
    data = {
        "expected_state": "under_supervision",
        "ground": "left_area",
        "facts": "未经批准离开所居住的县",
        "approved_by": "王局长",
        "approved_on": "2026-06-01",
        "approval_scan": scan(),
        "starts_on": "2026-06-01",
        "ends_on": "2026-09-15",
    }
    with on(JUNE_10):
        response = client.post(_url(supervised, "monitoring/approve/"), data)
    assert response.status_code == 400
    assert "Art 29" in response.content.decode() or "第二十九条" in response.content.decode()
    assert not MonitoringPeriod.objects.exists()


def test_the_api_takes_the_warning(world, supervised) -> None:
    """The act takes an evidence file, so its endpoint reads multipart bodies."""
    client = world.client_for(world.officer)
    with on(JUNE_10):
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/discipline_warning/",
            {**WARNING, "evidence_scan": scan("evidence.pdf")},
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["warning_count"] == 1
    assert DisciplineMeasure.objects.get().document is not None
