#!/usr/bin/env bash
# Runs OpenAperture's EAR on WildFly: installs the server from Maven Central, writes a fresh server configuration
# from standalone-full.xml with the jboss-cli files of this folder (applied offline, in an embedded server),
# starts the server and deploys the EAR; the counterpart of server-config/payara/payara-server.sh.
#
#   wildfly-server.sh up   [--home DIR] [--port-offset N] [--db h2|postgresql] [--ear FILE]
#   wildfly-server.sh down [--home DIR]
#
# up stops a running server and rewrites its configuration (openaperture.xml) from scratch, so the server always
# runs exactly the configuration in these files; the H2 database lives outside it (OA_H2_FILE, default
# HOME/data/openaperture). HTTP port = 8080 + offset, management port (console, /health, /metrics) = 9990 +
# offset; --port-offset defaults to OA_PORT_OFFSET, else 0. Database, broker, node and token settings come from
# the same OA_* variables as on Payara (server-config/payara/render.sh renders both). OA_JWT_PUBLIC_KEY is the
# PEM public key that verifies the API's bearer tokens; without it a local key pair is made in HOME/keys. The
# keys that seal secrets at rest live in OA_SECRETS_DIR (default HOME/keys; one is generated when there is none);
# the configuration holds them as Elytron encrypted expressions (secret-keys.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

action=${1:?usage: wildfly-server.sh up|down [options]}; shift
home="$root/.work"; offset=${OA_PORT_OFFSET:-0}; db=h2; ear="$root/ear/target/openaperture.ear"
while [ $# -gt 0 ]; do
  case "$1" in
    --home) home=$2; shift 2;; --port-offset) offset=$2; shift 2;;
    --db) db=$2; shift 2;; --ear) ear=$2; shift 2;;
    *) echo "[wildfly] unknown option $1" >&2; exit 2;;
  esac
done
[[ "$offset" =~ ^[0-9]+$ ]] || { echo "[wildfly] the port offset must be a number: $offset" >&2; exit 2; }
wildfly_version=39.0.1.Final
pg_version=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$root/pom.xml" | head -1)
server_home="$home/wildfly-$wildfly_version"
cli="$server_home/bin/jboss-cli.sh"
state="$server_home/standalone/openaperture.state" # the running server's pid and management port
LOG_PREFIX="[wildfly]"
# shellcheck source=../../bin/lib/common.sh
. "$root/bin/lib/common.sh"
export TERM=${TERM:-dumb}

fetch() { # groupId:artifactId:version[:packaging] into $home/lib
  mvn -q -B dependency:copy -Dartifact="$1" -DoutputDirectory="$home/lib" -Dmdep.stripVersion=true >/dev/null
}

install_server() {
  [ -x "$cli" ] && return
  ensure_cmds unzip:unzip curl:curl
  log "installing WildFly $wildfly_version into $server_home"
  mkdir -p "$home/lib"
  fetch "org.wildfly:wildfly-dist:$wildfly_version:zip"
  (cd "$home" && unzip -q -o lib/wildfly-dist.zip && rm lib/wildfly-dist.zip)
}

down() {
  [ -f "$state" ] || return 0
  local pid mgmt i
  read -r pid mgmt < "$state"
  if kill -0 "$pid" 2>/dev/null; then
    "$cli" --connect --controller="127.0.0.1:$mgmt" --command=':shutdown(timeout=30)' >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    log "server stopped"
  fi
  rm -f "$state"
}

render() { # jboss-cli files, rendered like the asadmin files; the result may hold passwords: callers delete it
  OA_ESCAPE=cli "$root/server-config/payara/render.sh" "$@"
}

configure() { # a fresh openaperture.xml, configured offline in an embedded server
  local file status=0 files=("$here/server.cli" "$here/jdbc-$db.cli" "$here/amqp-adapter.cli" "$here/node.cli"
                              "$here/jwt.cli")
  [ -z "${OA_NODE_BROKER:-}" ] || files+=("$here/node-broker.cli")
  cp "$server_home/standalone/configuration/standalone-full.xml" "$server_home/standalone/configuration/openaperture.xml"
  rm -rf "$server_home/standalone/data/content" "$server_home/standalone/tmp" "$server_home/standalone/deployments/"*
  # A fresh log too, as Payara's new domain has (tests read it); the last run's is kept beside it.
  if [ -f "$server_home/standalone/log/server.log" ]; then
    mv -f "$server_home/standalone/log/server.log" "$server_home/standalone/log/server.log.previous"
  fi
  file=$(mktemp)
  { echo "embed-server --server-config=openaperture.xml --std-out=discard"
    # The datasource names the driver deployment: deployed here, it is there when the server boots (deployed
    # after the start instead, the datasource fails at boot and readiness reports the boot error for good).
    if [ "$db" = postgresql ]; then echo "deploy $home/lib/postgresql.jar --name=postgresql.jar"; fi
    render "${files[@]}"
    "$here/secret-keys.sh" cli "$server_home" "${OA_SECRETS_DIR:-$home/keys}"
    echo "stop-embedded-server"; } > "$file"
  JBOSS_HOME="$server_home" "$cli" --file="$file" >"$home/wildfly-configure.log" 2>&1 || status=$?
  rm -f "$file"
  [ "$status" -eq 0 ] || { tail -n 20 "$home/wildfly-configure.log" >&2; die "the configuration failed (see $home/wildfly-configure.log)"; }
}

wait_ready() { # the server's readiness (every deployment OK) and a connection from the application's datasource
  local url="http://127.0.0.1:$((9990 + offset))/health/ready" i
  # WildFly's MicroProfile Health does not register the checks of a WAR inside an EAR (WFLY-12835), so the
  # application's own database and broker checks do not show here as they do on Payara.
  for i in $(seq 1 "${OA_READY_TIMEOUT:-180}"); do
    if curl -fsS --max-time 5 "$url" 2>/dev/null | grep -q '"openaperture.ear":"OK"' \
       && "$cli" --connect --controller="127.0.0.1:$((9990 + offset))" \
            --command='/subsystem=datasources/data-source=openaperture:test-connection-in-pool' 2>/dev/null \
            | grep -q '"outcome" => "success"'; then
      return 0
    fi
    sleep 1
  done
  die "the application did not become ready: $url answers $(curl -sS --max-time 5 "$url" 2>&1)"
}

up() {
  [ -f "$ear" ] || die "$ear is missing: build it with 'mvn -DskipTests install'"
  install_server
  down
  # Several nodes may run on one machine: the build-log queue is this node's own (node.cli).
  export OA_BUILD_LOG_QUEUE=${OA_BUILD_LOG_QUEUE:-${OA_QUEUE_PREFIX:-aws:us-east-1}.manager.build_logs.${HOSTNAME:-$(uname -n)}-$((8080 + offset))}
  export OA_H2_FILE=${OA_H2_FILE:-$home/data/openaperture}
  if [ -z "${OA_JWT_PUBLIC_KEY:-}" ]; then
    "$root/bin/lib/ensure-jwt-keys.sh" "$home/keys"
    export OA_JWT_PUBLIC_KEY="$home/keys/jwt-public.pem"
  fi
  [ -r "$OA_JWT_PUBLIC_KEY" ] || die "OA_JWT_PUBLIC_KEY=$OA_JWT_PUBLIC_KEY is not a readable file"
  "$root/server-config/payara/secret-keys.sh" ensure "${OA_SECRETS_DIR:-$home/keys}" >/dev/null
  if [ "$db" = postgresql ]; then fetch "org.postgresql:postgresql:$pg_version"; fi
  configure

  local started mgmt=$((9990 + offset)) pid server_ready deploying deployed ready
  started=$(now_ms)
  JBOSS_HOME="$server_home" nohup "$server_home/bin/standalone.sh" -c openaperture.xml \
    -Djboss.socket.binding.port-offset="$offset" -Djboss.bind.address=127.0.0.1 \
    -Djboss.bind.address.management=127.0.0.1 >"$home/wildfly-console.log" 2>&1 &
  pid=$!
  echo "$pid $mgmt" > "$state"
  for _ in $(seq 1 120); do
    "$cli" --connect --controller="127.0.0.1:$mgmt" --command=':read-attribute(name=server-state)' 2>/dev/null \
      | grep -q '"result" => "running"' && break
    kill -0 "$pid" 2>/dev/null || die "the server exited: see $home/wildfly-console.log"
    sleep 1
  done
  server_ready=$(since "$started") deploying=$(now_ms)
  "$cli" --connect --controller="127.0.0.1:$mgmt" --command="deploy $ear --name=openaperture.ear --force" >/dev/null \
    || die "the deployment failed: see $server_home/standalone/log/server.log"
  deployed=$(since "$deploying")
  wait_ready
  ready=$(since "$started")
  log "server up in $server_ready, EAR deployed in $deployed, ready in $ready:" \
      "http://127.0.0.1:$((8080 + offset))/ (management console http://127.0.0.1:$mgmt/)"
  echo "FIGURE WildFly $wildfly_version: start to /health/ready UP in $ready (server running after $server_ready," \
       "EAR deployed in $deployed)"
}

memory_figure() { # the server's resident memory as it stops (after a test suite, say)
  [ -f "$state" ] || return 0
  local pid java
  read -r pid _ < "$state"
  # standalone.sh runs the JVM as its child.
  java=$(ps -o pid=,comm= --ppid "$pid" 2>/dev/null | awk '$2 == "java" { print $1; exit }')
  [ -n "$java" ] || return 0
  echo "FIGURE WildFly $wildfly_version: resident memory before stop $(( $(ps -o rss= -p "$java") / 1024 )) MiB"
}

case "$action" in
  up) up;;
  down) memory_figure; down;;
  *) echo "usage: wildfly-server.sh up|down [options]" >&2; exit 2;;
esac
