"""A system administrator administers his own organisation and those under it; only one at
national level administers everyone. The audit log, the sign-in lockouts and the signing-factor
resets follow that one rule (kernel/accounts/selectors.py), so another organ's or another
province's users, events and lockouts do not exist for him."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kernel.accounts.roles import Level, OrganisationType, Role
from kernel.audit.services import audit_record
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


@pytest.fixture
def procuratorate_admin(world):
    return UserFactory(
        username="proc_admin", organisation=world.proc_prov, roles=[Role.SYSTEM_ADMIN]
    )


@pytest.fixture
def national_admin(db):
    ministry = OrganisationFactory(
        name="司法部", type=OrganisationType.PRISON_ADMINISTRATION, level=Level.NATIONAL
    )
    return UserFactory(username="national_admin", organisation=ministry, roles=[Role.SYSTEM_ADMIN])


def _events(world) -> None:
    audit_record(actor=world.clerk_a, action="scope.prison_event", obj=world.case_a)
    audit_record(actor=world.procurator_a, action="scope.procuratorate_event", obj=world.case_a)


def test_prison_administration_admin_sees_only_its_tree_in_the_audit_log(world) -> None:
    _events(world)
    page = world.client_for(world.sysadmin).get("/audit/").content.decode()
    assert "scope.prison_event" in page
    assert "scope.procuratorate_event" not in page


def test_procuratorate_admin_sees_only_procuratorate_events(world, procuratorate_admin) -> None:
    _events(world)
    page = world.client_for(procuratorate_admin).get("/audit/").content.decode()
    assert "scope.procuratorate_event" in page
    assert "scope.prison_event" not in page


def test_national_admin_sees_the_whole_audit_log(world, national_admin) -> None:
    _events(world)
    page = world.client_for(national_admin).get("/audit/").content.decode()
    assert "scope.prison_event" in page and "scope.procuratorate_event" in page


def _lock_out(username: str) -> None:
    client = Client()
    for _ in range(5):
        client.post(
            "/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR="10.3.3.3"
        )


def test_another_organs_admin_neither_sees_nor_lifts_a_users_lockout(
    world, procuratorate_admin
) -> None:
    _lock_out("clerk_a")
    outsider = world.client_for(procuratorate_admin)
    assert "clerk_a" not in outsider.get("/accounts/lockouts/").content.decode()
    response = outsider.post(
        "/accounts/lockouts/", {"kind": "username", "value": "clerk_a", "reason": "核实身份后解锁"}
    )
    assert response.status_code == 404
    own = world.client_for(world.sysadmin)
    assert "clerk_a" in own.get("/accounts/lockouts/").content.decode()


def test_signing_factor_resets_follow_the_same_scope(world, procuratorate_admin) -> None:
    page = world.client_for(procuratorate_admin).get("/account/second-factors/").content.decode()
    assert "procurator_a" in page
    assert "approver" not in page
