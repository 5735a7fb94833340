"""The case file on screen and over the API: the step tracker shows what is missing with its
article; refusals and conflicts are clear; evidence is viewable and every view is audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import CaseState, WrittenApplication
from kernel.audit.models import AuditEvent

from .steps import PDF, assessed_eligible, to_deliberated, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_calendar")]


def test_clerk_opens_a_case_on_a_written_application(world) -> None:
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/offenders/{world.offender_a.pk}/cases/new/",
        {
            "ground_medical": "on",
            "opened_on": "2026-03-02",
            "has_application": "on",
            "applicant_name": "张父",
            "relationship": "relative",
            "applied_on": "2026-02-27",
            "summary": "患严重疾病",
        },
    )
    assert response.status_code == 302
    application = WrittenApplication.objects.get(applicant_name="张父")
    assert application.case.number.endswith("号")
    assert application.case.state == CaseState.INITIATED


def test_opening_a_case_without_a_ground_is_refused_clearly(world) -> None:
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/offenders/{world.offender_a.pk}/cases/new/",
        {"opened_on": "2026-03-02", "has_application": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "at least one ground" in body
    assert "Required for a written application" in body


def test_step_tracker_lists_what_is_missing_with_the_article(world) -> None:
    body = (
        world.client_for(world.clerk_a)
        .get(f"/cases/{world.case_a.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert 'class="current"' in body
    assert "Run the eligibility assessment." in body
    assert "P2014 Arts 5-7, 33" in body


def test_refused_step_shows_the_article_and_changes_nothing(world) -> None:
    response = world.client_for(world.clerk_a).post(
        f"/cases/{world.case_a.pk}/steps/screen/",
        {"expected_state": "initiated"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "P2014 Arts 5-7, 33" in response.content.decode()
    world.case_a.refresh_from_db()
    assert world.case_a.state == CaseState.INITIATED


def test_stale_page_gets_409_with_a_clear_message(world) -> None:
    assessed_eligible(world.case_a)
    client = world.client_for(world.clerk_a)
    assert (
        client.post(
            f"/cases/{world.case_a.pk}/steps/screen/", {"expected_state": "initiated"}
        ).status_code
        == 302
    )
    again = client.post(
        f"/cases/{world.case_a.pk}/steps/not_propose/",
        {"expected_state": "initiated", "reason": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 409
    assert "Someone else has just changed this case" in again.content.decode()


def test_record_form_rejects_bad_input_and_saves_nothing(world) -> None:
    assessed_eligible(world.case_a)
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/cases/{world.case_a.pk}/records/procuratorate-copy/",
        {
            "procuratorate-copy-stage": "assessment",
            "procuratorate-copy-sent_on": "not a date",
            "procuratorate-copy-procuratorate": world.proc_a.pk,
        },
    )
    assert response.status_code == 400
    assert not world.case_a.procuratorate_copies.exists()


def test_record_for_another_step_is_refused(world) -> None:
    client = world.client_for(world.clerk_a)
    response = client.post(
        f"/cases/{world.case_a.pk}/records/publicity/",
        {
            "publicity-starts_on": "2026-03-10",
            "publicity-ends_on": "2026-03-15",
            "publicity-place": "公告栏",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "cannot be taken while the case is" in response.content.decode()


def test_upload_by_web_form_checks_the_content(world) -> None:
    client = world.client_for(world.clerk_a)
    bad = client.post(
        f"/cases/{world.case_a.pk}/evidence/",
        {
            "kind": "medical_record",
            "file": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert "PDF, JPEG and PNG" in bad.content.decode()
    good = client.post(
        f"/cases/{world.case_a.pk}/evidence/",
        {
            "kind": "medical_record",
            "file": SimpleUploadedFile("x.pdf", PDF, "application/pdf"),
        },
    )
    assert good.status_code == 302


def test_procurator_views_a_scan_in_the_browser_and_the_view_is_audited(world) -> None:
    upload(world, world.case_a, "diagnosis_certificate")
    evidence = world.case_a.evidence.get()
    response = world.client_for(world.procurator_a).get(
        f"/cases/{world.case_a.pk}/evidence/{evidence.pk}/"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="evidence.viewed", actor_id=world.procurator_a.pk)
    assert (
        world.client_for(world.procurator_b)
        .get(f"/cases/{world.case_a.pk}/evidence/{evidence.pk}/")
        .status_code
        == 404
    )


def test_procurator_sees_the_dossier_read_only(world) -> None:
    body = world.client_for(world.procurator_a).get(f"/cases/{world.case_a.pk}/").content
    assert b'id="dossier"' in body
    assert b'id="next-steps"' not in body
    assert b'/evidence/" class' not in body
    assert (
        world.client_for(world.procurator_a)
        .post(f"/cases/{world.case_a.pk}/steps/screen/", {"expected_state": "initiated"})
        .status_code
        == 403
    )


def test_procuratorial_opinion_needs_the_chief_procurators_approval(world) -> None:
    to_deliberated(world, world.case_a)
    client = world.client_for(world.procurator_a)
    refused = client.post(
        f"/cases/{world.case_a.pk}/opinion/",
        {
            "issued_on": "2026-03-12",
            "conforms": "no",
            "content": "病情诊断材料不全",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400
    assert "SPP Rules Art 630" in refused.content.decode()
    ok = client.post(
        f"/cases/{world.case_a.pk}/opinion/",
        {
            "issued_on": "2026-03-12",
            "conforms": "no",
            "content": "病情诊断材料不全",
            "chief_approved": "on",
        },
    )
    assert ok.status_code == 302
    assert world.case_a.procuratorial_opinions.get().conforms is False
    from kernel.notices.models import Notice

    assert Notice.objects.filter(
        recipient=world.approver, subject__contains=world.case_a.number
    ).exists()


def test_api_step_refusal_lists_articles_and_conflict_is_409(world) -> None:
    client = world.client_for(world.clerk_a)
    url = f"/api/v1/cases/{world.case_a.pk}/steps/screen/"
    refused = client.post(url, {"expected_state": "initiated"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["requirements"][0]["article"] == "P2014 Arts 5-7, 33"
    assessed_eligible(world.case_a)
    assert (
        client.post(
            url, {"expected_state": "initiated"}, content_type="application/json"
        ).status_code
        == 200
    )
    conflict = client.post(url, {"expected_state": "initiated"}, content_type="application/json")
    assert conflict.status_code == 409
    assert conflict.json()["current_state"] == "screened"
    bad = client.post(url, {"expected_state": "nonsense"}, content_type="application/json")
    assert bad.status_code == 400
    assert (
        world.client_for(world.clerk_b)
        .post(url, {"expected_state": "screened"}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        world.client_for(world.procurator_a)
        .post(url, {"expected_state": "screened"}, content_type="application/json")
        .status_code
        == 403
    )


def test_case_page_query_count_is_bounded(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    to_deliberated(world, world.case_a)
    client = world.client_for(world.clerk_a)
    client.get(f"/cases/{world.case_a.pk}/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/cases/{world.case_a.pk}/").status_code == 200
    assert len(ctx.captured_queries) < 80


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("approval-form", "暂予监外执行审批表"),
        ("publicity-notice", "暂予监外执行公示"),
        ("procuratorate-letter", "抄送"),
        ("guarantee-letter", "保证人"),
    ],
)
def test_case_documents_render_as_chinese_pdfs(world, tmp_path, document, expected) -> None:
    import subprocess

    to_deliberated(world, world.case_a)
    response = world.client_for(world.clerk_a).get(
        f"/cases/{world.case_a.pk}/documents/{document}.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "d.pdf"
    path.write_bytes(response.content)
    text = (
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
        .stdout.replace(" ", "")
        .replace("\n", "")
    )
    assert expected in text
    assert world.offender_a.name in text
    assert AuditEvent.objects.filter(action="document.viewed").exists()
    assert (
        world.client_for(world.clerk_b)
        .get(f"/cases/{world.case_a.pk}/documents/{document}.pdf")
        .status_code
        == 404
    )


def test_approval_form_lists_the_facts_of_the_case(world, tmp_path) -> None:
    import subprocess

    to_deliberated(world, world.case_a)
    response = world.client_for(world.clerk_a).get(
        f"/cases/{world.case_a.pk}/documents/approval-form.pdf"
    )
    path = tmp_path / "a.pdf"
    path.write_bytes(response.content)
    text = (
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
        .stdout.replace(" ", "")
        .replace("\n", "")
    )
    for fragment in ("盗窃罪", "2031年12月31日", "张父", "到会9人", "心功能不全"):
        assert fragment in text, fragment


def test_catalogue_sync_loads_both_lists_once_and_keeps_corrections() -> None:
    from django.core.management import call_command

    from cases.models import IllnessCatalogueItem

    call_command("catalogue_sync")
    assert IllnessCatalogueItem.objects.filter(version="2014").count() >= 20
    assert IllnessCatalogueItem.objects.filter(version="1990").count() == 30
    assert IllnessCatalogueItem.objects.filter(confirmed=False).exists()
    item = IllnessCatalogueItem.objects.get(code="2014-I-3")
    item.name_zh = "艾滋病（管理员更正）"
    item.save()
    call_command("catalogue_sync")
    assert IllnessCatalogueItem.objects.get(code="2014-I-3").name_zh == "艾滋病（管理员更正）"


def test_case_list_filters_by_state_and_shows_the_next_deadline(world) -> None:
    import datetime as dt
    import zoneinfo

    from kernel.deadlines.services import deadline_open

    deadline_open(
        code="D-04",
        subject=world.case_a,
        trigger_at=dt.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
        responsible_organisation=world.pab,
        actor=world.clerk_a,
    )
    client = world.client_for(world.approver)
    body = client.get("/cases/").content.decode()
    assert 'data-clock="D-04"' in body and "2026-03-23" in body
    assert (
        f"/cases/{world.case_a.pk}/"
        in client.get("/cases/", {"state": "initiated"}).content.decode()
    )
    assert (
        f"/cases/{world.case_a.pk}/"
        not in client.get("/cases/", {"state": "proposed"}).content.decode()
    )
    assert client.get("/cases/", {"state": "nonsense"}).status_code == 200
