"""A confirmed signing factor is replaced only with a current code from it: a stolen session,
or someone who can set the user's password, must not bind a new device to the user's
signature (Electronic Signature Law of the PRC Art 13; issue #9 item 1). An unconfirmed
factor may be made again freely by its owner."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kernel.audit.models import AuditEvent
from kernel.signing.models import SecondFactor
from kernel.signing.otp import (
    WrongOneTimePassword,
    second_factor_demo_setup,
    second_factor_enrol,
    totp_code,
)

AT = dt.datetime(2026, 11, 23, 9, 0, 10, tzinfo=dt.UTC)
URL = "/account/second-factor/"


@pytest.fixture
def confirmed(world) -> SecondFactor:
    (factor,) = second_factor_demo_setup([world.approver])
    return factor


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_replacing_a_confirmed_factor_without_a_code_is_refused(world, confirmed, english) -> None:
    with pytest.raises(ValidationError, match="enter the code it shows now"):
        second_factor_enrol(world.approver, reset=True)
    factor = SecondFactor.objects.get(user=world.approver)
    assert factor.secret == confirmed.secret and factor.is_confirmed


def test_replacing_a_confirmed_factor_with_a_wrong_code_is_refused_and_counted(
    world, confirmed
) -> None:
    with time_machine.travel(AT, tick=False), pytest.raises(WrongOneTimePassword):
        second_factor_enrol(
            world.approver, reset=True, current_code=_wrong(totp_code(confirmed.secret))
        )
    factor = SecondFactor.objects.get(user=world.approver)
    assert factor.secret == confirmed.secret and factor.is_confirmed
    assert factor.failed_attempts == 1
    event = AuditEvent.objects.get(action="second_factor.wrong_code")
    assert event.payload == {"purpose": "replace", "attempt": 1}


def test_a_current_code_from_the_old_factor_replaces_it(world, confirmed) -> None:
    with time_machine.travel(AT, tick=False):
        new = second_factor_enrol(
            world.approver, reset=True, current_code=totp_code(confirmed.secret)
        )
    assert new.secret != confirmed.secret
    assert new.confirmed_at is None  # the new device is confirmed with its own code
    event = AuditEvent.objects.filter(action="second_factor.enrolled").get()
    assert event.payload == {"reset": True, "replaced_confirmed": True}


def test_an_unconfirmed_factor_is_made_again_freely(world) -> None:
    first = second_factor_enrol(world.judge)
    again = second_factor_enrol(world.judge, reset=True)
    assert again.secret != first.secret and again.confirmed_at is None


def test_the_page_refuses_a_replacement_posted_without_a_code(world, confirmed) -> None:
    client = world.client_for(world.approver)
    page = client.get(URL).content.decode()
    assert 'value="reset"' in page and 'name="code"' in page  # the page asks for the code
    response = client.post(URL, {"action": "reset"})
    assert response.status_code == 400
    assert "请输入6位验证码" in response.content.decode()
    response = client.post(URL, {"action": "enrol"})  # "enrol" never replaces
    assert SecondFactor.objects.get(user=world.approver).secret == confirmed.secret


def test_the_page_replaces_the_factor_with_a_current_code(world, confirmed) -> None:
    client = world.client_for(world.approver)
    with time_machine.travel(AT, tick=False):
        wrong = client.post(URL, {"action": "reset", "code": _wrong(totp_code(confirmed.secret))})
        assert wrong.status_code == 400
        assert "一次性密码错误或已过期" in wrong.content.decode()
        assert SecondFactor.objects.get(user=world.approver).secret == confirmed.secret
        right = client.post(URL, {"action": "reset", "code": totp_code(confirmed.secret)})
        assert right.status_code == 302
        factor = SecondFactor.objects.get(user=world.approver)
        assert factor.secret != confirmed.secret and not factor.is_confirmed
        assert factor.secret in client.get(URL).content.decode()  # to set up the new phone
