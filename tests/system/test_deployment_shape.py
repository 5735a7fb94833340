"""The production shape is consistent: every compose service runs a command that exists and
every variable it or the settings read is listed in .env.example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _example_vars() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            names.add(line.split("=", 1)[0])
    return names


def test_compose_has_the_production_services_with_health_checks() -> None:
    services = _compose()["services"]
    assert {"migrate", "web", "worker", "beat", "db", "redis"} <= set(services)
    for name, service in services.items():
        if name != "migrate":  # one-shot: it runs the migrations and exits
            assert "healthcheck" in service, name


def test_the_app_connects_as_its_own_role_and_only_migrate_holds_the_owners_password() -> None:
    """Issue #9 item 4: the application's role cannot rewrite the audit log; the owner role
    runs the migrations and its password is in .env.owner, read only by db and migrate."""
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith(
            "postgres://${TEOP_DB_APP_ROLE}:${TEOP_DB_APP_PASSWORD}@"
        ), name
        assert ".env.owner" not in str(services[name].get("env_file")), name
        assert "migrate" not in services[name]["command"], name
    assert "DATABASE_MIGRATE_URL" in services["migrate"]["command"]
    assert "manage.py migrate" in services["migrate"]["command"]
    assert ".env.owner" in services["migrate"]["env_file"]
    owner_vars = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.owner.example").read_text().splitlines()
        if line and not line.startswith("#") and "=" in line
    }
    assert {"POSTGRES_PASSWORD", "TEOP_DB_OWNER_PASSWORD", "DATABASE_MIGRATE_URL"} <= owner_vars
    assert not owner_vars & _example_vars() - {"POSTGRES_DB"}
    init = services["db"]["volumes"]
    assert "./docker/postgres-init:/docker-entrypoint-initdb.d:ro" in init
    assert (ROOT / "docker" / "postgres-init" / "10-teop-roles.sh").exists()


def test_every_compose_variable_is_in_env_example() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    referenced = set(re.findall(r"\$\{([A-Z0-9_]+)", text))
    assert referenced <= _example_vars(), referenced - _example_vars()


def test_every_settings_variable_is_in_env_example() -> None:
    settings_text = "".join(
        p.read_text()
        for p in (ROOT / "config" / "settings").glob("*.py")
        if p.name != "local.py" and p.name != "test.py"
    )
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', settings_text))
    # DATABASE_URL and CELERY_BROKER_URL are composed by docker-compose from the others.
    assert read - {"DATABASE_URL", "CELERY_BROKER_URL"} <= _example_vars()


def test_every_service_command_exists() -> None:
    services = _compose()["services"]
    app_commands = {
        n: s["command"] for n, s in services.items() if n in ("migrate", "web", "worker", "beat")
    }
    manage_cmds = set()
    for command in app_commands.values():
        manage_cmds |= set(re.findall(r"manage\.py (\w+)", command))
    out = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert manage_cmds <= set(out), manage_cmds - set(out)
    for command in app_commands.values():
        if "gunicorn" in command:
            assert "config.wsgi:application" in command
            assert (ROOT / "config" / "wsgi.py").exists()
        if command.startswith("celery"):
            assert "-A config" in command
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "gunicorn").exists()
    assert (bin_dir / "celery").exists()


def test_celery_app_loads_with_its_beat_schedule() -> None:
    from config.celery_app import app

    assert app.conf.task_acks_late is True
    for entry in app.conf.beat_schedule.values():
        app.loader.import_default_modules()
        assert entry["task"] in app.tasks, entry["task"]
