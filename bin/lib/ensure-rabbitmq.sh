#!/usr/bin/env bash
# Make sure a RabbitMQ node answers AMQP 1.0 on 127.0.0.1:5672 and its management API on
# http://127.0.0.1:15672 (guest/guest), with plugins rabbitmq_amqp1_0 and rabbitmq_management.
#
# Usage: bin/lib/ensure-rabbitmq.sh
#   Installs rabbitmq-server with apt when missing, starts the node when it is down,
#   enables the two plugins, waits for the management API. Idempotent; no prompts.
#   Root is needed only when something must be installed, started or enabled.
#
# Environment (defaults):
#   RABBITMQ_HOST=127.0.0.1  RABBITMQ_PORT=5672  RABBITMQ_MANAGEMENT_PORT=15672
#   RABBITMQ_USER=guest  RABBITMQ_PASSWORD=guest  RABBITMQ_START_TIMEOUT=60 (seconds, per wait)
set -euo pipefail

LOG_PREFIX="[rabbitmq]"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HOST=${RABBITMQ_HOST:-127.0.0.1}
PORT=${RABBITMQ_PORT:-5672}
MGMT_PORT=${RABBITMQ_MANAGEMENT_PORT:-15672}
MGMT_URL="http://$HOST:$MGMT_PORT"
USER_NAME=${RABBITMQ_USER:-guest}
USER_PASSWORD=${RABBITMQ_PASSWORD:-guest}
TIMEOUT=${RABBITMQ_START_TIMEOUT:-60}
PLUGINS=(rabbitmq_amqp1_0 rabbitmq_management)

T0=$(now_ms)
DID=()

# curl and python3 are needed for the checks; install them together with the server when possible.
if ! command -v curl >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    if command -v rabbitmq-server >/dev/null 2>&1; then
        ensure_cmds curl:curl python3:python3
    else
        ensure_cmds curl:curl python3:python3 rabbitmq-server:rabbitmq-server
        DID+=("installed rabbitmq-server")
    fi
fi

mgmt_status() { http_code "$MGMT_URL/api/overview" -u "$USER_NAME:$USER_PASSWORD"; }

summary() {
    local node
    node=$(curl -s --max-time 5 -u "$USER_NAME:$USER_PASSWORD" "$MGMT_URL/api/overview" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d.get("object_totals",{}); print(d.get("node","?"), "RabbitMQ", d.get("rabbitmq_version","?") + ",", t.get("connections","?"), "connection(s) open,", d.get("queue_totals",{}).get("messages",0), "message(s) queued")' \
        2>/dev/null || echo "?")
    local did="nothing to do (already running)"
    if [ ${#DID[@]} -gt 0 ]; then did=$(IFS=,; echo "${DID[*]}"); did=${did//,/, }; fi
    log "ready: $node; AMQP 1.0 on $HOST:$PORT; management $MGMT_URL ($USER_NAME)"
    # A resource alarm blocks every publisher: say so before a test times out on it.
    if [ "$(http_code "$MGMT_URL/api/health/checks/alarms" -u "$USER_NAME:$USER_PASSWORD")" = 503 ]; then
        warn "the node has a resource alarm (memory or disk): publishers are blocked; see rabbitmq-diagnostics alarms"
    fi
    log "did: $did; took $(since "$T0")"
}

# Fast path, no root needed: an AMQP 1.0 login works and the management API answers.
first_probe=$(amqp_probe "$HOST" "$PORT" "$USER_NAME" "$USER_PASSWORD")
first_mgmt=$(mgmt_status)
if [ "$first_probe" = amqp-1.0 ] && [ "$first_mgmt" = 200 ]; then
    summary
    exit 0
fi
log "not ready yet: AMQP $HOST:$PORT -> $first_probe; management $MGMT_URL -> HTTP $first_mgmt"

# 1. Install.
if ! command -v rabbitmq-server >/dev/null 2>&1 || ! command -v rabbitmqctl >/dev/null 2>&1; then
    log "rabbitmq-server is not installed"
    apt_install rabbitmq-server
    DID+=("installed rabbitmq-server")
fi

require_root "sudo $0" \
    "(or: sudo rabbitmq-plugins enable ${PLUGINS[*]} --offline && sudo rabbitmq-server -detached)"

SYSTEMD=false
[ -d /run/systemd/system ] && SYSTEMD=true

node_running() { rabbitmqctl -q ping >/dev/null 2>&1; }

show_logs() {
    local f
    for f in /var/log/rabbitmq/startup_err /var/log/rabbitmq/startup_log; do
        [ -s "$f" ] && { warn "--- $f:"; tail -n 20 "$f" >&2; }
    done
    for f in /var/log/rabbitmq/*.log; do
        case "$f" in *_upgrade.log) continue ;; esac
        [ -s "$f" ] && { warn "--- last lines of $f:"; tail -n 30 "$f" >&2; }
    done
    return 0
}

# 2. Start (plugins are enabled offline first, so the node boots with them).
if node_running; then
    log "node is running"
    if rabbitmq-plugins -q is_enabled "${PLUGINS[@]}" >/dev/null 2>&1; then
        log "plugins ${PLUGINS[*]} already enabled"
    else
        t=$(now_ms)
        log "enabling plugins ${PLUGINS[*]} on the running node ..."
        rabbitmq-plugins -q enable "${PLUGINS[@]}" >/dev/null \
            || die "rabbitmq-plugins enable ${PLUGINS[*]} failed"
        DID+=("enabled plugins ($(since "$t"))")
    fi
else
    t=$(now_ms)
    log "node is not running; enabling plugins offline, then starting it"
    rabbitmq-plugins -q enable --offline "${PLUGINS[@]}" >/dev/null \
        || die "rabbitmq-plugins enable --offline ${PLUGINS[*]} failed"
    if $SYSTEMD; then
        log "systemctl start rabbitmq-server ..."
        systemctl start rabbitmq-server || { show_logs; die "systemctl start rabbitmq-server failed"; }
    else
        log "rabbitmq-server -detached ..."
        rabbitmq-server -detached >/dev/null 2>&1 || { show_logs; die "rabbitmq-server -detached failed"; }
    fi
    # await_startup fails at once until the node has registered with epmd: retry until the deadline.
    deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
    until rabbitmqctl -q await_startup --timeout 10 >/dev/null 2>&1; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            show_logs
            die "the node did not finish booting within ${TIMEOUT}s"
        fi
        sleep 0.5
    done
    DID+=("started the node ($(since "$t"))")
fi

# 3. Management API.
t=$(now_ms)
deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
waited=false
while :; do
    code=$(mgmt_status)
    [ "$code" = 200 ] && break
    waited=true
    if [ "$code" = 401 ]; then
        die "management API at $MGMT_URL rejects $USER_NAME/***: set RABBITMQ_USER/RABBITMQ_PASSWORD to an administrator (guest only works from loopback)"
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
        rabbitmq-diagnostics -q listeners >&2 || true
        die "management API $MGMT_URL/api/overview did not answer 200 within ${TIMEOUT}s (last HTTP status $code)"
    fi
    sleep 0.5
done
if $waited; then log "management API answers after $(since "$t")"; else log "management API answers"; fi

# 4. AMQP 1.0 on the expected address.
probe=$(amqp_probe "$HOST" "$PORT" "$USER_NAME" "$USER_PASSWORD")
case "$probe" in
    amqp-1.0) ;;
    amqp-1.0-auth-failed*) die "$HOST:$PORT speaks AMQP 1.0 but refuses $USER_NAME/***: $probe" ;;
    amqp-0-9-1) die "$HOST:$PORT answers AMQP 0-9-1 only: the rabbitmq_amqp1_0 plugin is not active there" ;;
    *)  rabbitmq-diagnostics -q listeners >&2 || true
        die "no AMQP listener on $HOST:$PORT ($probe); check listeners.tcp.* in /etc/rabbitmq/rabbitmq.conf" ;;
esac

summary
