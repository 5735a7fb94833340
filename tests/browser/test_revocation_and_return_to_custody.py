"""In real Chromium, the path back to custody (issue 12; P2014 Arts 21-24; CCL Art 49): a
three-monthly review finds the circumstances of medical parole gone; the officer proposes
imprisonment with the ground the review raised already chosen and its record linked; the
county judicial administration approves and sends it; the prison administration records its
receipt, which starts its 30 days (D-20), decides within them and signs with its one-time
password; the original prison takes the person back (P2014 Art 24 ¶2) and its report goes to
the deciding organ, the county procuratorate of the residence and the original court.

A second run: a new crime, reported to the officer 30 hours after the compulsory measure, is
flagged late (D-16: 24 hours, P2014 Art 22 ¶1).

The server runs in this process, so `time_machine` moves everyone's clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from approvals.models import ApprovalDecision, DecisionKind
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from kernel.deadlines.models import Deadline, DeadlineStatus
from supervision.custody.models import CustodyReturn
from supervision.models import RevocationGroundKind, Supervision, SupervisionState
from supervision.newcrime.models import CriminalProceeding
from supervision.revocation.models import ProposalStatus, RevocationProposal
from tests.approvals.conftest import proposed, signing  # noqa: F401  (fixtures)
from tests.supervision.conftest import approved, received, supervised  # noqa: F401  (fixtures)

from .test_clerk_registers_offender import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SH)


def _ok(page) -> None:
    page.wait_for_load_state()
    assert page.locator(".messages li.success").count() == 1, page.content()[:4000]


def _open(page, base: str, case_pk: int, user: str) -> None:
    page.context.clear_cookies()
    _log_in(page, base, user)
    page.goto(f"{base}/supervision/cases/{case_pk}/community/")


def _act(page, key: str) -> str:
    """Open the act's panel; its fields are `#id_<key>_<field>`."""
    panel = page.locator(f"#act-{key}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return f"#id_{key}_"


def test_a_review_finds_the_circumstances_gone_and_the_person_goes_back_to_prison(
    live_server,
    page,
    world,
    loaded_calendar,
    supervised,  # noqa: F811
    signing,  # noqa: F811
) -> None:
    base, case = live_server.url, supervised
    # The court that passed the sentence receives copies (P2014 Arts 23, 24 ¶4).
    CaseParticipant.objects.get_or_create(
        case=case, organisation=world.court, capacity=Capacity.ORIGINAL_COURT
    )
    with time_machine.travel(_at(dt.date(2026, 6, 25)), tick=True) as clock:
        # The review (P2014 Art 21): the illness is cured, medical parole's circumstances gone.
        _open(page, base, case.pk, "officer")
        ids = _act(page, "condition_review")
        page.fill(ids + "reexamined_on", "2026-06-20")
        page.select_option(ids + "hospital", str(world.hospital.pk))
        page.fill(ids + "doctors", "张医生（主任医师）、李医生（副主任医师）")
        page.fill(ids + "findings", "肝功能已恢复正常，无需继续保外就医")
        page.check("#act-condition_review input[name=finding][value=disappeared]")
        page.check("#act-condition_review input[name=condition_change][value=improved]")
        page.click("#submit-condition_review")
        _ok(page)

        # The proposal (DOC-27): the ground the review raised is offered, already chosen.
        _open(page, base, case.pk, "officer")
        ids = _act(page, "revocation_propose")
        chosen = page.locator("#act-revocation_propose input[name=grounds]:checked")
        assert sorted(chosen.evaluate_all("els => els.map(e => e.value)")) == sorted(
            [RevocationGroundKind.CPL_3, RevocationGroundKind.SPC_6]
        )
        assert page.locator("#act-revocation_propose input[name=raised_grounds]:checked").count()
        page.fill(ids + "reasons", "经病情复查，保外就医情形已消失，刑期未满，建议收监执行。")
        page.click("#submit-revocation_propose")
        _ok(page)
        proposal = RevocationProposal.objects.get(supervision__case=case)
        assert proposal.status == ProposalStatus.AWAITING_APPROVAL
        assert proposal.raised_grounds.count() >= 1
        assert Supervision.objects.get(case=case).state == SupervisionState.REVOCATION_PROPOSED

        # The county judicial administration examines and approves (P2014 Art 23 ¶1).
        clock.move_to(_at(dt.date(2026, 6, 26)))
        _open(page, base, case.pk, "cja_head")
        _act(page, "revocation_examine")
        page.check("#act-revocation_examine input[name=approve][value=yes]")
        page.fill("#id_revocation_examine_opinion", "经审核，同意提请收监执行。")
        page.click("#submit-revocation_examine")
        _ok(page)
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.SENT and proposal.sent_to == world.pab
        assert proposal.procuratorate_copy_to is not None

        # The prison administration records receipt: 30 days to decide (D-20, CCL Art 49 ¶2).
        clock.move_to(_at(dt.date(2026, 6, 29)))
        _open(page, base, case.pk, "approver")
        ids = _act(page, "revocation_receipt_record")
        page.fill(ids + "received_at", "2026-06-29T09:00")
        page.click("#submit-revocation_receipt_record")
        _ok(page)
        d20 = Deadline.objects.get(kind="D-20")
        assert d20.status == DeadlineStatus.OPEN and d20.due_date == dt.date(2026, 7, 29)

        # It decides within the clock and signs with its one-time password (DOC-28).
        clock.move_to(_at(dt.date(2026, 7, 10)))
        _open(page, base, case.pk, "approver")
        ids = _act(page, "imprisonment_decide")
        page.select_option(ids + "imprison", "yes")
        page.fill(ids + "reasons", "保外就医情形消失，刑期未满，依法决定收监执行。")
        page.fill(ids + "otp_code", signing())
        page.click("#submit-imprisonment_decide")
        _ok(page)
        d20.refresh_from_db()
        assert d20.status == DeadlineStatus.MET and d20.met_at <= d20.due_at
        decision = ApprovalDecision.objects.get(case=case, kind=DecisionKind.IMPRISONMENT)
        assert decision.approved and decision.number
        assert case.decisions.count() == 2 and case.decision.kind == DecisionKind.TEOP
        purposes = set(decision.deliveries.values_list("purpose", flat=True))
        assert {"judicial_admin", "custody_inst", "procuratorate", "original_court"} <= purposes
        assert Supervision.objects.get(case=case).state == SupervisionState.REVOKED_AWAITING_CUSTODY

        # The prison administration decided: the original prison takes the person in.
        clock.move_to(_at(dt.date(2026, 7, 11)))
        _open(page, base, case.pk, "clerk_a")
        assert "P2014 Art 24" in page.content() or "第二十四条" in page.content()
        ids = _act(page, "custody_return_record")
        page.fill(ids + "taken_in_at", "2026-07-11T08:30")
        page.fill(ids + "escort_officers", "王警官、赵警官")
        page.click("#submit-custody_return_record")
        _ok(page)

    record = Supervision.objects.get(case=case)
    assert record.state == SupervisionState.RETURNED_TO_CUSTODY and record.ended_on
    back = CustodyReturn.objects.get(supervision=record)
    assert back.taken_in_at == _at(dt.date(2026, 7, 11), 8).replace(minute=30)
    assert back.report is not None and back.escort_officers == "王警官、赵警官"
    report_to = {c.recipient_id for c in back.copies.all()}
    assert {world.pab.pk, world.proc_county.pk, world.court.pk} <= report_to
    assert not Deadline.objects.filter(
        subject_id=case.pk, kind__in=["D-15", "D-15b", "D-22"], status=DeadlineStatus.OPEN
    ).exists()


def test_a_new_crime_reported_thirty_hours_after_the_measure_is_flagged_late(
    live_server,
    page,
    world,
    loaded_calendar,
    supervised,  # noqa: F811
) -> None:
    base, case = live_server.url, supervised
    with time_machine.travel(_at(dt.date(2026, 5, 12), 15), tick=True):
        _open(page, base, case.pk, "officer")
        ids = _act(page, "criminal_measure_record")
        page.select_option(ids + "crime_kind", "new")
        page.fill(ids + "suspected_offence", "盗窃罪")
        page.fill(ids + "investigating_organ_name", "江苏省某市公安局")
        page.select_option(ids + "measure", "detention")
        page.fill(ids + "measure_taken_at", "2026-05-11T09:00")
        page.fill(ids + "cci_notified_at", "2026-05-12T15:00")
        page.click("#submit-criminal_measure_record")
        _ok(page)
        proceeding = CriminalProceeding.objects.get(supervision__case=case)
        assert proceeding.notice_late
        assert page.locator(f"#notice-late-{proceeding.pk}").count() == 1
    d16 = Deadline.objects.get(kind="D-16")
    assert d16.status == DeadlineStatus.MET and d16.met_at > d16.due_at
    assert Supervision.objects.get(case=case).state == SupervisionState.CRIMINAL_PROCEEDINGS
