"""TOTP secrets are stored encrypted with a key from the environment, not the database: a copy
of the database does not give anyone the signers' codes (issue #9 item 1)."""

from __future__ import annotations

import base64
import re

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kernel.signing.models import SecondFactor
from kernel.signing.otp import second_factor_demo_setup, second_factor_enrol, totp_code, totp_verify
from tests.system.test_production_settings import PROD_ENV, _run

BASE32_SECRET = re.compile(r"[A-Z2-7]{32}")


def _stored(user) -> list[tuple[str, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM signing_secondfactor WHERE user_id = %s", [user.pk])
        return [tuple(str(value) for value in row) for row in cursor.fetchall()]


def test_the_database_holds_no_base32_secret_and_the_code_still_verifies(world) -> None:
    factor = second_factor_enrol(world.judge)
    (demo,) = second_factor_demo_setup([world.approver])
    for user, secret in ((world.judge, factor.secret), (world.approver, demo.secret)):
        (row,) = _stored(user)
        assert not any(secret in value for value in row)
        assert not any(BASE32_SECRET.search(value) for value in row)
    with connection.cursor() as cursor:
        columns = [
            c.name
            for c in connection.introspection.get_table_description(cursor, "signing_secondfactor")
        ]
    assert "secret" not in columns
    assert totp_verify(world.approver, totp_code(demo.secret))


def test_a_second_key_after_a_comma_still_opens_old_secrets(world, settings) -> None:
    (factor,) = second_factor_demo_setup([world.approver])
    old_key = settings.TEOP_OTP_ENCRYPTION_KEY
    settings.TEOP_OTP_ENCRYPTION_KEY = f"{Fernet.generate_key().decode()},{old_key}"
    assert SecondFactor.objects.get(pk=factor.pk).secret == factor.secret
    settings.TEOP_OTP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        SecondFactor.objects.get(pk=factor.pk).secret  # noqa: B018


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_the_plaintext_secrets_already_stored(settings) -> None:
    from tests.factories import UserFactory

    plain = base64.b32encode(b"12345678901234567890").decode()
    executor = MigrationExecutor(connection)
    before = [("signing", "0001_initial")]
    after = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        user = UserFactory()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO signing_secondfactor (user_id, secret, created_at, last_used_step)"
                " VALUES (%s, %s, now(), 0)",
                [user.pk, plain],
            )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    (row,) = _stored(user)
    assert not any(plain in value for value in row)
    factor = SecondFactor.objects.get(user=user)
    assert factor.secret == plain
    key = settings.TEOP_OTP_ENCRYPTION_KEY
    assert Fernet(key.encode()).decrypt(factor.secret_ciphertext.encode()).decode() == plain


def test_production_refuses_to_start_without_a_proper_key() -> None:
    missing = {k: v for k, v in PROD_ENV.items() if k != "TEOP_OTP_ENCRYPTION_KEY"}
    result = _run(missing, "check")
    assert result.returncode != 0 and "TEOP_OTP_ENCRYPTION_KEY" in result.stderr
    from django.conf import settings

    for bad in ("not-a-key", settings.TEOP_OTP_DEV_ENCRYPTION_KEY):
        result = _run({**PROD_ENV, "TEOP_OTP_ENCRYPTION_KEY": bad}, "check")
        assert result.returncode != 0 and "TEOP_OTP_ENCRYPTION_KEY" in result.stderr
