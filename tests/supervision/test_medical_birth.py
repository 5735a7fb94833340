"""Pregnancy and nursing (legal-spec E-11, E-12; P2014 Art 5 ¶1(2)): the birth recorded for a
pregnancy case makes the ground nursing until the child's first birthday, opens the clock to
that day (alert 30 days before) and tells the deciding organ that the ground will then end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineRung
from kernel.notices.models import Notice
from supervision.models import Supervision

from .medical_steps import birth, pregnancy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_the_birth_sets_the_nursing_end_and_tells_the_deciding_organ(world, supervised) -> None:
    pregnancy(supervised)
    record = birth(world, supervised, born=dt.date(2026, 8, 2))
    assert record.nursing_ends_on == dt.date(2027, 8, 2)
    assert Supervision.objects.get(case=supervised).nursing_ends_on == dt.date(2027, 8, 2)
    clock = Deadline.objects.get(kind="E-12")
    assert clock.shown_due_date == dt.date(2027, 8, 2)
    soon = DeadlineRung.objects.get(deadline=clock, rung="due_soon")
    assert timezone.localtime(soon.fires_at).date() == dt.date(2027, 7, 3)
    notice = Notice.objects.get(recipient=world.approver, subject__contains="child was born")
    assert "2027-08-02" in notice.subject
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert "正在哺乳自己婴儿" in page.content.decode()  # the page is Chinese
    with pytest.raises(TransitionRefused):  # once
        birth(world, supervised, born=dt.date(2026, 8, 3))


def test_only_a_pregnancy_case_records_a_birth(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        birth(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 5 ¶1(2)"}
