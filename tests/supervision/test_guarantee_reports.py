"""The guarantor's reports (P2014 Art 12 ¶2, DOC-43; D-31 "immediately", no clock): both times
kept, a late report flagged; a report of death points the officer to the death act; illegal
acts and disappeared circumstances stay in the section for follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from supervision.guarantee.acts import GUARANTOR_REPORT_RECORD
from supervision.guarantee.models import GuarantorReport

from .test_guarantee_guarantor_history import SH, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
NOW = dt.datetime(2026, 7, 3, 10, tzinfo=SH)


def report(world, case, kind, happened, reported=NOW):
    return run(
        GUARANTOR_REPORT_RECORD,
        world,
        case,
        at=NOW,
        kind=kind,
        happened_at=happened,
        reported_at=reported,
        reporter="guarantor",
        reporter_name="张父",
        channel="phone",
        details="电话报告",
    )


def test_a_report_within_a_day_is_on_time_later_is_flagged(world, supervised) -> None:
    on_time = report(world, supervised, "illegal_act", NOW - dt.timedelta(hours=12))
    late = report(world, supervised, "left_or_moved", NOW - dt.timedelta(days=3))
    assert (on_time.late, late.late) == (False, True)


def test_a_report_cannot_precede_the_event(world, supervised) -> None:
    with pytest.raises(ValidationError):
        report(world, supervised, "illegal_act", NOW, reported=NOW - dt.timedelta(hours=1))
    assert not GuarantorReport.objects.exists()


def test_the_section_points_to_the_death_act_and_lists_the_follow_up(world, supervised) -> None:
    report(world, supervised, "died", NOW - dt.timedelta(hours=2))
    report(world, supervised, "circumstances_gone", NOW - dt.timedelta(hours=5))
    client = world.client_for(world.officer)
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/supervision/cases/{supervised.pk}/community/").content.decode()
    assert 'id="guarantee-death-reported"' in page
    assert 'id="guarantee-follow-up"' in page
    assert "保外就医情形消失" in page  # the page speaks Chinese by default
