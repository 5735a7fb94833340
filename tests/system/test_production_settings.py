"""`manage.py check --deploy` is clean with production settings; bad values fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 10 + "9f8e7d6c5b4a3928170fedcba9876543210abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "teop.example.gov.cn",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/x",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "TEOP_AUDIT_HMAC_KEY": "test-audit-hmac-key-of-at-least-thirty-two-characters",
    "TEOP_OTP_ENCRYPTION_KEY": "q8Hq1bqG3T3oW6o1gqkz3Qm9kq2Jc0i8m1zq6bQb3iU=",
}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _run(PROD_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PROD_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _run(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_misspelt_boolean_fails_loudly() -> None:
    result = _run({**PROD_ENV, "DJANGO_SECURE_SSL_REDIRECT": "maybe"}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL_REDIRECT" in result.stderr
