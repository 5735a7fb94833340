"""The documents the case page issues (issue 14): the notice of obligations the person signs
(DOC-20; P2014 Art 15 ¶2; CCL Arts 19, 23), the investigation request (DOC-07a; P2014 Art 8
¶2; CCL Art 18), the hand-over record (DOC-22; P2014 Arts 16, 19; CCL Art 22) and the case
summary, each issued through `document_issue(subject=case)` with an official number; and the
case page prints without its navigation and buttons."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from kernel.documents.models import GeneratedDocument
from tests.documents.documents_helpers import pdf_pages

pytestmark = pytest.mark.django_db

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
EXPECTED = {
    "investigation-request": (
        "调查评估委托函",
        "第八条第二款和《中华人民共和国社区矫正法》第十八条",
    ),
    "obligations-notice": ("暂予监外执行告知书", "被告知人（签名、捺印）"),
    "handover-record": ("暂予监外执行交接记录", "移交单位（盖章）"),
    "case-summary": ("案件摘要", "打印日期2026年4月28日"),
}


def _issue(world, user, document: str):
    with time_machine.travel(dt.datetime(2026, 4, 28, 10, tzinfo=SH), tick=False):
        return world.client_for(user).post(f"/cases/{world.case_a.pk}/documents/{document}/issue/")


def test_the_institution_s_clerk_issues_each_document_on_the_case(world) -> None:
    case, offender = world.case_a, world.case_a.offender
    for document, (title, text) in EXPECTED.items():
        response = _issue(world, world.clerk_a, document)
        issued = GeneratedDocument.objects.get(title=title)
        assert response.status_code == 302
        assert response["Location"] == f"/cases/{case.pk}/reader/documents/g{issued.pk}/"
        assert (issued.subject_type, issued.subject_id) == ("cases.case", str(case.pk))
        assert issued.issuing_organisation == world.prison_a
        assert re.fullmatch(r"浙一监\w+〔2026〕\d{3}号", issued.number), issued.number
        with issued.file.open("rb") as handle:
            pages = pdf_pages(handle.read())
        whole = "".join(pages)
        assert offender.name in whole and offender.id_number in whole, document
        assert title in whole and text in whole, (document, whole[:200])
        assert issued.number in whole


def test_a_second_issue_takes_the_next_number(world) -> None:
    _issue(world, world.clerk_a, "case-summary")
    _issue(world, world.clerk_a, "case-summary")
    numbers = sorted(GeneratedDocument.objects.values_list("number", flat=True))
    assert numbers == ["浙一监摘〔2026〕001号", "浙一监摘〔2026〕002号"]


def test_only_the_institution_issues_its_documents_any_participant_prints_the_summary(
    world,
) -> None:
    assert _issue(world, world.procurator_a, "obligations-notice").status_code == 403
    assert _issue(world, world.procurator_a, "investigation-request").status_code == 403
    assert not GeneratedDocument.objects.exists()
    assert _issue(world, world.procurator_a, "case-summary").status_code == 302
    assert GeneratedDocument.objects.get().issuing_organisation == world.proc_a
    # A document that is not issued from the page, or does not exist: 404.
    assert _issue(world, world.clerk_a, "approval-form").status_code == 404
    assert _issue(world, world.clerk_a, "nothing").status_code == 404
    # Another prison's clerk does not see the case.
    assert _issue(world, world.clerk_b, "case-summary").status_code == 404


def test_the_case_page_offers_the_buttons_its_reader_may_use(world) -> None:
    page = world.client_for(world.clerk_a).get(f"/cases/{world.case_a.pk}/").content.decode()
    for key in EXPECTED:
        assert f'id="issue-{key}"' in page
    page = world.client_for(world.procurator_a).get(f"/cases/{world.case_a.pk}/").content.decode()
    assert 'id="issue-case-summary"' in page and 'id="issue-obligations-notice"' not in page


def test_the_case_page_prints_its_data_without_navigation_or_buttons(world) -> None:
    page = world.client_for(world.clerk_a).get(f"/cases/{world.case_a.pk}/").content.decode()
    assert 'href="/static/css/app.css"' in page
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    media = css[css.index("@media print") :]
    for hidden in (".topbar", ".mainnav", "form", "button", ".no-print"):
        assert hidden in media.split("display: none")[0]
    assert 'class="issue-documents no-print"' in page
