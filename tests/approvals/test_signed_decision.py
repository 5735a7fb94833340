"""The decision is signed for the authority with PAdES, confirmed by the approver's one-time
password (P2014 Art 14; Electronic Signature Law Art 13); a wrong code leaves the case
undecided; the downloaded decision validates and a one-byte change fails validation."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from approvals.models import ApprovalDecision
from cases.models import CaseState
from kernel.documents.models import GeneratedDocument
from kernel.signing.pdf import pdf_verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _post(client, case, otp: str):
    return client.post(
        f"/approvals/cases/{case.pk}/decide/",
        {
            "expected_state": "proposed",
            "approve": "yes",
            "reasons": "病情属实，符合保外就医条件",
            "committee_held_on": "2026-03-24",
            "committee_members_present": "9",
            "otp_code": otp,
        },
    )


def test_a_wrong_one_time_password_leaves_the_case_undecided(world, proposed, signing) -> None:
    documents = GeneratedDocument.objects.count()
    client = world.client_for(world.approver)
    right = signing()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = _post(client, proposed, wrong)
    assert response.status_code == 400
    assert "一次性密码错误或已过期" in response.content.decode()  # the page speaks Chinese
    proposed.refresh_from_db()
    assert proposed.state == CaseState.PROPOSED
    assert not ApprovalDecision.objects.exists()
    assert GeneratedDocument.objects.count() == documents  # the unsigned PDF was rolled back
    assert _post(client, proposed, "12345").status_code == 400  # not six digits


def test_the_signed_decision_validates_and_a_changed_byte_does_not(
    world, proposed, signing
) -> None:
    client = world.client_for(world.approver)
    with time_machine.travel(dt.datetime(2026, 3, 25, 10, tzinfo=SH), tick=True):
        assert _post(client, proposed, signing()).status_code == 302
    decision = ApprovalDecision.objects.get(case=proposed)
    assert decision.document.signature.organisation == world.pab
    page = client.get(f"/approvals/cases/{proposed.pk}/decide/").content.decode()
    assert 'data-status="valid"' in page
    downloaded = client.get(f"/approvals/cases/{proposed.pk}/decision.pdf").content
    report = pdf_verify(downloaded)
    assert report.status == "valid"
    assert report.covers_whole_document
    assert "省监狱管理局" in (report.organisation or report.signer)
    # One byte inside the signed range (in the middle of the original document) changed.
    middle = len(decision.document.file.read()) // 2
    tampered = bytearray(downloaded)
    tampered[middle] ^= 0x01
    assert pdf_verify(bytes(tampered)).status == "invalid"
    # Anyone can check it at /verify/ without logging in.
    from django.core.files.uploadedfile import SimpleUploadedFile

    public = Client().post(
        "/verify/", {"file": SimpleUploadedFile("decision.pdf", downloaded, "application/pdf")}
    )
    assert public.status_code == 200
    assert 'data-status="valid"' in public.content.decode()


def test_the_decision_download_is_scoped_to_the_case(world, proposed, signing) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 25, 10, tzinfo=SH), tick=True):
        _post(world.client_for(world.approver), proposed, signing())
    url = f"/approvals/cases/{proposed.pk}/decision.pdf"
    assert world.client_for(world.procurator_prov).get(url).status_code == 200
    assert world.client_for(world.clerk_a).get(url).status_code == 200
    assert world.client_for(world.clerk_b).get(url).status_code == 404
    assert world.client_for(world.mps_approver).get(url).status_code == 404
    assert Client().get(url).status_code == 302
