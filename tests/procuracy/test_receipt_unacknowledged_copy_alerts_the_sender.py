"""A copy the procuratorate has not acknowledged within TEOP_PROCURATORATE_ACKNOWLEDGE_DAYS
working days (default 3) alerts the prison that sent it (soft clock D-09a); an acknowledged
copy alerts nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.deadlines.kinds import kind
from kernel.deadlines.models import Deadline, DeadlineRung, DeadlineStatus, Rung
from kernel.deadlines.services import sweep
from kernel.notices.models import Notice
from tests.approvals.conftest import proposed  # noqa: F401

from .receipt_helpers import SH, acknowledge, copy_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _overdue_notices(world, copy):
    deadline = Deadline.objects.get(kind="D-09a", subject_id=copy.pk)
    rungs = DeadlineRung.objects.filter(
        deadline=deadline, rung=Rung.OVERDUE, fired_at__isnull=False
    )
    keys = [f"rung:{r.pk}:" for r in rungs]
    return deadline, [
        n
        for n in Notice.objects.filter(recipient=world.clerk_a)
        if any(n.delivery_key.startswith(k) for k in keys)
    ]


def test_the_unacknowledged_copy_alerts_the_prison_after_three_working_days(
    world,
    proposed,  # noqa: F811
) -> None:
    spec = kind("D-09a")
    assert spec.amount == 3 and spec.article == "P2014 Art 13 ¶3"
    copy = copy_of(proposed)  # sent Tuesday 17 March
    deadline = Deadline.objects.get(kind="D-09a", subject_id=copy.pk)
    assert deadline.responsible_organisation == world.prison_a
    assert deadline.due_date == dt.date(2026, 3, 20)
    sweep(now=dt.datetime(2026, 3, 20, 12, tzinfo=SH))
    assert _overdue_notices(world, copy)[1] == []
    sweep(now=dt.datetime(2026, 3, 23, 9, tzinfo=SH))
    deadline, notices = _overdue_notices(world, copy)
    assert deadline.status == DeadlineStatus.OVERDUE
    assert len(notices) >= 1 and notices[0].link == proposed.get_absolute_url()


def test_an_acknowledged_copy_alerts_nobody(world, proposed) -> None:  # noqa: F811
    copy = copy_of(proposed)
    acknowledge(
        world, proposed, on=dt.date(2026, 3, 18), at=dt.datetime(2026, 3, 18, 11, tzinfo=SH)
    )
    sweep(now=dt.datetime(2026, 3, 23, 9, tzinfo=SH))
    deadline, notices = _overdue_notices(world, copy)
    assert deadline.status == DeadlineStatus.MET and notices == []
