"""Password guessing is throttled (issue 9 item 5): after 5 wrong passwords a user name, or an
address, is locked out, even with the right password, until it cools off or a system
administrator lifts the lockout."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kernel.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

RIGHT = "pw-for-tests"


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def _post(client: Client, path: str, username: str, password: str, ip: str = "10.9.8.7"):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=ip, HTTP_X_REAL_IP=""
    )


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_right_password_is_refused_after_thirty_wrong_ones(world, path) -> None:
    client = Client()
    username = world.sysadmin.username  # a staff user, so /admin/login/ would accept him
    world.sysadmin.is_staff = True
    world.sysadmin.save()
    for _ in range(30):
        _post(client, path, username, "wrong-password")
    response = _post(client, path, username, RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    body = response.content.decode()
    assert "登录已锁定" in body and "30" in body


def test_lockout_counts_one_user_name_from_many_addresses(world) -> None:
    client = Client()
    for n in range(5):
        _post(client, "/accounts/login/", "clerk_a", "wrong", ip=f"10.0.0.{n + 1}")
    response = _post(client, "/accounts/login/", "clerk_a", RIGHT, ip="10.0.0.99")
    assert response.status_code == 429


def test_lockout_counts_one_address_trying_many_user_names(world) -> None:
    client = Client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _post(client, "/accounts/login/", name, "wrong", ip="10.1.1.1")
    response = _post(client, "/accounts/login/", "clerk_a", RIGHT, ip="10.1.1.1")
    assert response.status_code == 429
    # Another address with the right password for a user not guessed at signs in.
    other = _post(Client(), "/accounts/login/", "leader_a", RIGHT, ip="10.1.1.2")
    assert other.status_code == 302


def test_four_wrong_passwords_then_the_right_one_signs_in(world) -> None:
    client = Client()
    for _ in range(4):
        _post(client, "/accounts/login/", "clerk_a", "wrong")
    assert _post(client, "/accounts/login/", "clerk_a", RIGHT).status_code == 302


def test_lockout_message_in_english(world) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    for _ in range(6):
        response = client.post(
            "/accounts/login/",
            {"username": "clerk_a", "password": "wrong"},
            REMOTE_ADDR="10.2.2.2",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 429
    body = response.content.decode()
    assert "Sign-in locked" in body and "Try again in 30 minutes" in body


def test_system_administrator_lifts_a_lockout_with_a_reason(world) -> None:
    client = Client()
    for _ in range(5):
        _post(client, "/accounts/login/", "clerk_a", "wrong")
    admin = world.client_for(world.sysadmin)
    page = admin.get("/accounts/lockouts/").content.decode()
    assert "clerk_a" in page
    assert "10.9.8.7" in page  # the address that guessed is listed too
    response = admin.post(
        "/accounts/lockouts/",
        {"kind": "username", "value": "clerk_a", "reason": "本人到场核实身份"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="sign_in.lockout_lifted")
    assert event.reason == "本人到场核实身份"
    assert event.actor_id == world.sysadmin.pk
    # The address tried 5 times too; lift that as well, then the right password works.
    admin.post(
        "/accounts/lockouts/",
        {"kind": "ip_address", "value": "10.9.8.7", "reason": "本人到场核实身份"},
    )
    assert _post(Client(), "/accounts/login/", "clerk_a", RIGHT).status_code == 302


def test_lifting_needs_a_reason(world) -> None:
    admin = world.client_for(world.sysadmin)
    response = admin.post("/accounts/lockouts/", {"kind": "username", "value": "x", "reason": ""})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="sign_in.lockout_lifted").exists()


def test_only_a_system_administrator_sees_lockouts(world) -> None:
    assert world.client_for(world.clerk_a).get("/accounts/lockouts/").status_code == 403
    assert Client().get("/accounts/lockouts/").status_code == 302
