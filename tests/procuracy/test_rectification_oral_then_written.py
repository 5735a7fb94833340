"""SPP-Rules Art 624: a minor illegality is raised orally (D-25, seven calendar days); left
uncorrected, it is raised in writing (DOC-36) once the seven days are due, never before; a
serious illegality is raised in writing at once; the organ replies in writing (CCL Art 62,
D-26) and the clocks are met."""

from __future__ import annotations

import datetime as dt

import pytest

from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from procuracy.rectification.models import OpinionForm, RectificationStatus

from .rectification_helpers import ORAL_DAY, oral, pdf_text, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def _written(world, day, **extra):
    params = {
        "illegality": "未按规定组织病情复查",
        "required_correction": "立即组织复查",
        "chief_approved": True,
        **extra,
    }
    return take(world.procurator_a, world.case_a, "rectification_written_issue", day, **params)


def test_oral_opens_seven_calendar_days(world) -> None:
    opinion = oral(world)
    clock = opinion.correction_clock
    assert clock.kind == "D-25"
    assert clock.due_date == ORAL_DAY + dt.timedelta(days=7)
    assert clock.responsible_organisation == world.proc_a
    assert opinion.status == RectificationStatus.OPEN
    assert Notice.objects.filter(recipient=world.clerk_a).exists()


def test_uncorrected_oral_is_raised_in_writing_once_due_then_answered(world, tmp_path) -> None:
    first = oral(world)
    written = _written(world, ORAL_DAY + dt.timedelta(days=8), oral=first)
    first.refresh_from_db()
    assert first.status == RectificationStatus.ESCALATED
    assert Deadline.objects.get(pk=first.correction_clock_id).status == DeadlineStatus.MET
    assert written.form == OpinionForm.WRITTEN and written.escalates == first
    assert written.target == world.prison_a
    assert written.number.startswith("浙检驻一监")
    text = pdf_text(written.document, tmp_path)
    assert world.offender_a.name in text
    assert written.number in text
    assert "书面回复" in text
    assert written.document.subject_id == str(world.case_a.pk)
    reply_clock = written.reply_clock
    assert reply_clock.kind == "D-26" and reply_clock.responsible_organisation == world.prison_a
    assert Notice.objects.filter(recipient=world.clerk_a, subject__contains=written.number)

    reply_day = ORAL_DAY + dt.timedelta(days=12)
    answered = take(
        world.clerk_a,
        world.case_a,
        "rectification_reply_record",
        reply_day,
        opinion=written,
        replied_on=reply_day,
        adopted=True,
        reply_content="已组织复查",
    )
    assert answered.status == RectificationStatus.ANSWERED and answered.adopted is True
    assert Deadline.objects.get(pk=reply_clock.pk).status == DeadlineStatus.MET
    assert Notice.objects.filter(recipient=world.procurator_a, subject__contains="adopted")


@pytest.mark.parametrize("days", [3, 7])
def test_written_within_the_seven_days_is_refused_naming_art_624(world, days: int) -> None:
    """Raised in writing only if not corrected within the seven days: on the seventh day
    itself the institution still has time (SPP-Rules Art 624(2))."""
    first = oral(world)
    with pytest.raises(TransitionRefused) as refused:
        _written(world, ORAL_DAY + dt.timedelta(days=days), oral=first)
    assert any("SPP-Rules Art 624" in r.article for r in refused.value.requirements)
    first.refresh_from_db()
    assert first.status == RectificationStatus.OPEN


def test_serious_illegality_is_written_at_once_and_never_oral(world) -> None:
    with pytest.raises(TransitionRefused) as refused:
        oral(world, seriousness="serious")
    assert refused.value.requirements[0].article == "SPP-Rules Art 624(2)"
    written = _written(world, ORAL_DAY, target=world.pab, seriousness="serious")
    assert written.seriousness == "serious" and written.target == world.pab
    assert written.document is not None and written.reply_clock.kind == "D-26"


def test_minor_illegality_is_not_written_at_once(world) -> None:
    with pytest.raises(TransitionRefused) as refused:
        _written(world, ORAL_DAY, target=world.prison_a, seriousness="minor")
    assert refused.value.requirements[0].article == "SPP-Rules Art 624(2)"


def test_written_opinion_needs_the_chief_procurators_approval(world) -> None:
    with pytest.raises(TransitionRefused) as refused:
        _written(world, ORAL_DAY, target=world.prison_a, chief_approved=False)
    assert "SPP-Rules Art 552" in [r.article for r in refused.value.requirements]


def test_correction_within_seven_days_meets_d25_and_closes(world) -> None:
    first = oral(world)
    closed = take(
        world.procurator_a,
        world.case_a,
        "rectification_correction_record",
        ORAL_DAY + dt.timedelta(days=4),
        opinion=first,
        corrected_on=ORAL_DAY + dt.timedelta(days=4),
        correction_note="已复查",
    )
    assert closed.status == RectificationStatus.CORRECTED
    assert Deadline.objects.get(pk=first.correction_clock_id).status == DeadlineStatus.MET
    with pytest.raises(TransitionRefused):
        _written(world, ORAL_DAY + dt.timedelta(days=9), oral=first)
