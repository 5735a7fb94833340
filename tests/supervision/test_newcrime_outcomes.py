"""The outcome of the proceedings: an effective custodial judgment re-imprisons the person in
the original (or file-holding) institution and ends community correction, its clocks waived
(P2014 Art 22 ¶2; CCL Art 45); an acquittal, a withdrawal or a non-custodial judgment puts the
person back under supervision (CCL Art 32). Each episode stays on the record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.models import Supervision, SupervisionState
from supervision.newcrime.models import CriminalProceeding, ProceedingOutcome

from .newcrime_helpers import SH, measure, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SEPT_4 = dt.datetime(2026, 9, 4, 10, tzinfo=SH)
JUDGMENT = {
    "judgment_court": "杭州市西湖区人民法院",
    "judgment_number": "（2026）浙0106刑初123号",
    "judgment_effective_on": dt.date(2026, 9, 1),
    "new_sentence": "有期徒刑二年",
    "court_notified_on": dt.date(2026, 9, 3),
}


def test_a_custodial_judgment_reimprisons_and_ends_community_correction(world, supervised):
    measure(world, supervised, notified_after=dt.timedelta(hours=5))
    open_before = Deadline.objects.filter(kind__in=("D-15", "D-15b", "D-22"), status="open")
    assert open_before.exists()
    proceeding = take(world, supervised, "new_judgment_record", SEPT_4, **JUDGMENT)
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.REIMPRISONED_NEW_SENTENCE
    assert record.ended_on == dt.date(2026, 9, 1)
    assert proceeding.outcome == ProceedingOutcome.CUSTODIAL
    # The original institution (prison A) takes the person in: no other is brought in.
    assert proceeding.receiving_institution == world.prison_a == record.custodial_institution
    assert proceeding.court_notified_on == dt.date(2026, 9, 3)
    assert not CaseParticipant.objects.filter(
        case=supervised, capacity=Capacity.RECEIVING_INSTITUTION
    ).exists()
    for kind in ("D-15", "D-15b", "D-22"):
        assert not Deadline.objects.filter(kind=kind, status=DeadlineStatus.OPEN), kind
        assert Deadline.objects.filter(kind=kind, status=DeadlineStatus.WAIVED), kind
    for user in (world.clerk_a, world.approver, world.procurator_a):
        assert Notice.objects.filter(recipient=user, subject__contains="new judgment"), user
    # Community correction has ended: no further measure can be recorded.
    with pytest.raises(TransitionRefused) as exc:
        measure(world, supervised, notified_after=dt.timedelta(days=100))
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 22 ¶1"}


def test_another_institution_is_refused_when_the_original_takes_the_person_in(world, supervised):
    measure(world, supervised, notified_after=dt.timedelta(hours=5))
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "new_judgment_record",
            SEPT_4,
            **JUDGMENT,
            receiving_institution=world.prison_b,
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 22 ¶2"}
    assert Supervision.objects.get(case=supervised).state == SupervisionState.CRIMINAL_PROCEEDINGS


def test_without_an_original_institution_the_named_one_takes_part(world, supervised):
    measure(world, supervised, notified_after=dt.timedelta(hours=5))
    Supervision.objects.filter(case=supervised).update(custodial_institution=None)
    with pytest.raises(TransitionRefused):
        take(world, supervised, "new_judgment_record", SEPT_4, **JUDGMENT)
    proceeding = take(
        world, supervised, "new_judgment_record", SEPT_4, **JUDGMENT, receiving_institution=world.dc
    )
    assert proceeding.receiving_institution == world.dc
    assert CaseParticipant.objects.filter(
        case=supervised, organisation=world.dc, capacity=Capacity.RECEIVING_INSTITUTION
    ).exists()


def test_an_acquittal_puts_the_person_back_under_supervision(world, supervised):
    measure(world, supervised, notified_after=dt.timedelta(hours=5))
    with pytest.raises(ValidationError) as exc:
        take(
            world,
            supervised,
            "criminal_proceedings_close",
            SEPT_4,
            outcome="acquittal",
            decided_on=dt.date(2026, 9, 1),
            reason="宣告无罪",
        )
    assert "judgment_number" in exc.value.message_dict
    proceeding = take(
        world,
        supervised,
        "criminal_proceedings_close",
        SEPT_4,
        outcome="acquittal",
        decided_on=dt.date(2026, 9, 1),
        judgment_court="杭州市西湖区人民法院",
        judgment_number="（2026）浙0106刑初123号",
        reason="证据不足，宣告无罪",
    )
    record = Supervision.objects.get(case=supervised)
    assert record.state == SupervisionState.UNDER_SUPERVISION and record.ended_on is None
    assert proceeding.outcome == ProceedingOutcome.ACQUITTAL
    assert Deadline.objects.filter(kind="D-22", status=DeadlineStatus.OPEN).exists()
    # A later episode is a new row; the first stays.
    measure(
        world,
        supervised,
        notified_after=dt.timedelta(hours=2),
        measure_taken_at=dt.datetime(2026, 10, 1, 8, tzinfo=SH),
    )
    assert CriminalProceeding.objects.count() == 2
    assert CriminalProceeding.objects.filter(outcome="").count() == 1
