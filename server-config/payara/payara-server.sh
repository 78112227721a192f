#!/usr/bin/env bash
# Runs OpenAperture's EAR on Payara Server: installs the server from Maven Central, creates a domain, applies
# the asadmin command files of this folder and deploys the EAR.
#
#   payara-server.sh up   [--home DIR] [--domain NAME] [--portbase N] [--db h2|postgresql] [--ear FILE]
#   payara-server.sh down [--home DIR] [--domain NAME]
#
# up recreates the domain from scratch (the H2 database lives outside it, in OA_H2_FILE), so the server always
# runs exactly the configuration in these files (the first domain created is kept as a template and copied).
# Admin port = portbase+48, HTTP port = portbase+80.
# Database and broker settings come from OA_* variables (see render.sh). OA_JWT_PUBLIC_KEY is the PEM public key
# that verifies the API's bearer tokens; without it a local key pair is made in HOME/keys (bin/token signs with it).
# The keys that seal secrets at rest live outside the domain, in OA_SECRETS_DIR (default HOME/keys; one is
# generated when there is none), and are stored in the domain as password aliases (secret-keys.sh install).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

action=${1:?usage: payara-server.sh up|down [options]}; shift
home="$root/.work"; domain=openaperture; portbase=8000; db=h2; ear="$root/ear/target/openaperture.ear"
while [ $# -gt 0 ]; do
  case "$1" in
    --home) home=$2; shift 2;; --domain) domain=$2; shift 2;; --portbase) portbase=$2; shift 2;;
    --db) db=$2; shift 2;; --ear) ear=$2; shift 2;;
    *) echo "[payara] unknown option $1" >&2; exit 2;;
  esac
done
admin_port=$((portbase + 48)); http_port=$((portbase + 80))
# Several domains may run on one machine: the build-log queue is this node's own (node.asadmin).
export OA_BUILD_LOG_QUEUE=${OA_BUILD_LOG_QUEUE:-${OA_QUEUE_PREFIX:-aws:us-east-1}.manager.build_logs.${HOSTNAME:-$(uname -n)}-$http_port}
payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$root/pom.xml" | head -1)
pg_version=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$root/pom.xml" | head -1)
asadmin="$home/payara6/bin/asadmin"
LOG_PREFIX="[payara]"
# shellcheck source=../../bin/lib/common.sh
. "$root/bin/lib/common.sh"
export TERM=${TERM:-dumb}

fetch() { # groupId:artifactId:version[:packaging] into $home/lib
  mvn -q -B dependency:copy -Dartifact="$1" -DoutputDirectory="$home/lib" -Dmdep.stripVersion=true >/dev/null
}

install_server() {
  [ -x "$asadmin" ] && return
  ensure_cmds unzip:unzip curl:curl
  log "installing Payara Server $payara_version into $home/payara6"
  mkdir -p "$home/lib"
  fetch "fish.payara.distributions:payara:$payara_version:zip"
  (cd "$home" && unzip -q -o lib/payara.zip && rm lib/payara.zip)
}

domain_dir() { echo "$home/payara6/glassfish/domains/$domain"; }

down() {
  if [ -d "$(domain_dir)" ]; then
    "$asadmin" stop-domain "$domain" >/dev/null 2>&1 || true
    log "domain $domain stopped"
  fi
}

apply() { # asadmin command files, rendered; the rendered file holds passwords, so it never outlives the call
  local file status=0
  file=$(mktemp)
  OA_ESCAPE=multimode "$here/render.sh" "$@" > "$file"
  "$asadmin" --port "$admin_port" multimode --file "$file" || status=$?
  rm -f "$file"
  return "$status"
}

create_domain() { # a fresh domain: a copy of the one create-domain made the first time (16 s saved per start)
  local template="$home/payara6/domain-templates/$domain-$portbase"
  rm -rf "$(domain_dir)"
  if [ ! -d "$template" ]; then
    "$asadmin" create-domain --nopassword --portbase "$portbase" "$domain" >/dev/null
    mkdir -p "$(dirname "$template")"
    rm -rf "$template.tmp"
    cp -a "$(domain_dir)" "$template.tmp" && mv "$template.tmp" "$template"
  else
    cp -a "$template" "$(domain_dir)"
  fi
}

harden_offline() { # hardening.asadmin's listener settings, written into domain.xml before the domain starts: set on
  # a running domain they restart its HTTP listeners, and now and then one came back closed ("GrizzlyProxy is NULL")
  local xml settings
  xml="$(domain_dir)/config/domain.xml"
  settings=$(sed -n 's/^set configs\.config\.server-config\.network-config\.protocols\.protocol\.\([^.]*\)\.http\.\([a-z-]*\)=\(.*\)$/\1 \2 \3/p' \
    "$here/hardening.asadmin")
  [ "$(grep -c '^set ' "$here/hardening.asadmin")" -eq "$(printf '%s\n' "$settings" | grep -c .)" ] ||
    die "hardening.asadmin holds a setting other than protocol.<listener>.http.<attribute>=<value>"
  awk -v settings="$settings" '
    BEGIN { n = split(settings, rows, "\n")
            for (i = 1; i <= n; i++) { split(rows[i], f, " "); attrs[f[1]] = attrs[f[1]] " " f[2] "=\"" f[3] "\"" } }
    /<config name="server-config"/ { server = 1 }
    /<\/config>/ { server = 0 }
    server && /<protocol / && match($0, / name="[^"]*"/) { protocol = substr($0, RSTART + 7, RLENGTH - 8) }
    server && /<http / && (protocol in attrs) { sub(/<http /, "<http" attrs[protocol] " "); delete attrs[protocol] }
    { print }
    END { for (p in attrs) { print "no <http> element for protocol " p > "/dev/stderr"; exit 1 } }' \
    "$xml" > "$xml.hardened" || die "could not write hardening.asadmin's settings into $xml"
  mv "$xml.hardened" "$xml"
}

jvm_options_offline() { # the options of jvm-options, written into domain.xml's server-config before the domain starts
  local xml options
  xml="$(domain_dir)/config/domain.xml"
  options=$(grep -v '^[[:space:]]*\(#\|$\)' "$here/jvm-options" || true)
  [ -n "$options" ] || return 0
  awk -v options="$options" '
    BEGIN { n = split(options, rows, "\n") }
    /<config name="server-config"/ { server = 1 }
    /<\/config>/ { server = 0 }
    { print }
    server && !done && /<java-config / { for (i = 1; i <= n; i++) print "        <jvm-options>" rows[i] "</jvm-options>"; done = 1 }
    END { if (!done) { print "no <java-config> in server-config" > "/dev/stderr"; exit 1 } }' \
    "$xml" > "$xml.options" || die "could not write jvm-options into $xml"
  mv "$xml.options" "$xml"
}

wait_ready() { # the application's own readiness checks, not just the server's health endpoint
  local url="http://127.0.0.1:$http_port/health/ready" i
  for i in $(seq 1 "${OA_READY_TIMEOUT:-120}"); do
    curl -fsS --max-time 5 "$url" 2>/dev/null | grep -q '"database"' && return 0
    sleep 1
  done
  die "the application did not become ready: $url answers $(curl -sS --max-time 5 "$url" 2>&1)"
}

up() {
  [ -f "$ear" ] || { echo "[payara] $ear is missing: build it with 'mvn -DskipTests install'" >&2; exit 1; }
  install_server
  down
  create_domain
  if [ "$db" = postgresql ]; then
    fetch "org.postgresql:postgresql:$pg_version"
    cp "$home/lib/postgresql.jar" "$(domain_dir)/lib/"
  fi
  # Administration listens on loopback only unless OA_ADMIN_ADDRESS says otherwise (the domain has no admin
  # password; see docs/operations.md#hardening). Set in domain.xml: the listener takes its address at start.
  local admin_address=${OA_ADMIN_ADDRESS:-127.0.0.1}
  sed -i "s|<network-listener \(.*\)name=\"admin-listener\"|<network-listener address=\"$admin_address\" \1name=\"admin-listener\"|" \
    "$(domain_dir)/config/domain.xml"
  grep -q "address=\"$admin_address\" .*name=\"admin-listener\"" "$(domain_dir)/config/domain.xml" ||
    die "could not bind the administration listener to $admin_address in $(domain_dir)/config/domain.xml"
  harden_offline
  jvm_options_offline
  local started domain_up deploying deployed ready
  started=$(now_ms)
  "$asadmin" start-domain "$domain" >/dev/null
  domain_up=$(since "$started")
  export OA_RA=openaperture#amqp-ra
  if [ -z "${OA_JWT_PUBLIC_KEY:-}" ]; then
    "$root/bin/lib/ensure-jwt-keys.sh" "$home/keys"
    export OA_JWT_PUBLIC_KEY="$home/keys/jwt-public.pem"
  fi
  [ -r "$OA_JWT_PUBLIC_KEY" ] || die "OA_JWT_PUBLIC_KEY=$OA_JWT_PUBLIC_KEY is not a readable file"
  # JWT settings before the deployment: Payara reads them when the application starts.
  apply "$here/jdbc-$db.asadmin" "$here/amqp-adapter-config.asadmin" "$here/node.asadmin" "$here/jwt.asadmin" \
    "$here/openapi.asadmin"
  if [ -n "${OA_NODE_BROKER:-}" ]; then apply "$here/node-broker.asadmin"; fi
  "$here/secret-keys.sh" ensure "${OA_SECRETS_DIR:-$home/keys}" >/dev/null
  "$here/secret-keys.sh" install --asadmin "$asadmin" --port "$admin_port" "${OA_SECRETS_DIR:-$home/keys}"
  deploying=$(now_ms)
  "$asadmin" --port "$admin_port" deploy --name openaperture --force true "$ear" >/dev/null
  deployed=$(since "$deploying")
  apply "$here/amqp-connection-pool.asadmin"
  wait_ready
  ready=$(since "$started")
  log "domain $domain ready in $ready: http://127.0.0.1:$http_port/ (admin console http://$admin_address:$admin_port/, listening on $admin_address only, no admin password)"
  echo "FIGURE Payara Server $payara_version: start to /health/ready UP in $ready (domain running after $domain_up," \
       "EAR deployed in $deployed)"
}

memory_figure() { # the server's resident memory as it stops (after a test suite, say)
  local pid
  pid=$(cat "$(domain_dir)/config/pid" 2>/dev/null) || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  echo "FIGURE Payara Server $payara_version: resident memory before stop $(( $(ps -o rss= -p "$pid") / 1024 )) MiB"
}

case "$action" in
  up) up;;
  down) memory_figure; down;;
  *) echo "usage: payara-server.sh up|down [options]" >&2; exit 2;;
esac
