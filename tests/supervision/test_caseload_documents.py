"""The documents that end community correction are PDFs in the official layout, issued by
their acts and downloadable from the community page by those on the case: DOC-32 the written
notice of the approaching expiry (P2014 Art 27 ¶1), the certificate of termination (CCL Art 44)
and, on the prison path, the notice of termination to the institution (legal-spec E-23), DOC-35
the death notice (P2014 Art 28; CCL Art 51)."""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from cases.models import CaseState
from kernel.audit.models import AuditEvent
from supervision.caseload.models import SupervisionDocument, SupervisionDocumentKind
from supervision.models import Supervision
from supervision.services import death_record, expiry_notice_record, sentence_expired_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
EXPIRY = dt.date(2026, 9, 15)
K = SupervisionDocumentKind


def _text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout
    return out.decode().replace(" ", "").replace("\n", "")


def _at(on: dt.date):
    return time_machine.travel(dt.datetime.combine(on, dt.time(10), tzinfo=SH), tick=False)


def _download(world, case, kind: str, user=None):
    issued = SupervisionDocument.objects.get(supervision__case=case, kind=kind)
    url = reverse("supervision:caseload_document", args=[case.pk, issued.pk])
    return world.client_for(user or world.officer).get(url)


def _expire(world, case) -> None:
    Supervision.objects.filter(case=case).update(expiry_date=EXPIRY)
    with _at(dt.date(2026, 8, 20)):
        expiry_notice_record(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            notified_on=dt.date(2026, 8, 20),
        )


def test_the_expiry_notice_is_issued_to_the_institution_as_doc32(world, supervised) -> None:
    _expire(world, supervised)
    issued = SupervisionDocument.objects.get(supervision__case=supervised, kind=K.EXPIRY_NOTICE)
    assert issued.addressee == world.prison_a
    response = _download(world, supervised, K.EXPIRY_NOTICE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    for expected in ("刑期届满书面通知", "张三", "第二十七条", "第一监狱", "2026年9月15日"):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="document.downloaded").exists()


def test_the_expiry_issues_the_certificate_of_termination_and_the_notice(world, supervised) -> None:
    _expire(world, supervised)
    with _at(EXPIRY):
        sentence_expired_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            expired_on=EXPIRY,
        )
    certificate = _text(_download(world, supervised, K.TERMINATION_CERTIFICATE).content)
    for expected in ("解除社区矫正证明书", "张三", "社区矫正法", "第四十四条", "特此证明"):
        assert expected in certificate, expected
    # The prison path: the institution releases the person (Prison Law Art 28; E-23).
    notice = SupervisionDocument.objects.get(
        supervision__case=supervised, kind=K.TERMINATION_NOTICE
    )
    assert notice.addressee == world.prison_a
    text = _text(_download(world, supervised, K.TERMINATION_NOTICE).content)
    assert "张三" in text and "监狱法" in text and "第二十八条" in text


def test_the_death_notice_is_issued_to_the_deciding_organ_as_doc35(world, supervised) -> None:
    with _at(dt.date(2026, 5, 12)):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            discovered_on=dt.date(2026, 5, 11),
            cause="肝癌晚期多器官衰竭",
            reported_by="保证人 张某某",
        )
    issued = SupervisionDocument.objects.get(supervision__case=supervised, kind=K.DEATH_NOTICE)
    assert issued.addressee == world.pab
    text = _text(_download(world, supervised, K.DEATH_NOTICE, user=world.approver).content)
    for expected in ("死亡通知书", "张三", "第二十八条", "第五十一条", "肝癌晚期多器官衰竭"):
        assert expected in text, expected
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert reverse("supervision:caseload_document", args=[supervised.pk, issued.pk]) in (
        page.content.decode()
    )


def test_a_document_is_not_found_outside_the_case(world, supervised) -> None:
    _expire(world, supervised)
    response = _download(world, supervised, K.EXPIRY_NOTICE, user=world.clerk_b)
    assert response.status_code == 404
    response = _download(world, supervised, K.EXPIRY_NOTICE, user=world.hospital_liaison)
    assert response.status_code == 403
