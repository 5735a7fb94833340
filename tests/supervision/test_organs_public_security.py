"""The public security organ executing bail or residential surveillance on the court path
sees the hand-overs addressed to it and records them itself (P2014 Arts 18 ¶2, 19; CCL Art 21
¶2; SPC-Interp Art 515 ¶5; legal-spec T-A06, D-14; issue 13).

The court's grant makes the organ a participant (`Capacity.EXECUTING_PUBLIC_SECURITY`) and
tells its officers; their receipt of the decision opens D-14 (10 calendar days); their
hand-over meets it and tells the community-correction institution to register the reception.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approvals.models import CourtProceeding, Delivery
from cases.jurisdiction import Capacity
from cases.models import CaseParticipant, CaseState
from cases.services.workflow import TransitionRefused
from kernel.deadlines.models import Deadline, DeadlineStatus
from kernel.notices.models import Notice
from supervision.handovers import hand_overs_for_user
from supervision.models import HandOver
from supervision.services import public_security_hand_over_record
from tests.approvals.test_court_path import court_world

from .organs_helpers import (
    HANDED_OVER,
    RECEIVED,
    at,
    executing_organ,
    granted_on_bail,
    hand_over_form,
    officer_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]


@pytest.fixture
def cw(world):
    return court_world(world)


@pytest.fixture
def organ(cw):
    return executing_organ(cw)


@pytest.fixture
def ps(organ):
    return officer_of(organ)


def _acknowledge(world, case, user) -> int:
    with at(RECEIVED):
        response = world.client_for(user).post(reverse("supervision:acknowledge", args=[case.pk]))
    return response.status_code


def test_the_grant_makes_the_organ_a_participant_and_tells_it(world, cw, organ, ps) -> None:
    case = granted_on_bail(world, cw, organ)
    assert CaseParticipant.objects.filter(
        case=case, organisation=organ, capacity=Capacity.EXECUTING_PUBLIC_SECURITY
    ).exists()
    notice = Notice.objects.get(recipient=ps)
    assert case.offender.name in notice.subject
    assert notice.link == reverse("supervision:release", args=[case.pk])
    # No clock before the organ receives the decision: D-14 runs from its receipt.
    assert not Deadline.objects.filter(kind="D-14").exists()


def test_a_detained_defendant_brings_no_public_security_organ_in(world, cw) -> None:
    case = granted_on_bail(world, cw, world.dc, CourtProceeding.Custody.DETAINED)
    assert not CaseParticipant.objects.filter(
        case=case, capacity=Capacity.EXECUTING_PUBLIC_SECURITY
    ).exists()


def test_its_receipt_opens_d14_ten_calendar_days_and_its_hand_over_meets_it(
    world, cw, organ, ps
) -> None:
    case = granted_on_bail(world, cw, organ)
    page = reverse("supervision:release", args=[case.pk])
    with at(RECEIVED):
        html = world.client_for(ps).get(page).content.decode()
    assert 'id="public-security-acknowledge"' in html
    assert _acknowledge(world, case, ps) == 302
    delivery = Delivery.objects.get(decision__case=case, purpose=Delivery.Purpose.INSTITUTION)
    assert delivery.received_at == RECEIVED
    clock = Deadline.objects.get(kind="D-14")
    assert clock.responsible_organisation == organ
    assert clock.due_date == dt.date(2026, 3, 17)  # 03-07 + 10 calendar days
    # Told at the grant, and again when its receipt starts the ten days.
    assert Notice.objects.filter(recipient=ps, subject__contains=case.number).count() == 1
    assert Notice.objects.filter(recipient=ps).count() == 2
    with at(HANDED_OVER):
        html = world.client_for(ps).get(page).content.decode()
    assert 'id="record-public-security-hand-over"' in html
    with at(HANDED_OVER + dt.timedelta(hours=1)):
        response = world.client_for(ps).post(
            reverse("supervision:public_security_hand_over", args=[case.pk]), hand_over_form()
        )
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.state == CaseState.ESCORT
    assert HandOver.objects.get(case=case).recorded_by == ps
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.MET
    # The community-correction institution is told to register the reception (CCL Art 22).
    assert Notice.objects.filter(recipient=world.officer, subject__contains=case.number).exists()


def test_the_hand_over_waits_for_the_receipt_art_18_2(world, cw, organ, ps) -> None:
    case = granted_on_bail(world, cw, organ)
    data = hand_over_form(handed_over_at=HANDED_OVER)
    with at(HANDED_OVER + dt.timedelta(hours=1)), pytest.raises(TransitionRefused) as refused:
        public_security_hand_over_record(case_id=case.pk, actor=ps, **data)
    assert {r.article for r in refused.value.requirements} == {"P2014 Art 18 ¶2"}
    assert not HandOver.objects.exists()


def test_another_organ_sees_nothing_and_records_nothing(world, cw, organ, ps) -> None:
    case = granted_on_bail(world, cw, organ)
    assert _acknowledge(world, case, ps) == 302
    stranger = officer_of(executing_organ(cw, "拱墅区公安分局"), "ps_stranger")
    assert list(hand_overs_for_user(user=stranger)) == []
    client = world.client_for(stranger)
    assert client.get(reverse("supervision:release", args=[case.pk])).status_code == 404
    url = reverse("supervision:public_security_hand_over", args=[case.pk])
    with at(HANDED_OVER + dt.timedelta(hours=1)):
        assert client.post(url, hand_over_form()).status_code == 404
        data = hand_over_form(handed_over_at=HANDED_OVER)
        with pytest.raises(PermissionDenied):
            public_security_hand_over_record(case_id=case.pk, actor=stranger, **data)
    # The inbox is the organ's officers' only: a correction officer or a judge is refused.
    inbox = reverse("supervision:public_security_inbox")
    assert world.client_for(world.officer).get(inbox).status_code == 403
    assert world.client_for(cw.judge).get(inbox).status_code == 403
    assert world.client_for(stranger).get(inbox).status_code == 200


def test_the_inbox_lists_the_hand_over_with_its_clock_in_constant_queries(
    world, cw, organ, ps
) -> None:
    case = granted_on_bail(world, cw, organ)
    assert _acknowledge(world, case, ps) == 302
    client = world.client_for(ps)
    inbox = reverse("supervision:public_security_inbox")
    client.get(inbox)  # the session and the calendar's caches, once
    with at(RECEIVED), CaptureQueriesContext(connection) as one:
        response = client.get(inbox)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="hand-over-{case.pk}"' in html
    assert case.offender.name in html and "2026-03-17" in html
    # More rows (other cases the organ takes part in): the same number of queries.
    CaseParticipant.objects.create(
        case=world.case_a, organisation=organ, capacity=Capacity.EXECUTING_PUBLIC_SECURITY
    )
    with at(RECEIVED), CaptureQueriesContext(connection) as two:
        html = client.get(inbox).content.decode()
    assert f'id="hand-over-{world.case_a.pk}"' in html
    assert len(two.captured_queries) == len(one.captured_queries)


def test_the_organ_records_the_hand_over_through_the_api(world, cw, organ, ps) -> None:
    case = granted_on_bail(world, cw, organ)
    assert _acknowledge(world, case, ps) == 302
    with at(HANDED_OVER + dt.timedelta(hours=1)):
        response = world.client_for(ps).post(
            f"/api/v1/cases/{case.pk}/acts/public_security_hand_over_record/",
            hand_over_form(handed_over_at="2026-03-10T09:00:00+08:00"),
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["institution_signatory"] == "西湖区公安分局 刘警官"
    assert Deadline.objects.get(kind="D-14").status == DeadlineStatus.MET
