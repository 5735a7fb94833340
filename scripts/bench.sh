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
# `make bench` runs every figure; `scripts/bench.sh audit verify` runs the ones named.
figures=("$@")
others=()
run_verify=0
if [ ${#figures[@]} -eq 0 ]; then run_verify=1; fi
for f in "${figures[@]}"; do if [ "$f" = verify ]; then run_verify=1; else others+=("$f"); fi; done
if [ ${#figures[@]} -eq 0 ] || [ ${#others[@]} -gt 0 ]; then
  .venv/bin/python bench/run.py "${others[@]}"
fi
# /verify/ at its bounds (a signed decision, 20 revisions, the 4,000-update attack).
if [ "$run_verify" = 1 ]; then .venv/bin/python bench/verify_bounds.py; fi
