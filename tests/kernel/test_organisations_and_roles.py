"""Organisations and roles (legal-spec §1.1): each role only where the law puts it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kernel.accounts.models import ProcuratorialAssignment, RoleGrant
from kernel.accounts.roles import CourtLevel, OrganisationType, Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_procurator_role_cannot_be_held_at_a_prison() -> None:
    user = UserFactory(organisation=OrganisationFactory(type=OrganisationType.PRISON))
    grant = RoleGrant(user=user, role=Role.PROCURATOR)
    with pytest.raises(ValidationError, match="cannot be held"):
        grant.full_clean()


def test_approver_role_is_held_at_the_approving_authorities() -> None:
    for type_ in (
        OrganisationType.PRISON_ADMINISTRATION,
        OrganisationType.MUNICIPAL_PUBLIC_SECURITY,
    ):
        user = UserFactory(organisation=OrganisationFactory(type=type_))
        RoleGrant(user=user, role=Role.APPROVER).full_clean()


def test_a_court_needs_its_level_and_only_a_court_has_one() -> None:
    court = OrganisationFactory.build(type=OrganisationType.COURT, court_level="")
    with pytest.raises(ValidationError, match="level"):
        court.full_clean()
    prison = OrganisationFactory.build(type=OrganisationType.PRISON, court_level=CourtLevel.BASIC)
    with pytest.raises(ValidationError, match="Only a court"):
        prison.full_clean()


def test_designated_hospital_counts_only_within_its_designation() -> None:
    hospital = OrganisationFactory(
        type=OrganisationType.DESIGNATED_HOSPITAL,
        designated_from=dt.date(2020, 1, 1),
        designated_until=dt.date(2025, 12, 31),
    )
    assert hospital.is_designated_on(dt.date(2020, 1, 1))
    assert hospital.is_designated_on(dt.date(2025, 12, 31))
    assert not hospital.is_designated_on(dt.date(2026, 1, 1))
    assert not hospital.is_designated_on(dt.date(2019, 12, 31))


def test_designation_cannot_end_before_it_starts() -> None:
    hospital = OrganisationFactory.build(
        type=OrganisationType.DESIGNATED_HOSPITAL,
        designated_from=dt.date(2022, 1, 1),
        designated_until=dt.date(2021, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot end before"):
        hospital.full_clean()


def test_region_code_has_six_digits() -> None:
    org = OrganisationFactory.build(region_code="33A1")
    with pytest.raises(ValidationError, match="six digits"):
        org.full_clean()


def test_only_a_procuratorate_supervises() -> None:
    prison = OrganisationFactory(type=OrganisationType.PRISON)
    other = OrganisationFactory(type=OrganisationType.PRISON)
    assignment = ProcuratorialAssignment(
        procuratorate=other, supervised=prison, mode=ProcuratorialAssignment.Mode.STATIONED
    )
    with pytest.raises(ValidationError, match="Only a procuratorate"):
        assignment.full_clean()


def test_case_is_routed_to_the_approving_authority_and_both_procuratorates(world) -> None:
    capacities = {(p.organisation, p.capacity) for p in world.case_a.participants.all()}
    assert (world.prison_a, "institution") in capacities
    assert (world.pab, "decision_organ") in capacities
    assert (world.proc_a, "procuratorate") in capacities
    assert (world.proc_prov, "decision_procuratorate") in capacities
    assert world.case_a.path == "B"


def test_inactive_user_has_no_roles(world) -> None:
    world.clerk_a.is_active = False
    world.clerk_a.save()
    from kernel.accounts.models import User

    assert User.objects.get(pk=world.clerk_a.pk).role_codes == frozenset()
