"""What the person and the guarantor send from the reporting page: each report lands as a
draft and the executing institution's officers are told; files are refused by type (from the
content, whatever the name) and by size with a clear message; the page shows only the holder's
own reports and the dates they owe, and a session opened for one contact opens nothing of
another's link."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kernel.notices.models import Notice
from supervision.selfreport.models import SelfReport, SelfReportStatus

from .selfreport_support import (
    APRIL_10,
    GUARANTOR_PHONE,
    contact_record,
    link_send,
    sign_in,
    sms,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.fixture
def both(world, supervised, sms):  # noqa: F811
    """The person and the guarantor, each with a link and a signed-in client."""
    with time_machine.travel(APRIL_10, tick=False):
        contact_record(world, supervised)
        contact_record(world, supervised, role="guarantor", name="李四", phone=GUARANTOR_PHONE)
        _l, person = link_send(world, supervised, sms)
        _l, guarantor = link_send(world, supervised, sms, role="guarantor")
        return {
            "person": (person, sign_in(person, sms)),
            "guarantor": (guarantor, sign_in(guarantor, sms)),
        }


def _reexamination(world, name="result.png", content=PNG):
    return {
        "reexamination-hospital": str(world.hospital.pk),
        "reexamination-reexamined_on": "2026-04-08",
        "reexamination-summary": "病情稳定",
        "reexamination-attachments": SimpleUploadedFile(name, content),
    }


def _send(client, token, kind, data):
    with time_machine.travel(APRIL_10, tick=False):
        return client.post(f"/supervision/report/{token}/send/{kind}/", data)


def test_a_report_lands_as_a_draft_and_the_officers_are_told(world, supervised, both) -> None:
    token, client = both["person"]
    response = _send(client, token, "reexamination", _reexamination(world))
    assert response.status_code == 302
    report = SelfReport.objects.get()
    assert report.status == SelfReportStatus.DRAFT
    assert report.hospital == world.hospital
    assert report.content["reexamined_on"] == "2026-04-08"
    assert [a.content_type for a in report.attachments.all()] == ["image/png"]
    notice = Notice.objects.get(recipient=world.officer, subject__contains="to accept or reject")
    assert supervised.number in notice.subject


def test_the_guarantor_reports_a_change_of_circumstances(world, supervised, both) -> None:
    token, client = both["guarantor"]
    data = {
        "guarantor_change-happened_on": "2026-04-01",
        "guarantor_change-description": "本人因病住院，暂时无法履行保证义务",
    }
    assert _send(client, token, "guarantor_change", data).status_code == 302
    report = SelfReport.objects.get()
    assert report.contact.role == "guarantor" and report.kind == "guarantor_change"


def test_a_leave_request_ending_before_it_starts_is_refused(world, supervised, both) -> None:
    token, client = both["person"]
    data = {
        "leave-request": "leave",
        "leave-destination": "上海市",
        "leave-leave_on": "2026-04-20",
        "leave-return_on": "2026-04-18",
        "leave-reason": "探亲",
    }
    response = _send(client, token, "leave", data)
    assert response.status_code == 400
    assert "The end is before the start." in response.content.decode()
    assert not SelfReport.objects.exists()


def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    world, supervised, both
) -> None:
    token, client = both["person"]
    response = _send(
        client, token, "reexamination", _reexamination(world, "result.pdf", b"MZ not a pdf")
    )
    assert response.status_code == 400
    assert "Only PDF, JPEG and PNG files are accepted" in response.content.decode()
    assert not SelfReport.objects.exists()


def test_files_over_the_limit_are_refused_with_the_limit(world, supervised, both, settings) -> None:
    settings.TEOP_MAX_UPLOAD_BYTES = 1024
    token, client = both["person"]
    big = PNG + b"\x00" * 2000
    response = _send(client, token, "reexamination", _reexamination(world, content=big))
    assert response.status_code == 400
    assert "too large: at most 1.0" in response.content.decode().replace("\xa0", " ")
    # Declared far beyond the limit: refused from the headers, before the body is read.
    huge = PNG + b"\x00" * (200 * 1024)
    response = _send(client, token, "reexamination", _reexamination(world, content=huge))
    assert response.status_code == 413
    assert not SelfReport.objects.exists()


def test_without_a_code_nothing_can_be_sent(world, supervised, both) -> None:
    token, _client = both["person"]
    response = _send(Client(), token, "reexamination", _reexamination(world))
    assert response.status_code == 302
    assert not SelfReport.objects.exists()


def test_the_page_shows_only_own_reports_and_the_dates_owed(world, supervised, both) -> None:
    person, person_client = both["person"]
    guarantor, guarantor_client = both["guarantor"]
    _send(person_client, person, "reexamination", _reexamination(world))
    _send(
        guarantor_client,
        guarantor,
        "hospitalisation",
        {
            "hospitalisation-hospital_name": "市第一人民医院",
            "hospitalisation-admitted_on": "2026-04-09",
        },
    )
    mine, theirs = (
        SelfReport.objects.get(kind="reexamination"),
        SelfReport.objects.get(kind="hospitalisation"),
    )
    with time_machine.travel(APRIL_10, tick=False):
        page = person_client.get(f"/supervision/report/{person}/").content.decode()
    assert f'id="report-{mine.pk}"' in page and f'id="report-{theirs.pk}"' not in page
    assert 'id="owed-D-15"' in page and "2026-06-30" in page
    # Nothing of the case file: no case number, no identity number.
    assert supervised.number not in page
    assert supervised.offender.id_number not in page


def test_a_session_for_one_contact_opens_nothing_of_anothers_link(world, supervised, both) -> None:
    person, _person_client = both["person"]
    _guarantor, guarantor_client = both["guarantor"]
    with time_machine.travel(APRIL_10, tick=False):
        page = guarantor_client.get(f"/supervision/report/{person}/").content.decode()
    assert 'id="selfreport-code"' in page and 'id="selfreport-mine"' not in page
    response = _send(guarantor_client, person, "reexamination", _reexamination(world))
    assert response.status_code == 302
    assert not SelfReport.objects.exists()
