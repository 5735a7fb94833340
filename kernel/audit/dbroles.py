"""The application's database role may append to the audit log, never rewrite it.

In production two roles share the database: the owner (runs `migrate`, owns every table) and
the application role named by `settings.DB_APP_ROLE` (what gunicorn and Celery connect as).
The application role gets ordinary DML on every table but only SELECT and INSERT on the audit
log; as a non-owner it cannot ALTER the table, disable its trigger or TRUNCATE it. Tables that
later migrations create get the same grants through the owner's default privileges, and the
`post_migrate` handler re-applies the grants after every `migrate` (e.g. when the role was
created after the migrations ran).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "audit_auditevent"


def _role_exists(connection: BaseDatabaseWrapper, role: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        return cursor.fetchone() is not None


def db_app_role_grant(connection: BaseDatabaseWrapper) -> bool:
    """Grant the application role its privileges; False (and nothing done) when there is no
    such role, no role is configured, or the database is not PostgreSQL."""
    role = str(getattr(settings, "DB_APP_ROLE", "") or "")
    if not role or connection.vendor != "postgresql" or not _role_exists(connection, role):
        return False
    quote = connection.ops.quote_name
    app = quote(role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        row = cursor.fetchone()
        assert row is not None
        owner = quote(str(row[0]))
        statements = [
            f"GRANT USAGE ON SCHEMA public TO {app}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        ]
        cursor.execute("SELECT to_regclass(%s)", [AUDIT_TABLE])
        audit = cursor.fetchone()
        if audit is not None and audit[0] is not None:
            statements += [
                f"REVOKE ALL ON {quote(AUDIT_TABLE)} FROM {app}",
                f"GRANT SELECT, INSERT ON {quote(AUDIT_TABLE)} TO {app}",
            ]
            # A partitioned log (migration 0005): the role reaches the partitions only
            # through the parent, so it holds nothing on them ("ON ALL TABLES" above
            # included them).
            cursor.execute(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = %s::regclass",
                [AUDIT_TABLE],
            )
            statements += [f"REVOKE ALL ON {quote(str(name))} FROM {app}" for (name,) in cursor]
        for statement in statements:
            cursor.execute(statement)
    return True


def grant_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    db_app_role_grant(connections[using])
