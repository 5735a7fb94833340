"""The application role may only SELECT and INSERT audit events (kernel/audit/dbroles.py).

A no-op unless `settings.DB_APP_ROLE` names an existing PostgreSQL role.
"""

from django.db import migrations


def grant(apps, schema_editor):
    from kernel.audit.dbroles import db_app_role_grant

    db_app_role_grant(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_streams_and_keyed_hashes")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
