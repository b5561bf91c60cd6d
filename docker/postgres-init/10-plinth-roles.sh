#!/bin/sh
# Runs once, when the postgres container initialises its data directory, as
# the superuser POSTGRES_USER. Plinth never connects as that superuser: it
# gets a role of its own that owns its database (it migrates the schema), and
# the NOLOGIN role `plinth_app` that row-level security applies to, which the
# request path switches to. Mirrors libs/dev-services/src/application-role.mjs.
set -eu
: "${PLINTH_DB_USER:=plinth}"
: "${PLINTH_DB_NAME:=plinth}"
: "${PLINTH_DB_PASSWORD:?set PLINTH_DB_PASSWORD in docker/.env}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=app_user="$PLINTH_DB_USER" --set=app_db="$PLINTH_DB_NAME" --set=app_password="$PLINTH_DB_PASSWORD" <<'SQL'
CREATE ROLE :"app_user" LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'app_password';
CREATE ROLE plinth_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT plinth_app TO :"app_user";
CREATE DATABASE :"app_db" OWNER :"app_user";
SQL
