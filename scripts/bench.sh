#!/usr/bin/env bash
# Benchmarks with fixed seeded data sizes; prints one JSON line per figure.
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
# A separate database so benchmark data never mixes with anything else.
export DATABASE_URL="${DATABASE_URL%/*}/teop_bench"
.venv/bin/python bench/run.py "$@"
