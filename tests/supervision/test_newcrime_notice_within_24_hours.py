"""T-S01 (P2014 Art 22 ¶1; CCL Art 32; D-16): the investigating organ's notice of a
compulsory measure puts the supervision into criminal proceedings; the 24-hour clock runs from
the measure and is met at the notice, so a notice 23 hours later is on time and one 30 hours
later is met late, flagged on the record, the page and the audit trail, with both timestamps
kept. The deciding organ and the procuratorate are told."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.audit.models import AuditEvent
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import Supervision, SupervisionState
from supervision.newcrime.models import CriminalProceeding

from .newcrime_helpers import MEASURE_AT, at, measure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _late_audit(case) -> list[bool]:
    return [
        e.payload["late"]
        for e in AuditEvent.objects.filter(action="deadline.met").order_by("seq")
        if e.payload.get("kind") == "D-16"
    ]


def test_a_notice_23_hours_after_the_measure_is_on_time(world, supervised) -> None:
    proceeding = measure(world, supervised, notified_after=dt.timedelta(hours=23))
    assert Supervision.objects.get(case=supervised).state == SupervisionState.CRIMINAL_PROCEEDINGS
    assert proceeding.measure_taken_at == MEASURE_AT
    assert proceeding.cci_notified_at == MEASURE_AT + dt.timedelta(hours=23)
    assert proceeding.notice_late is False
    d16 = Deadline.objects.get(kind="D-16")
    assert d16.status == DeadlineStatus.MET and d16.pk == proceeding.notice_deadline_id
    # CPL Art 105 ¶1: the starting hour is not counted: due 24 hours from 10:00.
    assert d16.trigger_at == MEASURE_AT and d16.due_at == MEASURE_AT + dt.timedelta(hours=25)
    assert proceeding.notice_due_at == d16.due_at
    assert d16.met_at == proceeding.cci_notified_at
    assert _late_audit(supervised) == [False]
    event = AuditEvent.objects.get(action="supervision.criminal_measure")
    assert event.to_state == "" and event.payload["notice_late"] is False


def test_a_notice_30_hours_after_is_met_late_and_flagged(world, supervised) -> None:
    proceeding = measure(world, supervised, notified_after=dt.timedelta(hours=30))
    assert proceeding.notice_late is True
    d16 = Deadline.objects.get(kind="D-16")
    assert d16.status == DeadlineStatus.MET and d16.met_at > d16.due_at
    assert _late_audit(supervised) == [True]
    assert AuditEvent.objects.get(action="supervision.criminal_measure").payload["notice_late"]
    for user in (world.approver, world.procurator_a):
        notice = Notice.objects.get(recipient=user, subject__contains="compulsory measure")
        assert "late" in notice.body
    with at(MEASURE_AT + dt.timedelta(days=2)):
        page = (
            world.client_for(world.officer)
            .get(f"/supervision/cases/{supervised.pk}/community/", HTTP_ACCEPT_LANGUAGE="en")
            .content.decode()
        )
    assert f'id="notice-late-{proceeding.pk}"' in page
    assert "2026-06-10 09:00" in page and "2026-06-11 15:00" in page
    assert "30.0 hours after the measure" in page and "Art 22" in page
    assert 'id="newcrime-state"' in page and "Criminal proceedings for a new crime" in page


def test_the_page_in_chinese_says_late_notice(world, supervised) -> None:
    proceeding = measure(world, supervised, notified_after=dt.timedelta(hours=30))
    client = world.client_for(world.officer)
    with at(MEASURE_AT + dt.timedelta(days=2)):
        page = client.get(
            f"/supervision/cases/{supervised.pk}/community/", HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).content.decode()
    assert f'id="notice-late-{proceeding.pk}"' in page
    assert "逾期通知" in page


def test_an_organ_outside_the_system_is_named_in_words(world, supervised) -> None:
    proceeding = measure(
        world,
        supervised,
        notified_after=dt.timedelta(hours=2),
        investigating_organ=None,
        investigating_organ_name="北京市公安局朝阳分局",
        crime_kind="undiscovered",
        measure="arrest",
    )
    assert proceeding.organ_label == "北京市公安局朝阳分局"
    assert CriminalProceeding.objects.get().get_crime_kind_display().startswith("Undiscovered")
