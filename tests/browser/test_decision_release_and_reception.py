"""In real Chromium: the approver decides and signs with a one-time password; the prison
acknowledges the decision, prepares the release, releases and records the hand-over; the
community-correction officer receives the person from the inbox (P2014 Arts 14-16;
CCL Arts 20-22)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import CaseState
from kernel.signing.pdf import pdf_verify
from tests.approvals.conftest import proposed, signing  # noqa: F401  (fixtures)

from .test_case_from_application_to_submission import PDF, _label
from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page) -> None:
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:4000]


def test_approver_signs_prison_hands_over_officer_receives(
    live_server,
    page,
    world,
    loaded_calendar,
    proposed,  # noqa: F811
    signing,  # noqa: F811
    tmp_path,
) -> None:
    base = live_server.url
    case = proposed
    now = timezone.localtime()

    # The approver decides and signs.
    _log_in(page, base, "approver")
    page.goto(f"{base}/approvals/cases/{case.pk}/decide/")
    page.select_option("#id_approve", "yes")
    page.fill("#id_reasons", "病情属实，符合保外就医条件，依法批准")
    page.fill("#id_committee_held_on", now.date().isoformat())
    page.fill("#id_committee_members_present", "9")
    page.fill("#id_otp_code", signing())
    page.click("#issue-decision")
    page.wait_for_url(f"{base}/cases/{case.pk}/")
    assert page.locator("#state").inner_text() == _label(CaseState.APPROVED)
    assert page.locator("#decision-summary [data-status=valid]").count() == 1
    pdf = page.request.get(f"{base}/approvals/cases/{case.pk}/decision.pdf").body()
    assert pdf_verify(pdf).status == "valid"  # the downloaded file, checked independently
    page.context.clear_cookies()

    # The prison acknowledges, prepares, releases and hands over.
    _log_in(page, base, "clerk_a")
    page.goto(f"{base}/cases/{case.pk}/")
    page.click("#release-link")
    page.click("#acknowledge")
    _ok(page)
    assert page.locator("#clocks [data-clock='D-14']").count() == 1
    page.click("#start-release")
    _ok(page)
    assert page.locator("#state").inner_text() == _label(CaseState.RELEASE_PREPARATION)
    today = now.date().isoformat()
    for field in ("decision_served_on", "residence_verified_on", "cci_notified_on"):
        page.fill(f"#id_{field}", today)
    page.fill("#id_reform_record_sent_on", today)
    page.fill("#id_escort_officers", "王警官、赵警官")
    scan = tmp_path / "告知书.pdf"
    scan.write_bytes(PDF)
    page.set_input_files("#id_obligations_notice_scan", str(scan))
    page.click("#preparation-form button[type=submit]")
    _ok(page)
    page.click("#release")
    _ok(page)
    assert page.locator("#state").inner_text() == _label(CaseState.ESCORT)
    record = tmp_path / "交接记录.pdf"
    record.write_bytes(PDF)
    page.fill("#id_handed_over_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "西湖区社区矫正中心")
    page.fill("#id_institution_signatory", "王警官")
    page.fill("#id_cci_signatory", "何矫正官")
    page.fill("#id_documents", "暂予监外执行决定书、告知书")
    page.set_input_files("#id_signed_record", str(record))
    page.click("#record-hand-over")
    _ok(page)
    assert page.locator("#hand-over-record").count() == 1
    page.context.clear_cookies()

    # The community-correction officer receives the person from the inbox.
    _log_in(page, base, "officer")
    assert page.locator("#awaiting-reception").count() == 1
    page.click(f"text={case.number}")
    page.fill("#id_file_number", "西矫〔2026〕88号")
    for field in ("documents_checked", "identity_verified", "file_opened", "rules_announced"):
        page.check(f"#id_{field}")
    page.click("#receive")
    _ok(page)
    assert page.locator("#state").inner_text() == _label(CaseState.UNDER_SUPERVISION)
    case.refresh_from_db()
    assert case.state == CaseState.UNDER_SUPERVISION
    assert case.reception.file_number == "西矫〔2026〕88号"
