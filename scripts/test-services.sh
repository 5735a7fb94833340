#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and Redis on 127.0.0.1 for the test suite, without systemd,
# and stops only what it started.
#   eval "$(scripts/test-services.sh start)"   prints DATABASE_URL / CELERY_BROKER_URL exports
#   scripts/test-services.sh stop
# A developer who already runs both servers sets DATABASE_URL and CELERY_BROKER_URL; then
# nothing is started or stopped.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
state="$here/var/test-services"
mkdir -p "$state"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A port we started on before is remembered; otherwise the first free one from the default.
pick_port() {
  local file="$state/$1.port" port="$2"
  if [ -f "$file" ]; then cat "$file"; return; fi
  while port_busy "$port"; do port=$((port + 1)); done
  echo "$port" | tee "$file"
}

ensure_role() {
  runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc \
    "SELECT 1 FROM pg_roles WHERE rolname='$1'" | grep -q 1 || \
    runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE $1 $2"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_pg() {
  local bin data log
  pg_port="$(pick_port pg "${TEOP_TEST_PG_PORT:-54329}")"
  bin="$(pg_bin)"; [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
  data="$state/pgdata"; log="$state/postgres.log"
  if ! { [ -f "$state/pg.started" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }; then
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"; mkdir -p "$data"; chown -R postgres:postgres "$state"
      runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    chown -R postgres:postgres "$state"
    runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    touch "$state/pg.started"
  fi
  # Two roles, as in production (docker-compose.yml): `teop` owns the databases and runs the
  # migrations; `teop_app` is what the application would connect as. It cannot create
  # databases, and the audit migrations grant it only SELECT and INSERT on the audit table
  # (TEOP_DB_APP_ROLE in config/settings/test.py); tests/kernel/test_audit_app_role.py
  # connects as it. Ensured on every start, so a server started before the role existed
  # gets it too.
  ensure_role teop "LOGIN PASSWORD 'teop' CREATEDB"
  ensure_role teop_app "LOGIN PASSWORD 'teop_app' NOCREATEDB NOCREATEROLE"
  runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='teop'" | grep -q 1 || \
    runuser -u postgres -- createdb -h 127.0.0.1 -p "$pg_port" -U postgres -O teop teop
}

start_redis() {
  redis_port="$(pick_port redis "${TEOP_TEST_REDIS_PORT:-63799}")"
  if [ -f "$state/redis.pid" ] && kill -0 "$(cat "$state/redis.pid")" 2>/dev/null; then return; fi
  redis-server --daemonize yes --bind 127.0.0.1 --port "$redis_port" --save '' \
    --appendonly no --pidfile "$state/redis.pid" --logfile "$state/redis.log" >/dev/null
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "Redis did not start; see $state/redis.log" >&2; exit 1
}

case "${1:-}" in
  start)
    if [ -z "${DATABASE_URL:-}" ]; then start_pg; echo "export DATABASE_URL=postgres://teop:teop@127.0.0.1:$pg_port/teop"; fi
    if [ -z "${CELERY_BROKER_URL:-}" ]; then start_redis; echo "export CELERY_BROKER_URL=redis://127.0.0.1:$redis_port/0"; fi
    ;;
  stop)
    if [ -f "$state/pg.started" ]; then
      runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$state/pgdata" -m fast -w stop >/dev/null 2>&1 || true
      rm -f "$state/pg.started" "$state/pg.port"
    fi
    if [ -f "$state/redis.pid" ]; then
      kill "$(cat "$state/redis.pid")" 2>/dev/null || true
      rm -f "$state/redis.pid" "$state/redis.port"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
