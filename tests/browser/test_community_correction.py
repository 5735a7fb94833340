"""In real Chromium, the community-correction officer's year (issue 11, P2014 Arts 12, 21,
27-28; CCL Arts 28-29, 44, 51): the person is received; two three-monthly reviews are recorded
from a phone-sized screen, the second meeting the clock the first opened; the guarantor's report,
a warning, electronic monitoring approved and extended; the expiry notice in the month before
the sentence expires; the end of community correction. A second person dies: the officer records
the death and the notice goes out within the 5 days.

The server runs in this process, so `time_machine` moves the officer's clock (and the server's)
from date to date; the session is renewed after each jump, as it would expire."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.discipline.models import MonitoringPeriod
from supervision.guarantee.models import GuarantorReport
from supervision.models import ConditionReview, Supervision, SupervisionState
from tests.approvals.conftest import proposed  # noqa: F401  (fixture)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401  (fixtures)
from tests.supervision.test_release_and_hand_over import _hand_over, _released

from .test_case_from_application_to_submission import PDF
from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
EXPIRY = dt.date(2026, 12, 15)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SH)


def _ok(page) -> None:
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:4000]


def _open(page, base: str, case_pk: int, user: str = "officer") -> None:
    page.context.clear_cookies()
    _log_in(page, base, user)
    page.goto(f"{base}/supervision/cases/{case_pk}/community/")


def _act(page, key: str) -> str:
    """Open the act's panel; its fields are `#id_<key>_<field>`."""
    panel = page.locator(f"#act-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return f"#id_{key}_"


def test_the_officers_year_from_reception_to_the_end_of_community_correction(
    live_server,
    page,
    world,
    loaded_calendar,
    received,  # noqa: F811
    tmp_path,
) -> None:
    base, case = live_server.url, received
    # This person's sentence expires on 15 December 2026.
    sentence = case.sentence
    type(sentence).objects.filter(pk=sentence.pk).update(expiry_date=EXPIRY)
    _released(world, case)
    _hand_over(world, case)
    scan = tmp_path / "审批表.pdf"
    scan.write_bytes(PDF)
    page.set_viewport_size({"width": 390, "height": 844})  # the officer's phone

    with time_machine.travel(_at(dt.date(2026, 3, 31)), tick=True) as clock:
        # Reception (CCL Art 22) from the release page.
        page.context.clear_cookies()
        _log_in(page, base, "officer")
        page.goto(f"{base}/supervision/cases/{case.pk}/release/")
        page.fill("#id_file_number", "西矫〔2026〕21号")
        for field in ("documents_checked", "identity_verified", "file_opened", "rules_announced"):
            page.check(f"#id_{field}")
        page.click("#receive")
        _ok(page)
        assert Supervision.objects.get(case=case).expiry_date == EXPIRY
        first_clock = Deadline.objects.get(kind="D-15", status=DeadlineStatus.OPEN)

        # First review (P2014 Art 21): meets the clock opened at reception, opens the next.
        clock.move_to(_at(dt.date(2026, 6, 25)))
        _open(page, base, case.pk)
        ids = _act(page, "condition_review")
        page.fill(ids + "reexamined_on", "2026-06-20")
        page.select_option(ids + "hospital", str(world.hospital.pk))
        page.fill(ids + "doctors", "张医生（主任医师）、李医生（副主任医师）")
        page.fill(ids + "findings", "肝硬化失代偿期，仍需住院治疗")
        page.check("#act-condition_review input[name=finding][value=persist]")
        page.check("#act-condition_review input[name=condition_change][value=unchanged]")
        page.click("#submit-condition_review")
        _ok(page)
        first_clock.refresh_from_db()
        assert first_clock.status == DeadlineStatus.MET
        second_clock = Deadline.objects.get(kind="D-15", status=DeadlineStatus.OPEN)
        assert second_clock.trigger_at.astimezone(SH).date() == dt.date(2026, 6, 25)
        assert second_clock.due_date is not None and second_clock.due_date.month == 9

        # Second review: meets the clock the first opened.
        clock.move_to(_at(dt.date(2026, 9, 21)))
        _open(page, base, case.pk)
        ids = _act(page, "condition_review")
        page.fill(ids + "reexamined_on", "2026-09-18")
        page.select_option(ids + "hospital", str(world.hospital.pk))
        page.fill(ids + "doctors", "张医生（主任医师）、李医生（副主任医师）")
        page.fill(ids + "findings", "病情稳定，仍需治疗")
        page.check("#act-condition_review input[name=finding][value=persist]")
        page.check("#act-condition_review input[name=condition_change][value=unchanged]")
        page.click("#submit-condition_review")
        _ok(page)
        second_clock.refresh_from_db()
        assert second_clock.status == DeadlineStatus.MET
        assert ConditionReview.objects.filter(supervision__case=case).count() == 2
        assert page.locator("#supervision .reviews li").count() == 2

        # The guarantor reports the person's hospitalisation far from home (P2014 Art 12).
        ids = _act(page, "guarantee_report")
        page.select_option(ids + "kind", "left_or_moved")
        page.fill(ids + "happened_at", "2026-09-20T18:00")
        page.fill(ids + "reported_at", "2026-09-20T20:00")
        page.check("#act-guarantee_report input[name=reporter][value=guarantor]")
        page.fill(ids + "reporter_name", "刘建华")
        page.select_option(ids + "channel", "phone")
        page.fill(ids + "details", "其前往外省就医，未经批准离开所居住的县")
        page.click("#submit-guarantee_report")
        _ok(page)
        assert GuarantorReport.objects.filter(supervision__case=case).count() == 1

        # A warning (CCL Art 28; DOC-42), counted on the record.
        _open(page, base, case.pk)
        ids = _act(page, "discipline_warning")
        page.fill(ids + "decided_on", "2026-09-21")
        page.fill(ids + "facts", "未经批准离开所居住的县，前往外省")
        page.fill(ids + "rule_breached", "《社区矫正法》第二十七条")
        page.click("#submit-discipline_warning")
        _ok(page)
        assert Supervision.objects.get(case=case).warning_count == 1

        # Electronic monitoring (CCL Art 29): approved for at most three months, then extended.
        _open(page, base, case.pk)
        ids = _act(page, "monitoring_approve")
        page.select_option(ids + "ground", "left_area")
        page.fill(ids + "facts", "未经批准离开所居住的县")
        page.fill(ids + "approved_by", "西湖区司法局 周局长")
        page.fill(ids + "approved_on", "2026-09-21")
        page.set_input_files(ids + "approval_scan", str(scan))
        page.fill(ids + "starts_on", "2026-09-22")
        page.fill(ids + "ends_on", "2026-11-21")
        page.click("#submit-monitoring_approve")
        _ok(page)
        assert Deadline.objects.get(kind="D-24", status=DeadlineStatus.OPEN)

        clock.move_to(_at(dt.date(2026, 11, 16)))
        _open(page, base, case.pk)
        ids = _act(page, "monitoring_extend")
        page.fill(ids + "facts", "仍需掌握其活动情况")
        page.fill(ids + "approved_by", "西湖区司法局 周局长")
        page.fill(ids + "approved_on", "2026-11-16")
        page.set_input_files(ids + "approval_scan", str(scan))
        page.fill(ids + "ends_on", "2026-12-15")
        page.click("#submit-monitoring_extend")
        _ok(page)
        assert MonitoringPeriod.objects.filter(supervision__case=case).count() == 2
        assert Supervision.objects.get(case=case).monitoring_ends_on == EXPIRY

        # The expiry notice (P2014 Art 27 ¶1; D-22) is due in the month before the expiry.
        d22 = Deadline.objects.get(kind="D-22")
        assert d22.trigger_at.astimezone(SH).date() == dt.date(2026, 11, 15)
        _open(page, base, case.pk)
        ids = _act(page, "expiry_notice")
        page.fill(ids + "notified_on", "2026-11-16")
        page.click("#submit-expiry_notice")
        _ok(page)
        d22.refresh_from_db()
        assert d22.status == DeadlineStatus.MET

        # The sentence expires: community correction ends.
        clock.move_to(_at(EXPIRY))
        _open(page, base, case.pk)
        ids = _act(page, "sentence_expired")
        page.fill(ids + "expired_on", EXPIRY.isoformat())
        page.click("#submit-sentence_expired")
        _ok(page)
    record = Supervision.objects.get(case=case)
    assert record.state == SupervisionState.SENTENCE_EXPIRED
    assert record.ended_on == EXPIRY
    assert not Deadline.objects.filter(
        subject_id=case.pk, kind__in=["D-15", "D-24"], status=DeadlineStatus.OPEN
    ).exists()


def test_a_death_is_recorded_and_notified_within_five_days(
    live_server,
    page,
    world,
    loaded_calendar,
    supervised,  # noqa: F811
) -> None:
    base, case = live_server.url, supervised
    with time_machine.travel(_at(dt.date(2026, 5, 12)), tick=True):
        _open(page, base, case.pk)
        ids = _act(page, "death")
        page.fill(ids + "discovered_on", "2026-05-11")
        page.fill(ids + "cause", "肝功能衰竭")
        page.fill(ids + "reported_by", "保证人刘建华")
        page.click("#submit-death")
        _ok(page)
    record = Supervision.objects.get(case=case)
    assert record.state == SupervisionState.DECEASED
    d23 = Deadline.objects.get(kind="D-23")
    assert d23.status == DeadlineStatus.MET
    # 5 days from the discovery (P2014 Art 28): 16 May is a Saturday, so the last day moves
    # to Monday 18 May (CPL Art 105 ¶4).
    assert d23.due_date == dt.date(2026, 5, 18)
    assert d23.met_at is not None and d23.met_at.astimezone(SH).date() <= d23.due_date
    assert Notice.objects.filter(recipient__organisation=world.pab).exists()
