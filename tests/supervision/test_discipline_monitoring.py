"""Electronic monitoring (CCL Art 29; D-24): approved by the head of the county judicial
administration (recorded with the signed approval), at most three months a period and three
months an extension, refused beyond naming CCL Art 29 ¶2; an extension meets D-24 and opens it
again; removal clears the end date; the approval form (DOC-40) names the person; the clock is
waived when supervision ends."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from supervision.discipline.models import MonitoringGround, MonitoringPeriod
from supervision.models import Supervision
from supervision.services import death_record

from .discipline_helpers import on, pdf_text, sanction, scan, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_1 = dt.date(2026, 6, 1)


def _approve(world, case, ends_on=dt.date(2026, 9, 1), ground=MonitoringGround.LEFT_AREA):
    return take(
        world,
        case,
        "monitoring_approve",
        JUNE_1,
        ground=ground,
        facts="未经批准离开所居住的县",
        approved_by="王局长",
        approved_on=JUNE_1,
        approval_scan=scan(),
        starts_on=JUNE_1,
        ends_on=ends_on,
    )


def _extend(world, case, ends_on, day=dt.date(2026, 8, 28)):
    return take(
        world,
        case,
        "monitoring_extend",
        day,
        facts="经评估仍有必要继续使用",
        approved_by="王局长",
        approved_on=day,
        approval_scan=scan(),
        ends_on=ends_on,
    )


def _d24(status=DeadlineStatus.OPEN):
    return Deadline.objects.filter(kind="D-24", status=status)


def test_approval_keeps_the_end_date_and_opens_d24(world, supervised, tmp_path) -> None:
    period = _approve(world, supervised)
    record = Supervision.objects.get(case=supervised)
    assert record.monitoring_ends_on == dt.date(2026, 9, 1)
    assert period.approved_by == "王局长" and period.approval_scan is not None
    (clock,) = _d24()
    assert clock.due_date == dt.date(2026, 9, 1) and clock.legal_basis == "CCL Art 29 ¶2"
    text = pdf_text(period.document, tmp_path)
    assert supervised.offender.name in text and "使用电子定位装置审批表" in text
    assert "王局长" in text


def test_a_period_over_three_months_is_refused(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _approve(world, supervised, ends_on=dt.date(2026, 9, 2))
    assert {r.article for r in exc.value.requirements} == {"CCL Art 29 ¶2"}
    assert not MonitoringPeriod.objects.exists() and not _d24()


def test_a_second_approval_while_in_force_is_refused(world, supervised) -> None:
    _approve(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        _approve(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"CCL Art 29 ¶2"}


def test_the_warned_ground_needs_a_warning(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        _approve(world, supervised, ground=MonitoringGround.NOT_REPORTING)
    assert {r.article for r in exc.value.requirements} == {"CCL Art 29 ¶1(3)"}
    sanction(world, supervised, "discipline_warning", dt.date(2026, 5, 30))
    assert _approve(world, supervised, ground=MonitoringGround.NOT_REPORTING)


def test_an_extension_resets_d24_and_is_capped(world, supervised, tmp_path) -> None:
    first = _approve(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        _extend(world, supervised, ends_on=dt.date(2026, 12, 2))
    assert {r.article for r in exc.value.requirements} == {"CCL Art 29 ¶2"}
    extension = _extend(world, supervised, ends_on=dt.date(2026, 12, 1))
    assert extension.extends == first and extension.starts_on == dt.date(2026, 9, 1)
    assert Supervision.objects.get(case=supervised).monitoring_ends_on == dt.date(2026, 12, 1)
    (met,) = _d24(DeadlineStatus.MET)
    assert met.due_date == dt.date(2026, 9, 1)
    (clock,) = _d24()
    assert clock.due_date == dt.date(2026, 12, 1)
    assert "延长使用电子定位装置审批表" in pdf_text(extension.document, tmp_path)


def test_removal_clears_the_end_date_and_meets_d24(world, supervised) -> None:
    _approve(world, supervised)
    period = take(
        world,
        supervised,
        "monitoring_end",
        dt.date(2026, 7, 15),
        ended_on=dt.date(2026, 7, 15),
        reason="表现良好，不需要继续使用",
    )
    assert period.ended_on == dt.date(2026, 7, 15)
    assert Supervision.objects.get(case=supervised).monitoring_ends_on is None
    assert not _d24() and _d24(DeadlineStatus.MET).count() == 1
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "monitoring_end",
            dt.date(2026, 7, 16),
            ended_on=dt.date(2026, 7, 16),
            reason="再次解除",
        )
    assert {r.article for r in exc.value.requirements} == {"CCL Art 29 ¶2"}


def test_d24_is_waived_when_supervision_ends(world, supervised) -> None:
    _approve(world, supervised)
    with on(dt.date(2026, 6, 12)):
        death_record(
            case_id=supervised.pk,
            actor=world.officer,
            expected_state="under_supervision",
            discovered_on=dt.date(2026, 6, 11),
            cause="病故",
            reported_by="保证人",
        )
    assert _d24(DeadlineStatus.WAIVED).count() == 1 and not _d24()
