"""The officer's inbox: the drafts are shown on the community page and in the institution's
inbox; the officer of the executing institution accepts or rejects them through the declared
acts (page and API); a clerk is refused (403), another province's officer never finds the case
(404). An accepted re-examination result joins the case file as evidence; the sender sees the
outcome and is told by SMS."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Evidence, EvidenceKind
from kernel.accounts.roles import OrganisationType, Role
from supervision.selfreport.models import SelfReport, SelfReportStatus
from tests.factories import OrganisationFactory, UserFactory

from .selfreport_support import (
    APRIL_10,
    PERSON_PHONE,
    contact_record,
    link_send,
    sign_in,
    sms,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 300


@pytest.fixture
def sent(world, supervised, sms):  # noqa: F811
    """The person sent the hospital's re-examination result; returns (report, token, client)."""
    with time_machine.travel(APRIL_10, tick=False):
        contact_record(world, supervised)
        _link, token = link_send(world, supervised, sms)
        client = sign_in(token, sms)
        response = client.post(
            f"/supervision/report/{token}/send/reexamination/",
            {
                "reexamination-hospital": str(world.hospital.pk),
                "reexamination-reexamined_on": "2026-04-08",
                "reexamination-attachments": SimpleUploadedFile("复查结果.png", PNG),
            },
        )
    assert response.status_code == 302
    return SelfReport.objects.get(), token, client


def _page_post(client, case, what, data):
    with time_machine.travel(APRIL_10, tick=False):
        return client.post(
            f"/supervision/cases/{case.pk}/community/selfreport/{what}/",
            {"expected_state": "under_supervision", **data},
        )


def test_the_officer_sees_the_draft_on_the_page_and_in_the_inbox(world, supervised, sent) -> None:
    report, _token, _client = sent
    client = world.client_for(world.officer)
    with time_machine.travel(APRIL_10, tick=False):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
        inbox = client.get("/supervision/selfreport/inbox/").content.decode()
        attachment = report.attachments.get()
        download = client.get(
            f"/supervision/cases/{supervised.pk}/community/selfreport/attachments/{attachment.pk}/"
        )
    assert 'id="section-selfreport"' in page and f'id="accept-{report.pk}"' in page
    assert f'id="inbox-{report.pk}"' in inbox
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


def test_accepting_a_result_files_it_as_evidence_and_tells_the_sender(
    world,
    supervised,
    sent,
    sms,  # noqa: F811
) -> None:
    report, token, holder = sent
    response = _page_post(
        world.client_for(world.officer), supervised, "accept", {"report": report.pk}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == SelfReportStatus.ACCEPTED
    evidence = Evidence.objects.get(case=supervised, original_name="复查结果.png")
    assert evidence.kind == EvidenceKind.DIAGNOSIS_CERTIFICATE
    assert list(report.evidence.all()) == [evidence]
    assert evidence.content_type == "image/png" and evidence.original_name == "复查结果.png"
    # The SMS speaks the site's language (Chinese), whatever the officer's screen shows.
    assert sms[-1]["phone"] == PERSON_PHONE and "已接收" in sms[-1]["text"]
    with time_machine.travel(APRIL_10, tick=False):
        page = holder.get(f"/supervision/report/{token}/").content.decode()
    assert "Accepted" in page
    # Decided once: a second decision finds no draft.
    again = _page_post(
        world.client_for(world.officer), supervised, "reject", {"report": report.pk, "reason": "x"}
    )
    assert again.status_code == 400


def test_rejecting_through_the_api_gives_the_reason(world, supervised, sent, sms) -> None:  # noqa: F811
    report, _token, _holder = sent
    client = world.client_for(world.officer)
    with time_machine.travel(APRIL_10, tick=False):
        response = client.post(
            f"/api/v1/cases/{supervised.pk}/acts/selfreport_reject/",
            {
                "expected_state": "under_supervision",
                "report": report.pk,
                "reason": "照片模糊，请重拍",
            },
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert report.status == SelfReportStatus.REJECTED
    assert report.decision_reason == "照片模糊，请重拍"
    assert "照片模糊" in sms[-1]["text"]
    assert not Evidence.objects.filter(case=supervised, original_name="复查结果.png")


def test_a_clerk_is_refused_and_another_province_never_finds_the_case(
    world, supervised, sent
) -> None:
    report, _token, _holder = sent
    clerk = world.client_for(world.clerk_a)
    assert _page_post(clerk, supervised, "accept", {"report": report.pk}).status_code == 403
    elsewhere = OrganisationFactory(
        name="朝阳区社区矫正机构", type=OrganisationType.COMMUNITY_CORRECTION, region_code="110105"
    )
    stranger = world.client_for(
        UserFactory(username="bj_officer9", organisation=elsewhere, roles=[Role.CORRECTION_OFFICER])
    )
    assert _page_post(stranger, supervised, "accept", {"report": report.pk}).status_code == 404
    with time_machine.travel(APRIL_10, tick=False):
        api = stranger.post(
            f"/api/v1/cases/{supervised.pk}/acts/selfreport_accept/",
            {"expected_state": "under_supervision", "report": report.pk},
            content_type="application/json",
        )
        inbox = stranger.get("/supervision/selfreport/inbox/").content.decode()
        clerk_api = clerk.post(
            f"/api/v1/cases/{supervised.pk}/acts/selfreport_accept/",
            {"expected_state": "under_supervision", "report": report.pk},
            content_type="application/json",
        )
    assert api.status_code == 404
    assert clerk_api.status_code == 403
    assert f'id="inbox-{report.pk}"' not in inbox
    report.refresh_from_db()
    assert report.status == SelfReportStatus.DRAFT


def test_a_report_of_another_case_cannot_be_decided_from_this_one(world, supervised, sent) -> None:
    report, _token, _holder = sent
    SelfReport.objects.filter(pk=report.pk).update(status=SelfReportStatus.DRAFT)
    other = report.pk + 1000
    response = _page_post(world.client_for(world.officer), supervised, "accept", {"report": other})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == SelfReportStatus.DRAFT
