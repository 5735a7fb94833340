"""The application's database role can append to the audit log but never rewrite it
(issue #9 item 4): a separate owner role runs the migrations."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from kernel.audit.models import GENESIS_HASH

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_app_role() -> Iterator[psycopg.Connection]:
    """A connection to the test database as the application role (scripts/test-services.sh
    creates it; config/settings/test.py names it)."""
    role = settings.DB_APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
    assert exists, (
        f"PostgreSQL role {role!r} is missing: run `scripts/test-services.sh start` once "
        "against this server to create it."
    )
    params = {
        key: value
        for key, value in connection.get_connection_params().items()
        if key not in {"cursor_factory", "user", "password"}
    }
    with psycopg.connect(**params, user=role, password=settings.DB_APP_PASSWORD) as app:
        yield app
        app.rollback()  # nothing the role did here is kept


REFUSED = [
    pytest.param("UPDATE audit_auditevent SET reason = 'forged'", id="update"),
    pytest.param("DELETE FROM audit_auditevent", id="delete"),
    pytest.param("TRUNCATE audit_auditevent", id="truncate"),
    pytest.param("ALTER TABLE audit_auditevent DISABLE TRIGGER USER", id="disable-trigger"),
    pytest.param("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL", id="disable-all-triggers"),
    pytest.param("ALTER TABLE audit_auditevent DROP COLUMN reason", id="alter"),
    pytest.param("DROP TABLE audit_auditevent", id="drop"),
]


PARTITION_REFUSED = [
    pytest.param("DELETE FROM {partition}", id="delete"),
    pytest.param("UPDATE {partition} SET reason = 'forged'", id="update"),
    pytest.param("TRUNCATE {partition}", id="truncate"),
    pytest.param("ALTER TABLE {partition} DISABLE TRIGGER ALL", id="disable-trigger"),
    pytest.param("ALTER TABLE audit_auditevent DETACH PARTITION {partition}", id="detach"),
    pytest.param("DROP TABLE {partition}", id="drop"),
]


@pytest.mark.parametrize("statement", PARTITION_REFUSED)
def test_app_role_cannot_rewrite_a_partition_of_the_audit_log_directly(
    as_app_role, statement: str
) -> None:
    from kernel.audit.partitions import partition_name

    partition = partition_name("audit_auditevent", timezone.localdate().year)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app_role.execute(statement.format(partition=partition))


@pytest.mark.parametrize("statement", REFUSED)
def test_app_role_cannot_rewrite_the_audit_log(as_app_role, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app_role.execute(statement)


def test_app_role_can_append_and_read_audit_events(as_app_role) -> None:
    row = as_app_role.execute(
        "INSERT INTO audit_auditevent (occurred_at, actor_name, organisation_name, action, "
        "object_type, object_id, object_repr, from_state, to_state, reason, request_id, "
        "payload, stream, seq, prev_hash, hash) VALUES (now(), 'app', '', 'test.append', '', "
        "'', '', '', '', '', '', '{}', 'test:app-role', 1, %s, %s) RETURNING id",
        [GENESIS_HASH, "f" * 64],
    ).fetchone()
    assert row is not None
    assert as_app_role.execute("SELECT count(*) FROM audit_auditevent").fetchone()


def test_app_role_has_ordinary_dml_on_every_other_table(as_app_role) -> None:
    """Including tables created by migrations after the grant (default privileges)."""
    tables = [
        name
        for (name,) in as_app_role.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    ]
    assert "notices_notice" in tables and "cases_case" in tables
    check = "SELECT has_table_privilege(current_user, %s, %s)"
    for table in tables:
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            if table == "audit_auditevent":
                expected = privilege in {"SELECT", "INSERT"}
            else:
                # The yearly partitions are reached only through the parent (migration 0005).
                expected = not table.startswith("audit_auditevent_")
            allowed = as_app_role.execute(check, [table, privilege]).fetchone()
            assert allowed == (expected,), (table, privilege)
    owner = as_app_role.execute(
        "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditevent'"
    ).fetchone()
    assert owner is not None and owner[0] != settings.DB_APP_ROLE
