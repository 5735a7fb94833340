"""On PostgreSQL, the audit log becomes a table RANGE-partitioned by the year of `occurred_at`
(kernel/audit/partitions.py says why and how uniqueness is kept). SQLite keeps a plain table.

The rows are copied into the new table in one transaction (an append-only log cannot be moved
row by row); the identity sequence continues where it was. The model's state is unchanged:
`id` is still the key Django looks events up by. The database differs from the state in three
places, which a later migration touching them must handle on PostgreSQL by hand:
- the primary key is `(id, occurred_at)`;
- `hash` UNIQUE and `audit_stream_seq_unique` exist per partition (`<partition>_hash_uniq`,
  `<partition>_stream_seq_uniq`), not on the parent;
- the `hash` varchar_pattern_ops index is gone (nothing searches hashes by prefix).
"""

from django.db import migrations

OLD = "audit_auditevent_unpartitioned"
TABLE = "audit_auditevent"
COLUMNS = (
    "id, occurred_at, actor_id, actor_name, organisation_id, organisation_name, action, "
    "object_type, object_id, object_repr, from_state, to_state, reason, request_id, payload, "
    "prev_hash, hash, stream, seq"
)

PARENT_INDEXES = [
    f"ALTER TABLE {TABLE} ADD CONSTRAINT audit_auditevent_pkey PRIMARY KEY (id, occurred_at)",
    f"CREATE INDEX audit_audit_object__0898ad_idx ON {TABLE} (object_type, object_id, id)",
    f"CREATE INDEX audit_auditevent_action_2131bb77 ON {TABLE} (action)",
    f"CREATE INDEX audit_auditevent_action_2131bb77_like ON {TABLE} (action varchar_pattern_ops)",
    f"CREATE INDEX audit_auditevent_occurred_at_1f007848 ON {TABLE} (occurred_at)",
]

TRIGGER = f"""
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
"""


def _owned_sequence(cursor, table):
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    return cursor.fetchone()[0]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from django.utils import timezone

    from kernel.audit.dbroles import db_app_role_grant
    from kernel.audit.partitions import partitions_ensure

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING IDENTITY) "
            "PARTITION BY RANGE (occurred_at)"
        )
        cursor.execute(f"SELECT min(occurred_at), max(id) FROM {OLD}")
        oldest, last_id = cursor.fetchone()
        first_year = timezone.localtime(oldest).year if oldest else None
        partitions_ensure(connection, table=TABLE, first_year=first_year, revoke_app_role=False)
        cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) SELECT {COLUMNS} FROM {OLD}")
        new_sequence = _owned_sequence(cursor, TABLE)
        cursor.execute(f"DROP TABLE {OLD}")
        # The new identity got a suffixed sequence name while the old one existed.
        cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {TABLE}_id_seq")
        if last_id is not None:
            cursor.execute(f"SELECT setval('{TABLE}_id_seq', %s)", [last_id])
        for statement in PARENT_INDEXES:
            cursor.execute(statement)
        cursor.execute(TRIGGER)
    db_app_role_grant(connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from kernel.audit.dbroles import db_app_role_grant

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {TABLE}")
        (last_id,) = cursor.fetchone()
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING IDENTITY)")
        cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) SELECT {COLUMNS} FROM {OLD}")
        new_sequence = _owned_sequence(cursor, TABLE)
        cursor.execute(f"DROP TABLE {OLD} CASCADE")
        cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {TABLE}_id_seq")
        if last_id is not None:
            cursor.execute(f"SELECT setval('{TABLE}_id_seq', %s)", [last_id])
        for statement in [
            f"ALTER TABLE {TABLE} ADD CONSTRAINT audit_auditevent_pkey PRIMARY KEY (id)",
            f"ALTER TABLE {TABLE} ADD CONSTRAINT audit_auditevent_hash_key UNIQUE (hash)",
            f"ALTER TABLE {TABLE} ADD CONSTRAINT audit_stream_seq_unique UNIQUE (stream, seq)",
            f"CREATE INDEX audit_auditevent_hash_d0c402da_like ON {TABLE} "
            "(hash varchar_pattern_ops)",
            *PARENT_INDEXES[1:],
        ]:
            cursor.execute(statement)
        cursor.execute(TRIGGER)
    db_app_role_grant(connection)


class Migration(migrations.Migration):
    # One transaction: either the partitioned log with every row, or the old table untouched.
    atomic = True

    dependencies = [("audit", "0004_app_role_grants")]

    operations = [migrations.RunPython(forwards, backwards)]
