"""Expiry (P2014 Art 27; Prison Law Art 28; CCL Art 44; D-22): the written notice is sent in
the month before the sentence expires, not earlier; the expiry is recorded on or after the
day; community correction then ends (the case keeps its last state, the supervision record
ends)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import Supervision, SupervisionState
from supervision.services import expiry_notice_record, sentence_expired_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
EXPIRY = dt.date(2026, 9, 15)


@pytest.fixture
def expiring(supervised):
    Supervision.objects.filter(case=supervised).update(expiry_date=EXPIRY)
    return supervised


def _notice(world, case, on: dt.date):
    with time_machine.travel(dt.datetime.combine(on, dt.time(10), tzinfo=SH), tick=False):
        return expiry_notice_record(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            notified_on=on,
        )


def _expired(world, case, on: dt.date):
    with time_machine.travel(dt.datetime.combine(on, dt.time(10), tzinfo=SH), tick=False):
        return sentence_expired_record(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            expired_on=on,
        )


def test_the_expiry_notice_is_refused_before_the_month_before_expiry(world, expiring) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _notice(world, expiring, dt.date(2026, 8, 14))
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 27 ¶1"}


def test_the_expiry_notice_tells_the_institution_and_meets_d22(world, expiring) -> None:
    record = _notice(world, expiring, dt.date(2026, 8, 15))
    assert record.state == SupervisionState.EXPIRY_NOTIFIED
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="expires on")
    if Deadline.objects.filter(kind="D-22").exists():
        assert Deadline.objects.get(kind="D-22").status == DeadlineStatus.MET


def test_the_expiry_is_recorded_on_or_after_the_day_and_ends_supervision(world, expiring) -> None:
    _notice(world, expiring, dt.date(2026, 8, 20))
    with pytest.raises(TransitionRefused) as exc:
        _expired(world, expiring, dt.date(2026, 9, 14))
    assert "CCL Art 44" in {r.article for r in exc.value.requirements}.pop()
    record = _expired(world, expiring, EXPIRY)
    assert record.state == SupervisionState.SENTENCE_EXPIRED
    assert record.ended_on == EXPIRY
    expiring.refresh_from_db()
    assert expiring.state == CaseState.UNDER_SUPERVISION
    assert not Deadline.objects.filter(kind="D-15", status=DeadlineStatus.OPEN)
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains="has expired")


def test_the_expiry_without_the_notice_is_refused(world, expiring) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _expired(world, expiring, EXPIRY)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 27 ¶1"}
