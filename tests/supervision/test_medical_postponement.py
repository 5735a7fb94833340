"""Postponing a re-examination (病情复查延期; P2014 Art 21): a request with its reason and the
date asked for, decided by the community-correction institution with reasons; approval moves
the re-examination's due date to the date approved (D-15c), refusal leaves it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from supervision.medical.models import PostponementState
from supervision.medical.services import reexamination_due

from .medical_steps import postponement_decide, postponement_request, review

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


def test_an_approved_postponement_moves_the_due_date(world, supervised) -> None:
    request = postponement_request(world, supervised, to=dt.date(2026, 7, 20))
    assert request.due_before == dt.date(2026, 6, 30)
    decided = postponement_decide(world, supervised, request, approve=True)
    assert decided.state == PostponementState.APPROVED
    assert decided.approved_date == dt.date(2026, 7, 20)
    assert Deadline.objects.get(kind="D-15b").status == DeadlineStatus.WAIVED
    due = reexamination_due(supervised)
    assert (due.kind, due.due_date) == ("D-15c", dt.date(2026, 7, 20))
    page = world.client_for(world.officer).get(
        reverse("supervision:community", args=[supervised.pk])
    )
    assert "2026-07-20" in page.content.decode() and "（已延期）" in page.content.decode()


def test_the_review_meets_the_postponed_re_examination(world, supervised) -> None:
    request = postponement_request(world, supervised)
    postponement_decide(world, supervised, request, approve=True)
    review(world, supervised, on=dt.date(2026, 7, 18))
    assert Deadline.objects.get(kind="D-15c").status == DeadlineStatus.MET
    assert reexamination_due(supervised).kind == "D-15b"


def test_a_refused_postponement_leaves_the_due_date(world, supervised) -> None:
    request = postponement_request(world, supervised)
    decided = postponement_decide(world, supervised, request, approve=False)
    assert decided.state == PostponementState.REFUSED
    assert decided.decision_reasons == "病情稳定，可按期复查"
    due = reexamination_due(supervised)
    assert (due.kind, due.due_date) == ("D-15b", dt.date(2026, 6, 30))
    assert not Deadline.objects.filter(kind="D-15c").exists()


def test_a_postponement_asks_for_a_later_date_and_one_at_a_time(world, supervised) -> None:
    with pytest.raises(ValidationError):
        postponement_request(world, supervised, to=dt.date(2026, 6, 25))
    postponement_request(world, supervised)
    with pytest.raises(TransitionRefused) as exc:
        postponement_request(world, supervised, to=dt.date(2026, 7, 30))
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 21"}
