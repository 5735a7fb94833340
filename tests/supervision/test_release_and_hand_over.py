"""From the decision to community correction (legal-spec T-B12 … T-B14; P2014 Arts 13 ¶1,
15-16; CCL Arts 19-22; Prison Law Art 27): each step refused with its article until the law's
requirements hold, the clocks opened and met, the hand-over reported, the reception
registered."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.models import Delivery
from cases.jurisdiction import Capacity
from cases.models import Case, CaseState
from cases.services.workflow import CaseConflict, TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import HandOver, Reception
from supervision.services import (
    emergency_announcement_record,
    hand_over_record,
    reception_register,
    release,
    release_prepare,
    release_record_save,
)
from tests.cases.steps import PDF
from tests.factories import UserFactory

from .conftest import receive

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
APRIL_1 = dt.datetime(2026, 4, 1, 9, tzinfo=SH)


def _articles(exc: pytest.ExceptionInfo[TransitionRefused]) -> set[str]:
    return {r.article for r in exc.value.requirements}


def _prepared(world, case: Case) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 28, 9, tzinfo=SH), tick=False):
        release_prepare(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
        release_record_save(
            case_id=case.pk,
            actor=world.clerk_a,
            data={
                "decision_served_on": dt.date(2026, 3, 28),
                "residence_verified_on": dt.date(2026, 3, 28),
                "cci_notified_on": dt.date(2026, 3, 28),
                "reform_record_sent_on": dt.date(2026, 3, 28),
                "escort_officers": "王警官、赵警官",
            },
            obligations_notice=SimpleUploadedFile("告知书.pdf", PDF, "application/pdf"),
        )


def _released(world, case: Case) -> None:
    _prepared(world, case)
    with time_machine.travel(dt.datetime(2026, 3, 30, 9, tzinfo=SH), tick=False):
        release(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.RELEASE_PREPARATION)


def _hand_over(world, case: Case, **overrides) -> HandOver:
    data = {
        "handed_over_at": dt.datetime(2026, 3, 30, 15, tzinfo=SH),
        "place": "西湖区社区矫正中心",
        "institution_signatory": "王警官",
        "cci_signatory": "陈矫正官",
        "documents": "暂予监外执行决定书、告知书、病情诊断证明",
        "condition": "神志清楚，需卧床",
        "signed_record": SimpleUploadedFile("交接记录.pdf", PDF, "application/pdf"),
        **overrides,
    }
    with time_machine.travel(dt.datetime(2026, 3, 30, 16, tzinfo=SH), tick=False):
        return hand_over_record(case_id=case.pk, actor=world.clerk_a, **data)


def _receive(world, case: Case, actor=None, **overrides) -> Reception:
    data = {
        "file_number": "西矫〔2026〕17号",
        "documents_checked": True,
        "identity_verified": True,
        "file_opened": True,
        "rules_announced": True,
        **overrides,
    }
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, tzinfo=SH), tick=False):
        return reception_register(
            case_id=case.pk,
            actor=actor or world.officer,
            expected_state=CaseState.ESCORT,
            **data,
        )


def test_the_release_waits_for_the_institution_to_receive_the_decision(world, approved) -> None:
    case, _decision = approved
    with pytest.raises(TransitionRefused) as exc:
        release_prepare(case_id=case.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
    assert _articles(exc) == {"P2014 Art 15 ¶1"}
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED


def test_the_decision_names_the_residence_institution_and_opens_the_ccl_article_20_clocks(
    world, approved
) -> None:
    case, decision = approved
    assert case.participants.filter(
        organisation=world.cci, capacity=Capacity.EXECUTING_CCI
    ).exists()
    d13a = Deadline.objects.get(kind="D-13a")
    d13b = Deadline.objects.get(kind="D-13b")
    # 5 and 10 days from 03-25; 04-04 falls in the Qingming holiday (04-04 … 04-06), so the
    # time limit ends on the next working day (CPL Art 105 ¶4).
    assert (d13a.due_date, d13b.due_date) == (dt.date(2026, 3, 30), dt.date(2026, 4, 7))
    assert d13a.responsible_organisation == world.pab
    purposes = set(decision.deliveries.values_list("purpose", flat=True))
    assert {"institution", "procuratorate", "cci", "cci_documents"} <= purposes
    # The community-correction institution acknowledges both deliveries itself.
    receive(world, decision, Delivery.Purpose.COMMUNITY_CORRECTION, actor=world.officer)
    assert Deadline.objects.get(kind="D-13a").status == DeadlineStatus.MET
    assert Deadline.objects.get(kind="D-13b").status == DeadlineStatus.OPEN
    receive(world, decision, Delivery.Purpose.CCI_DOCUMENTS, actor=world.officer)
    assert Deadline.objects.get(kind="D-13b").status == DeadlineStatus.MET


def test_a_recipient_acknowledges_only_its_own_delivery(world, approved) -> None:
    _case, decision = approved
    with pytest.raises(PermissionDenied):
        receive(world, decision, Delivery.Purpose.COMMUNITY_CORRECTION, actor=world.clerk_a)


def test_the_institutions_receipt_opens_the_ten_day_hand_over_clock(world, received) -> None:
    d14 = Deadline.objects.get(kind="D-14")
    assert d14.responsible_organisation == world.prison_a
    # 10 days from 03-27 end on 04-06, a Qingming holiday: extended to 04-07 (CPL Art 105 ¶4).
    assert d14.due_date == dt.date(2026, 4, 7)
    assert Deadline.objects.get(kind="D-05").status == DeadlineStatus.MET
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="10 days").exists()


def test_release_is_refused_until_every_article_15_step_is_recorded(world, received) -> None:
    release_prepare(case_id=received.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
    with pytest.raises(TransitionRefused) as exc:
        release(case_id=received.pk, actor=world.clerk_a, expected_state="release_preparation")
    assert _articles(exc) == {
        "P2014 Art 15 ¶1",
        "P2014 Art 15 ¶2",
        "P2014 Art 15 ¶2; CCL Art 19",
        "Prison Law Art 27",
        "P2014 Art 16",
    }
    received.refresh_from_db()
    assert received.state == CaseState.RELEASE_PREPARATION


def test_a_notice_of_obligations_that_is_not_a_scan_is_refused_and_nothing_is_saved(
    world, received
) -> None:
    release_prepare(case_id=received.pk, actor=world.clerk_a, expected_state=CaseState.APPROVED)
    with pytest.raises(ValidationError, match="Only PDF, JPEG and PNG"):
        release_record_save(
            case_id=received.pk,
            actor=world.clerk_a,
            data={"escort_officers": "王警官"},
            obligations_notice=SimpleUploadedFile(
                "x.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"
            ),
        )
    received.release_preparation.refresh_from_db()
    assert received.release_preparation.escort_officers == ""
    assert received.release_preparation.obligations_notice is None


def test_only_the_clerk_of_the_institution_prepares_the_release(world, received) -> None:
    for outsider in (world.clerk_b, world.approver, world.officer):
        with pytest.raises(PermissionDenied):
            release_prepare(case_id=received.pk, actor=outsider, expected_state="approved")


def test_release_then_hand_over_meets_the_clock_and_tells_the_procuratorate(
    world, received
) -> None:
    _released(world, received)
    received.refresh_from_db()
    assert received.state == CaseState.ESCORT
    assert received.release_preparation.released_at is not None
    assert not Deadline.objects.filter(kind="D-03").exists()  # publicity was held
    record = _hand_over(world, received)
    assert record.signed_record.kind == "hand_over_record"
    d14 = Deadline.objects.get(kind="D-14")
    assert d14.status == DeadlineStatus.MET
    assert d14.met_at <= d14.due_at
    assert record.procuratorate_notified_at is not None
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="Hand-over")
    assert Notice.objects.filter(recipient=world.officer, subject__contains="register")
    with pytest.raises(ValidationError, match="already recorded"):
        _hand_over(world, received)


def test_a_hand_over_before_the_release_or_in_the_future_is_refused(world, received) -> None:
    _released(world, received)
    with pytest.raises(ValidationError, match="precede the release"):
        _hand_over(world, received, handed_over_at=dt.datetime(2026, 3, 29, 9, tzinfo=SH))
    with pytest.raises(ValidationError, match="future"):
        _hand_over(world, received, handed_over_at=dt.datetime(2026, 4, 2, 9, tzinfo=SH))
    assert not HandOver.objects.exists()


def test_the_community_correction_institution_receives_the_person(world, received) -> None:
    _released(world, received)
    with pytest.raises(TransitionRefused) as exc:
        _receive(world, received)
    assert _articles(exc) == {"P2014 Arts 16, 19; CCL Art 21"}
    _hand_over(world, received)
    with pytest.raises(TransitionRefused) as exc:
        _receive(world, received, identity_verified=False, rules_announced=False)
    assert _articles(exc) == {"CCL Art 22"}
    assert len(exc.value.requirements) == 2
    reception = _receive(world, received)
    received.refresh_from_db()
    assert received.state == CaseState.UNDER_SUPERVISION
    assert reception.institution == world.cci
    d15 = Deadline.objects.get(kind="D-15")  # medical parole: review every 3 months (Art 21)
    assert d15.responsible_organisation == world.cci
    assert d15.due_date == dt.date(2026, 6, 30)
    assert Notice.objects.filter(recipient=world.approver, subject__contains="received into")


def test_only_the_residence_institution_registers_the_reception(world, received) -> None:
    _released(world, received)
    _hand_over(world, received)
    other_cci = type(world.cci).objects.create(
        name="上城区社区矫正机构",
        type="CCI",
        level="county",
        region_code="330102",
    )
    stranger = UserFactory(
        username="officer_elsewhere", organisation=other_cci, roles=["correction_officer"]
    )
    for outsider in (stranger, world.clerk_a):
        with pytest.raises(PermissionDenied):
            _receive(world, received, actor=outsider)


def test_a_stale_page_cannot_release_twice(world, received) -> None:
    _released(world, received)
    with pytest.raises(CaseConflict):
        release(case_id=received.pk, actor=world.clerk_a, expected_state="release_preparation")


def test_an_emergency_release_starts_the_three_working_day_announcement(world, received) -> None:
    Case.objects.filter(pk=received.pk).update(publicity_waived=True)
    received.refresh_from_db()
    _released(world, received)  # Monday 2026-03-30
    d03 = Deadline.objects.get(kind="D-03")
    assert d03.responsible_organisation == world.prison_a
    assert d03.due_date == dt.date(2026, 4, 2)  # 3 working days, the release day not counted
    with pytest.raises(ValidationError, match="precede"):
        emergency_announcement_record(
            case_id=received.pk, actor=world.clerk_a, announced_on=dt.date(2026, 3, 29)
        )
    emergency_announcement_record(
        case_id=received.pk, actor=world.clerk_a, announced_on=dt.date(2026, 3, 31)
    )
    assert Deadline.objects.get(kind="D-03").status == DeadlineStatus.MET


def test_an_announcement_is_refused_when_publicity_was_held(world, received) -> None:
    _released(world, received)
    with pytest.raises(TransitionRefused) as exc:
        emergency_announcement_record(
            case_id=received.pk, actor=world.clerk_a, announced_on=dt.date(2026, 3, 31)
        )
    assert _articles(exc) == {"P2014 Art 13 ¶1"}


def test_an_objection_after_the_release_is_heard_but_revocation_means_imprisonment(
    world, received
) -> None:
    from approvals.services import objection_file, objection_review

    receive(world, received.decision, Delivery.Purpose.PROCURATORATE, actor=world.procurator_prov)
    _released(world, received)
    with time_machine.travel(dt.datetime(2026, 4, 3, 9, tzinfo=SH), tick=False):
        objection = objection_file(
            case_id=received.pk, actor=world.procurator_prov, grounds="病情诊断存疑"
        )
        with pytest.raises(TransitionRefused) as exc:
            objection_review(
                objection_id=objection.pk, actor=world.approver, maintain=False, reasons="撤销"
            )
        assert _articles(exc) == {"P2014 Arts 23, 30"}
        objection.refresh_from_db()
        assert objection.outcome == ""
        objection_review(
            objection_id=objection.pk, actor=world.approver, maintain=True, reasons="经核查维持"
        )
    received.refresh_from_db()
    assert received.state == CaseState.ESCORT
