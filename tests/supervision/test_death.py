"""Death during community correction (P2014 Art 28; CCL Art 51; D-23): the date of discovery
recorded, the deciding organ, the file-holding institution and the procuratorate told, the
five-day clock met, and the supervision ends; nothing more can be recorded."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from cases.models import CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.models import SupervisionState
from supervision.services import death_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _death(world, case):
    with time_machine.travel(dt.datetime(2026, 5, 12, 10, tzinfo=SH), tick=False):
        return death_record(
            case_id=case.pk,
            actor=world.officer,
            expected_state=CaseState.UNDER_SUPERVISION,
            discovered_on=dt.date(2026, 5, 11),
            cause="肝癌晚期多器官衰竭",
            reported_by="保证人 张某某",
        )


def test_death_ends_supervision_and_notifies(world, supervised) -> None:
    record = _death(world, supervised)
    assert record.state == SupervisionState.DECEASED
    assert record.death_discovered_on == dt.date(2026, 5, 11)
    for user in (world.approver, world.clerk_a, world.procurator_a):
        assert Notice.objects.filter(recipient=user, subject__contains="died"), user
    d23 = Deadline.objects.get(kind="D-23")
    assert d23.status == DeadlineStatus.MET
    assert d23.due_date == dt.date(2026, 5, 18)  # the 16th is a Saturday: rolls over
    assert not Deadline.objects.filter(kind="D-15", status=DeadlineStatus.OPEN)
    with pytest.raises(TransitionRefused) as exc:
        _death(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 28"}
