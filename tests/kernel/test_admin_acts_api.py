"""The administrators' acts that are not case acts are in the API too, scoped like their pages
(kernel/accounts/selectors.py `administered_*`) and honouring `Idempotency-Key`: lifting a
sign-in lockout and resetting a lost signing factor (issue 10 item 3)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client

from kernel.accounts.roles import Role
from kernel.audit.models import AuditEvent
from kernel.signing.models import SecondFactor, SecondFactorReset
from kernel.signing.otp import second_factor_demo_setup
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIFT = "/api/v1/admin/lockouts/lift/"
REASON = "本人到场核验身份证后申请解锁"


def _reset_url(user) -> str:
    return f"/api/v1/admin/users/{user.pk}/second-factor/reset/"


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


@pytest.fixture
def procuratorate_admin(world):
    return UserFactory(
        username="proc_admin", organisation=world.proc_prov, roles=[Role.SYSTEM_ADMIN]
    )


def _lock_out(username: str) -> None:
    client = Client()
    for _ in range(5):
        client.post(
            "/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR="10.3.3.3"
        )


def _post(client: Client, url: str, body: dict, key: str | None = None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(url, body, content_type="application/json", **headers)


def test_an_administrator_lifts_his_users_lockout_once_however_often_it_is_sent(world) -> None:
    _lock_out("clerk_a")
    assert AccessAttempt.objects.filter(username="clerk_a").exists()
    client = world.client_for(world.sysadmin)
    body = {"kind": "username", "value": "clerk_a", "reason": REASON}
    first = _post(client, LIFT, body, key="lift-1")
    again = _post(client, LIFT, body, key="lift-1")
    assert first.status_code == 200, first.content
    assert first.json()["attempts_removed"] >= 1
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not AccessAttempt.objects.filter(username="clerk_a").exists()
    assert AuditEvent.objects.filter(action="sign_in.lockout_lifted").count() == 1


def test_another_organs_administrator_cannot_lift_it_and_others_may_not_try(
    world, procuratorate_admin
) -> None:
    _lock_out("clerk_a")
    body = {"kind": "username", "value": "clerk_a", "reason": REASON}
    assert _post(world.client_for(procuratorate_admin), LIFT, body).status_code == 404
    # (not clerk_a: signing him in would clear his failures)
    assert _post(world.client_for(world.procurator_a), LIFT, body).status_code == 403
    assert _post(Client(), LIFT, body).status_code in (401, 403)
    assert AccessAttempt.objects.filter(username="clerk_a").exists()
    short = _post(world.client_for(world.sysadmin), LIFT, {**body, "reason": "ok"})
    assert short.status_code == 400
    assert "reason" in short.json()


def test_an_administrator_resets_a_lost_factor_once_however_often_it_is_sent(world) -> None:
    second_factor_demo_setup([world.approver])
    client = world.client_for(world.sysadmin)
    body = {"reason": "手机遗失，本人书面申请重置"}
    first = _post(client, _reset_url(world.approver), body, key="reset-1")
    again = _post(client, _reset_url(world.approver), body, key="reset-1")
    assert first.status_code == 200, first.content
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not SecondFactor.objects.filter(user=world.approver).exists()
    assert SecondFactorReset.objects.filter(user=world.approver).count() == 1
    assert AuditEvent.objects.filter(action="second_factor.admin_reset").count() == 1
    # Without the key the second request is the act again: nothing left to reset (400).
    assert _post(client, _reset_url(world.approver), body).status_code == 400


def test_the_reset_keeps_to_the_administrators_scope(world, procuratorate_admin) -> None:
    second_factor_demo_setup([world.approver])
    body = {"reason": "手机遗失，本人书面申请重置"}
    outsider = world.client_for(procuratorate_admin)
    assert _post(outsider, _reset_url(world.approver), body).status_code == 404
    assert _post(outsider, _reset_url(world.approver), {}).status_code == 404
    own = world.client_for(world.sysadmin)
    assert _post(own, _reset_url(world.sysadmin), body).status_code == 404  # never himself
    assert _post(world.client_for(world.clerk_a), _reset_url(world.approver), body).status_code == (
        403
    )
    assert SecondFactor.objects.filter(user=world.approver).exists()
