"""Lost contact (CCL Art 30): recorded at once with what is known, the search started and
public security asked to assist; one search at a time; found recorded; the officer may raise
SPC-Interp Art 516(2) with the record as its source, once. Notices of custody from other organs
(CCL Art 32) are recorded with the organ, the measure and both dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.guarantee.acts import (
    CUSTODY_NOTICE_RECORD,
    ESCAPE_GROUND_RAISE,
    LOST_CONTACT_FOUND_RECORD,
    LOST_CONTACT_RECORD,
)
from supervision.models import RevocationGround, RevocationGroundKind

from .test_guarantee_guarantor_history import SH, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
SEPT_1 = dt.datetime(2026, 9, 1, 9, tzinfo=SH)


def lose(world, case):
    return run(
        LOST_CONTACT_RECORD,
        world,
        case,
        at=SEPT_1,
        discovered_at=SEPT_1,
        last_contact_at=dt.datetime(2026, 8, 29, 18, tzinfo=SH),
        last_known="8月29日晚电话报到；此后手机关机",
        measures="走访居所、联系保证人及近亲属",
    )


def test_the_search_starts_at_once_and_public_security_is_asked(world, supervised) -> None:
    ps = world.cpsb  # the county public security organ of the residence
    lost = lose(world, supervised)
    assert lost.search_started_at == SEPT_1
    assert lost.public_security_informed_at == SEPT_1
    assert Notice.objects.filter(recipient_organisation=ps).exists()
    with pytest.raises(TransitionRefused) as exc:
        lose(world, supervised)
    assert {r.article for r in exc.value.requirements} == {"CCL Art 30"}
    found = run(
        LOST_CONTACT_FOUND_RECORD,
        world,
        supervised,
        at=dt.datetime(2026, 9, 3, 16, tzinfo=SH),
        lost_contact=lost.pk,
        found_at=dt.datetime(2026, 9, 3, 15, tzinfo=SH),
        outcome="在外地亲属家中找到，已带回",
    )
    assert found.found_at is not None


def test_the_escape_ground_is_raised_once_from_the_record(world, supervised) -> None:
    lost = lose(world, supervised)
    for _ in range(2):
        run(
            ESCAPE_GROUND_RAISE,
            world,
            supervised,
            at=SEPT_1,
            lost_contact=lost.pk,
            reason="查找未果，脱离监管",
        )
    (ground,) = RevocationGround.objects.all()
    assert ground.ground == RevocationGroundKind.SPC_2 and ground.source == lost


def test_the_escape_ground_needs_a_lost_contact_record(world, supervised) -> None:
    with pytest.raises(TransitionRefused) as exc:
        run(ESCAPE_GROUND_RAISE, world, supervised, lost_contact=1, reason="x")
    assert {r.article for r in exc.value.requirements} == {"SPC-Interp Art 516(2)"}


def test_a_custody_notice_is_recorded_with_organ_measure_and_dates(world, supervised) -> None:
    params = {
        "organ": "西湖区公安分局",
        "measure": "criminal",
        "measure_details": "刑事拘留",
        "taken_on": dt.date(2026, 10, 2),
    }
    with pytest.raises(ValidationError):
        run(
            CUSTODY_NOTICE_RECORD,
            world,
            supervised,
            at=dt.datetime(2026, 10, 3, tzinfo=SH),
            notified_on=dt.date(2026, 10, 1),
            **params,
        )
    notice = run(
        CUSTODY_NOTICE_RECORD,
        world,
        supervised,
        at=dt.datetime(2026, 10, 3, 10, tzinfo=SH),
        notified_on=dt.date(2026, 10, 3),
        **params,
    )
    assert (notice.organ, notice.measure) == ("西湖区公安分局", "criminal")
