"""The one-time password that keeps a signing key under the signer's sole control (Electronic
Signature Law of the PRC Art 13): RFC 6238 codes, no replay, enrolment and confirmation."""

from __future__ import annotations

import base64
import datetime as dt
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kernel.audit.models import AuditEvent
from kernel.signing.models import SecondFactor
from kernel.signing.otp import (
    STEP_SECONDS,
    WrongOneTimePassword,
    otpauth_uri,
    second_factor_confirm,
    second_factor_demo_setup,
    second_factor_enrol,
    totp_code,
    totp_verify,
)

# RFC 6238 Appendix B, SHA-1 key "12345678901234567890"; the RFC lists 8 digits, a 6-digit
# code is the last six of them.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("unix_time", "code"),
    [
        (59, "287082"),
        (1111111109, "081804"),
        (1111111111, "050471"),
        (1234567890, "005924"),
        (2000000000, "279037"),
        (20000000000, "353130"),
    ],
)
def test_codes_match_the_rfc_6238_reference_values(unix_time: int, code: str) -> None:
    assert totp_code(RFC_SECRET, unix_time) == code
    assert totp_code(RFC_SECRET, dt.datetime.fromtimestamp(unix_time, dt.UTC)) == code


AT = dt.datetime(2026, 11, 23, 9, 0, 10, tzinfo=dt.UTC)


@pytest.fixture
def factor(world) -> SecondFactor:
    (second_factor,) = second_factor_demo_setup([world.approver])
    return second_factor


def test_the_current_code_is_accepted_once_and_a_replay_is_refused(world, factor) -> None:
    code = totp_code(factor.secret, AT)
    assert totp_verify(world.approver, code, at=AT)
    assert not totp_verify(world.approver, code, at=AT)
    factor.refresh_from_db()
    assert factor.last_used_step == int(AT.timestamp()) // STEP_SECONDS


def test_an_older_code_is_refused_once_a_newer_one_was_used(world, factor) -> None:
    newer = totp_code(factor.secret, AT)
    older = totp_code(factor.secret, AT - dt.timedelta(seconds=STEP_SECONDS))
    assert totp_verify(world.approver, newer, at=AT)
    assert not totp_verify(world.approver, older, at=AT)


def test_one_step_of_clock_drift_is_tolerated_two_are_not(world, factor) -> None:
    step = dt.timedelta(seconds=STEP_SECONDS)
    assert totp_verify(world.approver, totp_code(factor.secret, AT - step), at=AT)
    assert totp_verify(world.approver, totp_code(factor.secret, AT + step), at=AT)
    later = AT + 10 * step
    assert not totp_verify(world.approver, totp_code(factor.secret, later - 2 * step), at=later)
    assert not totp_verify(world.approver, totp_code(factor.secret, later + 2 * step), at=later)


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_refused(world, factor, bad: str) -> None:
    assert not totp_verify(world.approver, bad, at=AT)


def test_a_user_without_a_confirmed_factor_cannot_verify(world) -> None:
    factor = second_factor_enrol(world.judge)
    assert not totp_verify(world.judge, totp_code(factor.secret, AT), at=AT)
    assert not totp_verify(world.officer, "123456", at=AT)


def test_enrolment_makes_a_random_160_bit_secret_kept_until_reset(world) -> None:
    factor = second_factor_enrol(world.judge)
    assert len(base64.b32decode(factor.secret)) == 20
    assert factor.confirmed_at is None
    assert second_factor_enrol(world.judge).secret == factor.secret
    assert second_factor_enrol(world.judge, reset=True).secret != factor.secret
    assert second_factor_enrol(world.officer).secret != factor.secret
    assert AuditEvent.objects.filter(action="second_factor.enrolled").count() == 3


def test_confirmation_needs_a_right_code(world) -> None:
    factor = second_factor_enrol(world.judge)
    right = totp_code(factor.secret, AT)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    with pytest.raises(WrongOneTimePassword):
        second_factor_confirm(user=world.judge, code=wrong, at=AT)
    factor.refresh_from_db()
    assert factor.confirmed_at is None
    assert second_factor_confirm(user=world.judge, code=right, at=AT)
    factor.refresh_from_db()
    assert factor.confirmed_at is not None
    assert AuditEvent.objects.filter(action="second_factor.confirmed").count() == 1


def test_otpauth_uri_carries_the_secret_and_parameters(world) -> None:
    factor = second_factor_enrol(world.judge)
    uri = urlparse(otpauth_uri(world.judge))
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert uri.path == "/TEOP%3Ajudge"
    query = parse_qs(uri.query)
    assert query["secret"] == [factor.secret]
    assert query["digits"] == ["6"] and query["period"] == ["30"]
    assert query["algorithm"] == ["SHA1"] and query["issuer"] == ["TEOP"]


def test_demo_secrets_are_reproducible_per_user_and_otp_code_prints_the_code(world) -> None:
    (first,) = second_factor_demo_setup([world.approver])
    (again,) = second_factor_demo_setup([world.approver])
    (other,) = second_factor_demo_setup([world.judge])
    assert first.secret == again.secret != other.secret
    assert again.confirmed_at is not None
    out = StringIO()
    call_command("otp_code", "approver", stdout=out)
    printed = out.getvalue().strip()
    assert printed.isdigit() and len(printed) == 6
    assert totp_verify(world.approver, printed)


def test_otp_code_command_explains_a_missing_user_or_factor(world) -> None:
    with pytest.raises(CommandError, match="No user"):
        call_command("otp_code", "nobody")
    with pytest.raises(CommandError, match="second-factor"):
        call_command("otp_code", "judge")


# -- the set-up page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_set_up_page_needs_a_login() -> None:
    response = Client().get("/account/second-factor/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_user_enrols_sees_the_secret_and_confirms_with_a_code(world, english) -> None:
    client = world.client_for(world.judge)
    assert b'value="enrol"' in client.get("/account/second-factor/").content
    response = client.post("/account/second-factor/", {"action": "enrol"})
    assert response.status_code == 302
    factor = SecondFactor.objects.get(user=world.judge)
    page = client.get("/account/second-factor/").content.decode()
    assert factor.secret in page
    assert "otpauth://totp/TEOP%3Ajudge" in page

    response = client.post("/account/second-factor/", {"action": "confirm", "code": "abc"})
    assert response.status_code == 400
    assert "请输入6位验证码" in response.content.decode()

    response = client.post(
        "/account/second-factor/", {"action": "confirm", "code": totp_code(factor.secret)}
    )
    assert response.status_code == 302
    factor.refresh_from_db()
    assert factor.is_confirmed
    page = client.get("/account/second-factor/").content.decode()
    assert factor.secret not in page  # shown only while setting up
