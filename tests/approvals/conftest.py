"""A case proposed to the approving authority, as the prison leaves it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from tests.cases.steps import advance, attach_dossier, to_publicity

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def signing(world, tmp_path, settings):
    """The demo certificate authority in a temporary key store; returns a function giving a
    signer's current one-time password (the approver's by default), enrolling the signer's
    authenticator on first use."""
    from kernel.signing.keystore import demo_ca_ensure
    from kernel.signing.otp import second_factor_demo_setup, totp_code

    settings.SIGNING_KEYSTORE_DIR = tmp_path / "keystore"
    demo_ca_ensure()
    secrets: dict[int, str] = {}

    def code(user=None) -> str:
        user = user or world.approver
        if user.pk not in secrets:
            (factor,) = second_factor_demo_setup([user])
            secrets[user.pk] = factor.secret
        return totp_code(secrets[user.pk])

    return code


@pytest.fixture
def proposed(world):
    case = world.case_a
    to_publicity(world, case)
    attach_dossier(world, case)
    with time_machine.travel(dt.datetime(2026, 3, 17, 15, tzinfo=SH), tick=False):
        advance(world, case, "submit")
    case.refresh_from_db()
    return case
