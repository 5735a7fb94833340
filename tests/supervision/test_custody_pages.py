"""The return-to-custody section of the community page and its routes: the officer sees the
route with the arithmetic and designates from the page (302); the designated institution's
clerk reaches the page and records the return (302), then opens the report DOC-30; a
procurator posting the return is refused (403); another province's clerk finds nothing
(404); the API takes the act of absconding."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.accounts.roles import OrganisationType, Role
from supervision.custody.models import CustodyReturn
from supervision.models import Supervision, SupervisionState
from tests.factories import OrganisationFactory, UserFactory

from .custody_helpers import SH, at, revoke

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
NOW = dt.datetime(2026, 6, 3, 18, tzinfo=SH)


def _url(case, tail: str = "") -> str:
    return f"/supervision/cases/{case.pk}/community/{tail}"


def test_designate_and_return_from_the_page(world, supervised) -> None:
    revoke(world, supervised, authority=world.court, three_months_or_less=False)
    officer = world.client_for(world.officer)
    with at(NOW):
        page = officer.get(_url(supervised)).content.decode()
        assert 'id="section-custody"' in page and 'id="custody-arithmetic"' in page
        assert "剩余刑期在三个月以上" in page
        assert 'id="submit-custody_institution_designate"' in page
        assert 'id="submit-custody_return_record"' not in page
        response = officer.post(
            _url(supervised, "custody/designate/"),
            {"expected_state": "under_supervision", "institution": world.prison_b.pk},
        )
        assert response.status_code == 302
        clerk = world.client_for(world.clerk_b)
        page = clerk.get(_url(supervised)).content.decode()
        assert 'id="submit-custody_return_record"' in page
        procurator = world.client_for(world.procurator_a)
        data = {"expected_state": "under_supervision", "taken_in_at": "2026-06-03T15:00"}
        assert procurator.post(_url(supervised, "custody/return/"), data).status_code == 403
        assert clerk.post(_url(supervised, "custody/return/"), data).status_code == 302
        pdf = clerk.get(_url(supervised, "custody/report.pdf"))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")
        page = officer.get(_url(supervised)).content.decode()
    custody = CustodyReturn.objects.get()
    assert custody.report.number in page and 'id="custody-copies"' in page
    assert Supervision.objects.get(case=supervised).state == SupervisionState.RETURNED_TO_CUSTODY


def test_the_page_does_not_offer_an_institution_of_the_wrong_type(world, supervised) -> None:
    revoke(world, supervised, authority=world.court, three_months_or_less=False)
    with at(NOW):
        response = world.client_for(world.officer).post(
            _url(supervised, "custody/designate/"),
            {"expected_state": "under_supervision", "institution": world.dc.pk},
        )
    # The form offers only prisons of the province: the detention centre is not a choice.
    assert response.status_code == 400
    assert not CustodyReturn.objects.exclude(receiving_institution=None).exists()


def test_another_provinces_clerk_finds_nothing(world, supervised) -> None:
    revoke(world, supervised)
    elsewhere = OrganisationFactory(
        name="北京监狱", type=OrganisationType.PRISON, region_code="110000"
    )
    stranger = UserFactory(username="bj_clerk9", organisation=elsewhere, roles=[Role.PRISON_CLERK])
    with at(NOW):
        response = world.client_for(stranger).post(
            _url(supervised, "custody/return/"),
            {"expected_state": "under_supervision", "taken_in_at": "2026-06-03T15:00"},
        )
    assert response.status_code == 404


def test_the_api_records_the_absconding(world, supervised) -> None:
    revoke(world, supervised)
    client = world.client_for(world.officer)
    with at(NOW):
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/abscond_record/",
            {"expected_state": "under_supervision", "absconded_on": "2026-06-02", "facts": "失联"},
            content_type="application/json",
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["supervision_state"] == SupervisionState.ABSCONDED
    assert response.json()["pursuing_organ"] == world.cpsb.pk


def test_each_organ_informed_records_its_receipt(world, supervised) -> None:
    revoke(world, supervised)
    data = {"expected_state": "under_supervision", "taken_in_at": "2026-06-03T15:00"}
    with at(NOW):
        assert (
            world.client_for(world.clerk_a)
            .post(_url(supervised, "custody/return/"), data)
            .status_code
            == 302
        )
    copy = CustodyReturn.objects.get().copies.get(recipient=world.proc_county)
    procurator = world.client_for(world.procurator_county)
    receipt = {
        "expected_state": "under_supervision",
        "copy_id": copy.pk,
        "received_at": "2026-06-04T09:00",
    }
    with at(dt.datetime(2026, 6, 4, 10, tzinfo=SH)):
        page = procurator.get(_url(supervised)).content.decode()
        assert 'id="submit-custody_report_receipt_record"' in page
        # Another organ's staff cannot record this receipt.
        assert world.client_for(world.procurator_a).post(
            _url(supervised, "custody/report/receipt/"), receipt
        ).status_code in (403, 404)
        assert (
            procurator.post(_url(supervised, "custody/report/receipt/"), receipt).status_code == 302
        )
    copy.refresh_from_db()
    assert copy.received_at == dt.datetime(2026, 6, 4, 9, tzinfo=SH)
