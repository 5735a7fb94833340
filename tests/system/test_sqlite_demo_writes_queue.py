"""The demo on SQLite (make run) queues two writers instead of failing with "database is
locked": transactions take the write lock when they begin and wait for it (issue 9 item 8).
On PostgreSQL the second of two deciders is then told the case changed (409); here the script
shows SQLite gives the same order: both transactions complete, one after the other."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import threading, time, django
    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE", options
    with connection.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS demo_case (id INTEGER PRIMARY KEY, state TEXT)")
        c.execute("DELETE FROM demo_case")
        c.execute("INSERT INTO demo_case VALUES (1, 'submitted')")
    outcomes = []

    def decide(name):
        # Read, think, then write only if nobody decided meanwhile: what case_decide does.
        # In SQLite's default (deferred) mode both read at once and the second write fails
        # with "database is locked"; with BEGIN IMMEDIATE the second waits, then sees.
        from django.db import connection as conn
        try:
            with transaction.atomic():
                with conn.cursor() as c:
                    c.execute("SELECT state FROM demo_case WHERE id = 1")
                    state = c.fetchone()[0]
                    time.sleep(0.3)
                    if state != "submitted":
                        outcomes.append("conflict")
                        return
                    c.execute("UPDATE demo_case SET state = %s WHERE id = 1", [name])
                    outcomes.append("decided")
        except Exception as error:
            outcomes.append(f"error: {error}")
        finally:
            conn.close()

    threads = [threading.Thread(target=decide, args=(n,)) for n in ("a", "b")]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(sorted(outcomes))
    """
)


def test_two_writers_on_the_demo_database_queue_and_the_second_is_told(tmp_path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "TEOP_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['conflict', 'decided']", result.stdout + result.stderr
