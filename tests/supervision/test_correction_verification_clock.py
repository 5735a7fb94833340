"""Field verifications at the frequency the grade sets (CCL Art 24; D-34s/o/l, defaults 7, 30
and 90 calendar days): the plan's adoption opens the grade's clock, a verification meets it and
opens the next from its time, a change of grade reopens it with the new interval, a missed one
is overdue and the sweep alerts the officer, and the end of supervision waives it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cases.acts.runner import act_run
from kernel.deadlines.kinds import kind
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.deadlines.services import sweep
from kernel.notices.models import Notice
from supervision.community_acts import DEATH_RECORD
from supervision.correction.acts import PLAN_ADJUST, VERIFICATION_RECORD
from supervision.correction.models import FieldVerification
from supervision.models import Supervision
from tests.cases.steps import PDF

from .test_correction_team_rules import APRIL_2, UNDER, plan_adopt, team_with_guarantor
from .test_release_and_hand_over import SH

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _clocks(case, status=None):
    rows = Deadline.objects.filter(subject_id=case.pk, kind__startswith="D-34")
    return rows.filter(status=status) if status else rows


def _open(case) -> Deadline:
    return _clocks(case).get(status=DeadlineStatus.OPEN)


def verify(world, case, at: dt.datetime, **extra) -> FieldVerification:
    with time_machine.travel(at + dt.timedelta(hours=1), tick=False):
        return act_run(
            VERIFICATION_RECORD,
            case_id=case.pk,
            actor=world.officer,
            expected_state=UNDER,
            method="home_visit",
            verified_at=at,
            place="杭州市西湖区文三路12号",
            findings="本人在家，病情稳定",
            **extra,
        )


@pytest.mark.parametrize(
    ("grade", "code", "due"),
    [
        ("strict", "D-34s", dt.date(2026, 4, 9)),
        ("ordinary", "D-34o", dt.date(2026, 5, 2)),
        ("lenient", "D-34l", dt.date(2026, 7, 1)),
    ],
)
def test_the_grade_sets_the_verification_interval(world, supervised, grade, code, due) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade=grade)
    clock = _open(supervised)
    assert (clock.kind, clock.due_date, clock.legal_basis) == (code, due, "CCL Art 24")
    assert Supervision.objects.get(case=supervised).grade == grade


def test_a_verification_meets_the_clock_and_opens_the_next(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="strict")
    first = _open(supervised)
    at = dt.datetime(2026, 4, 8, 15, tzinfo=SH)
    visit = verify(
        world,
        supervised,
        at,
        evidence=SimpleUploadedFile("走访照片.pdf", PDF, "application/pdf"),
    )
    first.refresh_from_db()
    assert first.status == DeadlineStatus.MET and first.met_at == at
    nxt = _open(supervised)
    assert (nxt.kind, nxt.due_date) == ("D-34s", dt.date(2026, 4, 15))
    assert visit.evidence is not None and visit.evidence.case_id == supervised.pk
    assert visit.officer == world.officer


def test_a_change_of_grade_reopens_the_clock_with_the_new_interval(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="ordinary")
    ordinary = _open(supervised)
    at = dt.datetime(2026, 4, 20, 10, tzinfo=SH)
    with time_machine.travel(at, tick=False):
        plan = act_run(
            PLAN_ADJUST,
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=UNDER,
            situation="表现良好",
            measures="每季度走访",
            grade="lenient",
            adopted_on=at.date(),
            reason="连续表现良好",
        )
    assert plan.version == 2
    ordinary.refresh_from_db()
    assert ordinary.status == DeadlineStatus.WAIVED
    lenient = _open(supervised)
    assert (lenient.kind, lenient.due_date) == ("D-34l", dt.date(2026, 7, 19))
    assert Supervision.objects.get(case=supervised).grade == "lenient"


def test_a_missed_verification_is_overdue_and_alerts_the_officer(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="strict")
    clock = _open(supervised)
    late = dt.datetime(2026, 4, 11, 9, tzinfo=SH)
    with time_machine.travel(late, tick=False):
        run = sweep(now=late)
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.OVERDUE
    assert run.marked_overdue >= 1
    alerts = Notice.objects.filter(recipient=world.officer, severity="danger")
    with translation.override(settings.LANGUAGE_CODE):  # the sweep writes in the site's language
        title = str(kind("D-34s").title)
    assert alerts.filter(subject__contains=title, link=supervised.get_absolute_url()).exists()


def test_the_end_of_supervision_waives_the_verification_clock(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="strict")
    with time_machine.travel(dt.datetime(2026, 4, 5, 10, tzinfo=SH), tick=False):
        act_run(
            DEATH_RECORD,
            case_id=supervised.pk,
            actor=world.officer,
            expected_state=UNDER,
            discovered_on=dt.date(2026, 4, 5),
            cause="肝衰竭",
            reported_by="保证人 张父",
        )
    assert not _clocks(supervised).filter(status__in=["open", "overdue"]).exists()
    assert _clocks(supervised, DeadlineStatus.WAIVED).count() == 1


def test_the_plan_starts_the_clock_from_its_adoption(world, supervised) -> None:
    team_with_guarantor(world, supervised)
    plan_adopt(world, supervised, grade="strict", at=APRIL_2)
    assert _open(supervised).trigger_at.astimezone(SH).date() == APRIL_2.date()
