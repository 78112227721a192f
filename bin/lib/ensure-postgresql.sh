#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 and that a login role and a database owned by it
# exist, with password login over TCP from 127.0.0.1 working.
#
# Usage: bin/lib/ensure-postgresql.sh [dbname]
#   Installs the Debian "postgresql" package when missing, creates the cluster when missing,
#   starts it when down, creates/updates the role (LOGIN, password) and creates the database
#   (owner = the role, UTF8) when missing. Idempotent; no prompts.
#   Root is needed unless everything is already in place (then it only verifies).
#
# Environment (defaults):
#   OA_DB_NAME=openaperture (the argument wins)  OA_DB_USER=openaperture  OA_DB_PASSWORD=openaperture
#   OA_DB_HOST=127.0.0.1  OA_DB_PORT=5432  PG_START_TIMEOUT=60 (seconds)
#   OA_DB_RESET=true drops the database first (test databases only)
set -euo pipefail

LOG_PREFIX="[postgresql]"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB_NAME=${1:-${OA_DB_NAME:-openaperture}}
DB_USER=${OA_DB_USER:-openaperture}
DB_PASSWORD=${OA_DB_PASSWORD:-openaperture}
HOST=${OA_DB_HOST:-127.0.0.1}
PORT=${OA_DB_PORT:-5432}
TIMEOUT=${PG_START_TIMEOUT:-60}
if [ -z "$DB_NAME" ] || [ -z "$DB_USER" ] || [ -z "$DB_PASSWORD" ]; then die "database, user and password must not be empty"; fi

T0=$(now_ms)
DID=()

# psql as the application user over TCP with the password; never prompts (-w).
app_psql() {
    PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -w -q -tA -h "$HOST" -p "$PORT" \
        -U "$DB_USER" -d "$DB_NAME" "$@"
}

summary() {
    local did="nothing to do (already in place)"
    if [ ${#DID[@]} -gt 0 ]; then did=$(IFS=,; echo "${DID[*]}"); did=${did//,/, }; fi
    log "ready: $1; database '$DB_NAME', user '$DB_USER'"
    log "JDBC URL jdbc:postgresql://$HOST:$PORT/$DB_NAME (user $DB_USER)"
    log "did: $did; took $(since "$T0")"
}

if ! is_root; then
    # Verify only.
    if ! command -v psql >/dev/null 2>&1; then
        warn "psql (package postgresql-client) is not installed"
    elif out=$(app_psql -c 'select version()' 2>&1); then
        log "TCP login as $DB_USER@$HOST:$PORT/$DB_NAME works (verified only: not root)"
        summary "${out%% on *}"
        exit 0
    else
        warn "login as $DB_USER to $DB_NAME at $HOST:$PORT failed: ${out//$'\n'/ }"
    fi
    require_root "sudo $0 $DB_NAME   (with the same OA_DB_* environment)"
fi

# The cluster created by the package (or by us) takes its locale from the environment:
# make that UTF-8 even on a minimal machine without LANG.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# 1. Install.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1 \
        || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "PostgreSQL server is not installed"
    apt_install postgresql
    DID+=("installed postgresql")
fi

# 2. Find the cluster for $PORT; create <version>/main when there is none.
find_cluster() {  # prints "version name status" of the cluster configured for $PORT
    local ver name port status rest
    while read -r ver name port status rest; do
        [ "$port" = "$PORT" ] && { echo "$ver $name $status"; return 0; }
    done < <(pg_lsclusters -h 2>/dev/null)
    return 1
}

if ! cluster=$(find_cluster); then
    # Newest version with a config directory (ls /etc/postgresql), else the newest installed server.
    # shellcheck disable=SC2012 # version directory names are plain numbers
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    # shellcheck disable=SC2012
    [ -n "$version" ] || version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$version" ] || die "no PostgreSQL version found under /etc/postgresql or /usr/lib/postgresql"
    if [ -d "/etc/postgresql/$version/main" ]; then
        pg_lsclusters -h >&2 || true
        die "cluster $version/main exists but does not use port $PORT: change 'port' in /etc/postgresql/$version/main/postgresql.conf or set OA_DB_PORT"
    fi
    t=$(now_ms)
    log "creating cluster $version/main on port $PORT ..."
    pg_createcluster --locale C.UTF-8 -p "$PORT" "$version" main >/dev/null \
        || die "pg_createcluster $version main failed"
    DID+=("created cluster $version/main ($(since "$t"))")
    cluster=$(find_cluster) || die "cluster $version/main not listed by pg_lsclusters after creation"
fi
read -r PG_VERSION PG_CLUSTER PG_STATUS <<<"$cluster"
log "cluster $PG_VERSION/$PG_CLUSTER on port $PORT is $PG_STATUS"

# 3. Start.
if [[ "$PG_STATUS" != online* ]]; then
    t=$(now_ms)
    if [ -d /run/systemd/system ]; then
        log "systemctl start postgresql@$PG_VERSION-$PG_CLUSTER ..."
        systemctl start "postgresql@$PG_VERSION-$PG_CLUSTER" || die "systemctl start postgresql@$PG_VERSION-$PG_CLUSTER failed"
    else
        log "pg_ctlcluster --skip-systemctl-redirect $PG_VERSION $PG_CLUSTER start ..."
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start \
            || { tail -n 20 "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log" >&2 2>/dev/null || true
                 die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed"; }
    fi
    DID+=("started cluster $PG_VERSION/$PG_CLUSTER ($(since "$t"))")
fi

deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
until pg_isready -q -h "$HOST" -p "$PORT" -t 2; do
    [ "$(now_ms)" -ge "$deadline" ] && die "PostgreSQL does not accept connections on $HOST:$PORT after ${TIMEOUT}s (listen_addresses?)"
    sleep 0.5
done

# 4. Role and database, as the postgres superuser over the local socket (peer auth).
# Names and password travel as psql variables and are quoted by format(%I / %L).
admin_psql() {
    (cd / && runuser -u postgres -- psql -X -q -tA -v ON_ERROR_STOP=1 -p "$PORT" -d postgres \
        -v u="$DB_USER" -v p="$DB_PASSWORD" -v d="$DB_NAME" "$@")
}

role_state=$(admin_psql <<'SQL'
SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') THEN 'missing'
            ELSE 'present' END;
SQL
) || die "cannot run psql as user postgres on port $PORT"

if [ "$role_state" = missing ]; then
    admin_psql <<'SQL' >/dev/null || die "CREATE ROLE failed"
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'u', :'p') \gexec
SQL
    DID+=("created role $DB_USER")
else
    # Make sure it can log in and has the configured password (password_encryption decides the hash).
    admin_psql <<'SQL' >/dev/null || die "ALTER ROLE failed"
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'u', :'p') \gexec
SQL
    log "role $DB_USER exists (LOGIN and password re-applied)"
fi

if [ "${OA_DB_RESET:-false}" = true ]; then
    # A test database starts empty on every run (OA_DB_RESET=true); never set for real data.
    admin_psql <<'SQL' >/dev/null || die "DROP DATABASE $DB_NAME failed"
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'d') \gexec
SQL
    DID+=("dropped database $DB_NAME")
fi

db_owner=$(admin_psql <<'SQL'
SELECT coalesce((SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :'d'), '');
SQL
) || die "cannot query pg_database"

if [ -z "$db_owner" ]; then
    t=$(now_ms)
    admin_psql <<'SQL' >/dev/null || die "CREATE DATABASE $DB_NAME failed"
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'d', :'u', 'UTF8') \gexec
SQL
    DID+=("created database $DB_NAME ($(since "$t"))")
elif [ "$db_owner" != "$DB_USER" ]; then
    warn "database $DB_NAME exists but is owned by $db_owner, not $DB_USER: left as is (ALTER DATABASE ... OWNER TO if needed)"
else
    log "database $DB_NAME exists"
fi

# 5. Verify: password login over TCP, as the application would do it.
if ! out=$(app_psql -c 'select current_user || chr(9) || version()' 2>&1); then
    warn "host rules in pg_hba.conf:"
    admin_psql -c "SELECT line_number, type, database, user_name, address, auth_method FROM pg_hba_file_rules WHERE type <> 'local'" >&2 || true
    die "login as $DB_USER to $DB_NAME at $HOST:$PORT failed: $out"
fi
[ "${out%%$'\t'*}" = "$DB_USER" ] || die "unexpected login result: $out"
# Informational: the auth method of the first pg_hba.conf host rule that matches (trust, scram-sha-256, ...).
auth=$(admin_psql -v h="$HOST" 2>/dev/null <<'SQL' || true
SELECT auth_method FROM pg_hba_file_rules
 WHERE type IN ('host', 'hostnossl') AND error IS NULL
   AND database && ARRAY['all', :'d'] AND user_name && ARRAY['all', :'u']
   AND (address IN ('all', 'samehost', 'samenet')
        OR (address ~ '^[0-9.]+$' AND (:'h'::inet & netmask::inet) = (address::inet & netmask::inet)))
 ORDER BY line_number LIMIT 1;
SQL
)
log "TCP login as $DB_USER@$HOST:$PORT/$DB_NAME works (pg_hba.conf method: ${auth:-?})"
if [ "$(app_psql -c 'show autovacuum' 2>/dev/null || true)" = off ]; then
    warn "autovacuum is off on this server: tables are not analyzed or vacuumed unless someone does it (docs/operations.md#postgresql)"
fi
v=${out#*$'\t'}
summary "${v%% on *}"
