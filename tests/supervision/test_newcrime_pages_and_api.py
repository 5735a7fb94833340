"""The new-crime section of the community page and its routes: the officer records the
measure from the page (302 back to it) and the section shows it; a prison clerk is refused
(403); another province's officer finds nothing (404); the API takes the acts; a refused form
draws the page again (400)."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.accounts.roles import OrganisationType, Role
from supervision.models import Supervision, SupervisionState
from supervision.newcrime.models import CriminalProceeding
from tests.factories import OrganisationFactory, UserFactory

from .discipline_helpers import scan
from .newcrime_helpers import SH, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
NOW = dt.datetime(2026, 6, 11, 20, tzinfo=SH)
FORM = {
    "expected_state": "under_supervision",
    "crime_kind": "new",
    "suspected_offence": "涉嫌盗窃罪",
    "investigating_organ_name": "杭州市公安局上城区分局",
    "measure": "detention",
    "measure_taken_at": "2026-06-10T09:00",
    "cci_notified_at": "2026-06-11T15:00",
}


def _url(case, tail: str) -> str:
    return f"/supervision/cases/{case.pk}/community/new-crime/{tail}"


def test_the_officer_records_the_measure_from_the_page(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        assert 'id="section-newcrime"' in page
        assert 'id="submit-criminal_measure_record"' in page
        assert 'id="submit-new_judgment_record"' not in page
        response = client.post(_url(supervised, "measure/"), {**FORM, "notice_scan": scan()})
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    proceeding = CriminalProceeding.objects.get()
    assert proceeding.notice_late and proceeding.notice_document is not None
    assert f'id="proceeding-{proceeding.pk}"' in page
    assert (
        'id="submit-new_judgment_record"' in page
        and 'id="submit-criminal_proceedings_close"' in page
    )
    assert 'id="submit-criminal_measure_record"' not in page


def test_the_organs_offered_are_of_the_province(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    assert world.cpsb.name in page


def test_a_form_with_a_notice_before_the_measure_draws_the_page(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        response = client.post(
            _url(supervised, "measure/"), {**FORM, "cci_notified_at": "2026-06-10T08:00"}
        )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Art 22" in content or "第二十二条" in content
    assert not CriminalProceeding.objects.exists()


def test_a_prison_clerk_is_refused(world, supervised) -> None:
    with at(NOW):
        response = world.client_for(world.clerk_a).post(_url(supervised, "measure/"), FORM)
    assert response.status_code == 403
    assert not CriminalProceeding.objects.exists()


def test_the_procurator_sees_the_section_without_forms(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        client.post(_url(supervised, "measure/"), FORM)
        page = (
            world.client_for(world.procurator_a)
            .get(f"/supervision/cases/{supervised.pk}/community/")
            .content.decode()
        )
        assert (
            world.client_for(world.procurator_a).post(_url(supervised, "close/"), {}).status_code
            == 403
        )
    assert 'id="section-newcrime"' in page and "submit-criminal" not in page


def test_another_provinces_officer_finds_nothing(world, supervised) -> None:
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="110105"
    )
    stranger = UserFactory(
        username="bj_officer_nc", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER]
    )
    with at(NOW):
        response = world.client_for(stranger).post(_url(supervised, "measure/"), FORM)
    assert response.status_code == 404
    assert not CriminalProceeding.objects.exists()


def test_the_api_takes_the_measure_and_the_close(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/criminal_measure_record/",
            {
                **FORM,
                "investigating_organ_name": "",
                "investigating_organ": world.cpsb.pk,
                "measure_taken_at": "2026-06-10T09:00:00+08:00",
                "cci_notified_at": "2026-06-10T20:00:00+08:00",
            },
        )  # multipart: the act takes the notice's scan
        assert response.status_code in (200, 201), response.content
        body = response.json()
        assert body["notice_late"] is False and body["supervision_state"] == "criminal_proceedings"
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/criminal_proceedings_close/",
            {
                "expected_state": "under_supervision",
                "outcome": "withdrawn",
                "decided_on": "2026-06-11",
                "reason": "公安机关撤销案件",
            },
            content_type="application/json",
        )
        assert response.status_code in (200, 201), response.content
    assert response.json()["outcome"] == "withdrawn"
    assert Supervision.objects.get(case=supervised).state == SupervisionState.UNDER_SUPERVISION


def test_the_officer_records_the_custodial_judgment_from_the_page(world, supervised) -> None:
    client = world.client_for(world.officer)
    with at(NOW):
        client.post(_url(supervised, "measure/"), FORM)
    with at(dt.datetime(2026, 9, 4, 10, tzinfo=SH)):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        # The original institution takes the person in: no institution to choose.
        assert "id_new_judgment_record_receiving_institution" not in page
        response = client.post(
            _url(supervised, "judgment/"),
            {
                "expected_state": "under_supervision",
                "judgment_court": "杭州市上城区人民法院",
                "judgment_number": "（2026）浙0102刑初45号",
                "judgment_effective_on": "2026-09-01",
                "new_sentence": "有期徒刑一年六个月",
                "court_notified_on": "2026-09-03",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(
            f"/supervision/cases/{supervised.pk}/community/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.REIMPRISONED_NEW_SENTENCE
    assert "（2026）浙0102刑初45号" in page and world.prison_a.name in page
    assert "act-new_judgment_record" not in page and "act-criminal_measure_record" not in page
