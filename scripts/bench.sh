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
# Every figure goes to stdout and, one JSON line each, to var/bench/figures.jsonl (bench/run.py
# emit()); the run ends with the one-page report var/bench/report.html (bench/report.py).
export TEOP_BENCH_FIGURES="${TEOP_BENCH_FIGURES:-$PWD/var/bench/figures.jsonl}"
mkdir -p "$(dirname "$TEOP_BENCH_FIGURES")"
: > "$TEOP_BENCH_FIGURES"
# `make bench` runs every figure; `scripts/bench.sh audit verify load` runs the ones named.
figures=("$@")
others=()
run_verify=0
run_load=0
if [ ${#figures[@]} -eq 0 ]; then run_verify=1; run_load=1; fi
for f in "${figures[@]}"; do
  case "$f" in
    verify) run_verify=1 ;;
    load) run_load=1 ;;
    *) others+=("$f") ;;
  esac
done
if [ ${#figures[@]} -eq 0 ] || [ ${#others[@]} -gt 0 ]; then
  .venv/bin/python bench/run.py "${others[@]}"
fi
# /verify/ at its bounds (a signed decision, 20 revisions, the 4,000-update attack).
if [ "$run_verify" = 1 ]; then .venv/bin/python bench/verify_bounds.py; fi
# Sustained load: gunicorn with the production settings and locust, 60 s a run: saturated
# runs at 10/20/50 users without think time beside the admin changelist (throughput), then a
# paced run of 50 users thinking 3-10 s (p95) (BENCH_LOAD_CASES, BENCH_LOAD_SECONDS,
# BENCH_LOAD_USERS, BENCH_LOAD_THINK, BENCH_LOAD_PACED_USERS).
if [ "$run_load" = 1 ]; then .venv/bin/python bench/load.py; fi
.venv/bin/python bench/report.py "$TEOP_BENCH_FIGURES"
