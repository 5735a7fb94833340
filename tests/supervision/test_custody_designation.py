"""Which institution takes the person in after a court's or a public security organ's decision
(P2014 Art 24 ¶1, ¶3): the officer designates one of the types the route allows, in the
residence's province (court) or city (public security); any other is refused naming the
article; the one designated takes part in the case and its clerks are told; only its clerk
records the return, which the public security organ of the residence escorted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases.jurisdiction import Capacity
from cases.models import CaseParticipant
from kernel.accounts.roles import OrganisationType
from kernel.notices.models import Notice
from kernel.refusals import TransitionRefused
from supervision.custody.rules import institutions_allowed, routing_of
from supervision.models import Supervision, SupervisionState
from tests.factories import OrganisationFactory

from .custody_helpers import SH, revoke, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english", "loaded_calendar")]
JUNE_2 = dt.date(2026, 6, 2)
TAKEN_IN = dt.datetime(2026, 6, 3, 11, tzinfo=SH)


def _designate(world, case, institution, actor=None):
    return take(
        world,
        case,
        "custody_institution_designate",
        JUNE_2,
        actor or world.officer,
        institution=institution,
    )


def test_court_more_than_three_months_prison_of_the_province(world, supervised) -> None:
    revoke(world, supervised, authority=world.court, three_months_or_less=False)
    elsewhere = OrganisationFactory(
        name="北京监狱", type=OrganisationType.PRISON, region_code="110000"
    )
    record = Supervision.objects.get(case=supervised)
    routing = routing_of(supervised, record)
    assert routing.route is not None and routing.route.article == "P2014 Art 24 ¶1"
    allowed = set(institutions_allowed(supervised, record, routing.route))
    assert {world.prison_a, world.prison_b} <= allowed
    assert world.dc not in allowed and elsewhere not in allowed
    for wrong in (world.dc, elsewhere, world.cci):
        with pytest.raises(TransitionRefused) as exc:
            _designate(world, supervised, wrong)
        assert {r.article for r in exc.value.requirements} == {"P2014 Art 24 ¶1"}, wrong
    custody = _designate(world, supervised, world.prison_b)
    assert custody.receiving_institution == world.prison_b
    assert CaseParticipant.objects.filter(
        case=supervised, organisation=world.prison_b, capacity=Capacity.RECEIVING_INSTITUTION
    ).exists()
    assert Notice.objects.filter(recipient=world.clerk_b, subject__contains="custody")
    # The original prison is not the one designated on the court path.
    with pytest.raises(PermissionDenied):
        take(
            world,
            supervised,
            "custody_return_record",
            TAKEN_IN,
            world.clerk_a,
            taken_in_at=TAKEN_IN,
        )
    custody = take(
        world, supervised, "custody_return_record", TAKEN_IN, world.clerk_b, taken_in_at=TAKEN_IN
    )
    assert custody.escort_organ == world.cpsb  # the public security organ of the residence
    assert Supervision.objects.get(case=supervised).state == SupervisionState.RETURNED_TO_CUSTODY


def test_court_three_months_or_less_detention_centre(world, supervised) -> None:
    revoke(world, supervised, authority=world.court, three_months_or_less=True)
    with pytest.raises(TransitionRefused) as exc:
        _designate(world, supervised, world.prison_b)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 24 ¶1"}
    assert _designate(world, supervised, world.dc).receiving_institution == world.dc
    # A new designation replaces the earlier one.
    other_dc = OrganisationFactory(
        name="西湖区看守所", type=OrganisationType.DETENTION_CENTRE, region_code="330106"
    )
    _designate(world, supervised, other_dc)
    assert not CaseParticipant.objects.filter(
        case=supervised, organisation=world.dc, capacity=Capacity.RECEIVING_INSTITUTION
    ).exists()


def test_public_security_decision_detention_centre_of_the_residence_city(world, supervised) -> None:
    revoke(world, supervised, authority=world.mpsb)
    other_city = OrganisationFactory(
        name="宁波市看守所", type=OrganisationType.DETENTION_CENTRE, region_code="330200"
    )
    for wrong in (world.prison_a, other_city):
        with pytest.raises(TransitionRefused) as exc:
            _designate(world, supervised, wrong)
        assert {r.article for r in exc.value.requirements} == {"P2014 Art 24 ¶3"}
    # The deciding organ may designate too; a prison clerk may not.
    with pytest.raises(PermissionDenied):
        _designate(world, supervised, world.dc, actor=world.clerk_a)
    assert (
        _designate(world, supervised, world.dc, actor=world.mps_approver).receiving_institution
        == world.dc
    )


def test_a_life_sentence_cannot_be_routed_after_a_court_decision(world, supervised) -> None:
    revoke(world, supervised, authority=world.court, three_months_or_less=None)
    record = Supervision.objects.get(case=supervised)
    routing = routing_of(supervised, record)
    # No basis stored: computed now from the sentence as it stood on the decision date.
    assert routing.computed_now and routing.basis is not None
    assert routing.basis["on"] == "2026-03-25"
    assert routing.route is not None and routing.route.destination == "prison"
    supervised.decision.remaining_term_basis = {
        "on": "2026-03-25",
        "expiry": None,
        "three_months_or_less": None,
    }
    supervised.decision.save()
    supervised.refresh_from_db()
    with pytest.raises(TransitionRefused) as exc:
        _designate(world, supervised, world.prison_b)
    assert {r.article for r in exc.value.requirements} == {"P2014 Art 24"}
