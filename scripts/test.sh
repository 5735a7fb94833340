#!/usr/bin/env bash
# The whole check, as CI runs it: lint, types, Django checks, migrations, and the test suite
# against real PostgreSQL and Redis started here (and stopped here, only if started here).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.test
started=0
if [ -z "${DATABASE_URL:-}" ] || [ -z "${CELERY_BROKER_URL:-}" ]; then
  eval "$(bash scripts/test-services.sh start)"
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then bash scripts/test-services.sh stop; fi; }
trap cleanup EXIT
export DATABASE_URL CELERY_BROKER_URL
# One command a line: under `set -e` a failure on the left of `&&` would not stop the script.
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy";   .venv/bin/mypy
echo "== django check"; .venv/bin/python manage.py check --fail-level WARNING
echo "== migrations";   .venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected no tests: that is a failure here, never a pass.
if [ $status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit $status
