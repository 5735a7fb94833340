"""The return to custody after the prison administration's decision (P2014 Art 24 ¶2, ¶4;
CCL Arts 45, 49 ¶3-4): the original prison takes the person in by law (nothing to
designate); a clerk of another prison is refused; the return ends community correction
(S6, its clocks waived), issues the report DOC-30 to the deciding organ and informs the
county procuratorate of the residence and the original court."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from kernel.deadlines.models import OPEN_STATUSES, Deadline
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.custody.models import CustodyReturn, ReportAddressee
from supervision.models import Supervision, SupervisionState

from .custody_helpers import SH, pdf_text, revoke, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
TAKEN_IN = dt.datetime(2026, 6, 2, 15, 30, tzinfo=SH)


def test_the_original_prison_takes_the_person_in_by_law(world, supervised) -> None:
    revoke(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "custody_institution_designate",
            dt.date(2026, 6, 1),
            world.officer,
            institution=world.prison_b,
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 24 ¶2"}


def test_a_clerk_of_another_prison_cannot_record_the_return(world, supervised) -> None:
    revoke(world, supervised)
    with pytest.raises(PermissionDenied):
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_b,
            taken_in_at=TAKEN_IN,
        )
    assert (
        Supervision.objects.get(case=supervised).state == SupervisionState.REVOKED_AWAITING_CUSTODY
    )


def test_no_return_while_the_person_is_under_supervision(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_a,
            taken_in_at=TAKEN_IN,
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 24"}


def test_the_return_ends_community_correction_and_reports(world, supervised, tmp_path) -> None:
    revoke(world, supervised)
    assert (
        Deadline.objects.filter(subject_id=supervised.pk, status__in=OPEN_STATUSES)
        .filter(kind__in=["D-15", "D-15b", "D-22"])
        .exists()
    )
    custody = take(
        world,
        supervised,
        "custody_return_record",
        TAKEN_IN,
        world.clerk_a,
        taken_in_at=TAKEN_IN,
        escort_officers="王某、李某",
    )
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.RETURNED_TO_CUSTODY
    assert record.ended_on == dt.date(2026, 6, 2)
    assert not Deadline.objects.filter(
        kind__in=["D-15", "D-15b", "D-22"], status__in=OPEN_STATUSES
    ).exists()
    assert custody.receiving_institution == world.prison_a
    assert custody.escort_organ == world.prison_a  # the prison goes itself (Art 24 ¶2)
    text = pdf_text(custody.report, tmp_path)
    assert "收监执行情况报告" in text
    assert "张三" in text and "第一监狱" in text
    assert world.offender_a.id_number in text
    copies = {(c.recipient, c.addressed_as) for c in custody.copies.all()}
    assert copies == {
        (world.pab, ReportAddressee.DECIDING_ORGAN),
        (world.proc_county, ReportAddressee.PROCURATORATE),
        (world.court, ReportAddressee.ORIGINAL_COURT),
    }
    assert all(c.sent_at and c.received_at is None for c in custody.copies.all())
    for user in (world.approver, world.procurator_county, world.judge, world.officer):
        assert Notice.objects.filter(recipient=user, subject__contains="taken into custody"), user
    # The county procuratorate informed reads the case.
    assert CaseParticipant.objects.filter(
        case=supervised, organisation=world.proc_county, capacity=Capacity.PROCURATORATE
    ).exists()
    # Community correction has ended: nothing more to record.
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_a,
            taken_in_at=TAKEN_IN,
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 24"}
    assert CustodyReturn.objects.count() == 1


def test_the_person_is_not_taken_in_in_the_future(world, supervised) -> None:
    revoke(world, supervised)
    with pytest.raises(ValidationError):
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_a,
            taken_in_at=TAKEN_IN + dt.timedelta(days=1),
        )
