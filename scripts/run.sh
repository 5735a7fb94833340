#!/usr/bin/env bash
# The demo: embedded SQLite, a real Celery worker and beat on the filesystem broker, and the
# web server on http://127.0.0.1:8000. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.local
PY=.venv/bin/python
mkdir -p var
$PY manage.py migrate --noinput -v 0
$PY manage.py calendar_sync
$PY manage.py catalogue_sync
$PY manage.py seed_demo
.venv/bin/celery -A config worker -B --pool solo --loglevel INFO \
  --schedule var/celerybeat-schedule >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Background worker and scheduler started (pid $worker, log var/worker.log)."
echo "Serving http://127.0.0.1:8000  (Ctrl-C to stop)"
$PY manage.py runserver 127.0.0.1:8000 --noreload
