"""What the law refuses on a new crime, each refusal naming its article: a notice before the
measure, a time in the future, a second measure while proceedings run, the outcome acts
before any proceedings, and the measure once community correction has ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kernel.refusals import TransitionRefused
from supervision.models import Supervision, SupervisionState
from supervision.newcrime.models import CriminalProceeding

from .newcrime_helpers import MEASURE_AT, measure, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUDGMENT = {
    "judgment_court": "杭州市西湖区人民法院",
    "judgment_number": "（2026）浙0106刑初123号",
    "judgment_effective_on": dt.date(2026, 9, 1),
    "new_sentence": "有期徒刑二年",
    "court_notified_on": dt.date(2026, 9, 3),
}


def test_a_notice_before_the_measure_is_refused(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        measure(
            world,
            supervised,
            notified_after=dt.timedelta(0),
            cci_notified_at=MEASURE_AT - dt.timedelta(hours=2),
        )
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 22 ¶1"}
    assert "before the measure" in exc.value.requirements[0].message
    assert not CriminalProceeding.objects.exists()
    assert Supervision.objects.get(case=supervised).state == SupervisionState.UNDER_SUPERVISION


def test_a_time_in_the_future_is_refused(world, supervised) -> None:
    with pytest.raises(ValidationError) as exc:
        take(
            world,
            supervised,
            "criminal_measure_record",
            MEASURE_AT,
            crime_kind="new",
            suspected_offence="涉嫌盗窃罪",
            investigating_organ=world.cpsb,
            investigating_organ_name="",
            measure="detention",
            measure_taken_at=MEASURE_AT,
            cci_notified_at=MEASURE_AT + dt.timedelta(hours=3),
        )
    assert "cci_notified_at" in exc.value.message_dict


def test_the_organ_is_chosen_or_named_not_both(world, supervised) -> None:
    with pytest.raises(ValidationError) as exc:
        measure(
            world,
            supervised,
            notified_after=dt.timedelta(hours=2),
            investigating_organ_name="某公安局",
        )
    assert "investigating_organ" in exc.value.message_dict


def test_outcome_acts_before_any_proceedings_name_the_article(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        take(world, supervised, "new_judgment_record", MEASURE_AT, **JUDGMENT)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 22 ¶2"}
    with pytest.raises(TransitionRefused) as exc:
        take(
            world,
            supervised,
            "criminal_proceedings_close",
            MEASURE_AT,
            outcome="withdrawn",
            decided_on=dt.date(2026, 6, 1),
            reason="撤销案件",
        )
    assert {r.article for r in exc.value.requirements} == {"CCL Art 32"}


def test_a_second_measure_during_proceedings_names_the_article(world, supervised) -> None:
    measure(world, supervised, notified_after=dt.timedelta(hours=3))
    with pytest.raises(TransitionRefused) as exc:
        measure(world, supervised, notified_after=dt.timedelta(hours=5))
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 22 ¶1"}
    assert "Criminal proceedings" in exc.value.requirements[0].message
    assert CriminalProceeding.objects.count() == 1


def test_the_judgment_cannot_precede_its_notice(world, supervised) -> None:
    measure(world, supervised, notified_after=dt.timedelta(hours=3))
    with pytest.raises(ValidationError) as exc:
        take(
            world,
            supervised,
            "new_judgment_record",
            dt.datetime(2026, 9, 4, 10, tzinfo=MEASURE_AT.tzinfo),
            **{**JUDGMENT, "court_notified_on": dt.date(2026, 8, 30)},
        )
    assert "court_notified_on" in exc.value.message_dict
