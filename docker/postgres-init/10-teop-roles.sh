#!/bin/sh
# Run by the postgres image on an empty data directory (docker-compose.yml mounts this folder
# at /docker-entrypoint-initdb.d). Idempotent, so an existing deployment can run it once too:
#   docker compose exec db sh /docker-entrypoint-initdb.d/10-teop-roles.sh
#
# Two roles besides the superuser:
#   TEOP_DB_OWNER     owns the database and every table; runs `migrate` (the migrate service)
#   TEOP_DB_APP_ROLE  what gunicorn, the worker and beat connect as; the audit migrations grant
#                     it ordinary DML on every table but only SELECT and INSERT on the audit
#                     log, and as a non-owner it cannot ALTER, DISABLE TRIGGER or TRUNCATE it.
set -eu
: "${POSTGRES_USER:?}" "${POSTGRES_DB:?}"
: "${TEOP_DB_OWNER:?set it in .env.owner}" "${TEOP_DB_OWNER_PASSWORD:?set it in .env.owner}"
: "${TEOP_DB_APP_ROLE:?set it in .env}" "${TEOP_DB_APP_PASSWORD:?set it in .env}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v owner="$TEOP_DB_OWNER" -v owner_password="$TEOP_DB_OWNER_PASSWORD" \
  -v app="$TEOP_DB_APP_ROLE" -v app_password="$TEOP_DB_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE',
              :'owner', :'owner_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE',
              :'app', :'app_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"owner", :"app";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
SQL
