#!/usr/bin/env bash
# Quick run on Payara Micro: the standalone adapter (amqp-ra.rar) first, then the WAR flavour that carries
# the EJB module (Micro cannot deploy EARs). H2 by default; OA_DB=postgresql for PostgreSQL. Build first
# with 'mvn -DskipTests install'. Runs in the foreground; Ctrl-C stops it. Bearer tokens are verified with
# OA_JWT_PUBLIC_KEY, by default the local pair in .work/keys that bin/token signs with.
#   payara-micro.sh [--port 8080] [extra Payara Micro options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home="$root/.work/micro"
port=8080
if [ "${1:-}" = --port ]; then port=$2; shift 2; fi
# Several instances may run on one machine: the build-log queue is this node's own (node.asadmin).
export OA_BUILD_LOG_QUEUE=${OA_BUILD_LOG_QUEUE:-${OA_QUEUE_PREFIX:-aws:us-east-1}.manager.build_logs.${HOSTNAME:-$(uname -n)}-$port}
payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$root/pom.xml" | head -1)
pg_version=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$root/pom.xml" | head -1)
rar="$root/jms-adapters/amqp-rar/target/amqp-ra.rar"
war="$root/micro/target/openaperture-micro.war"
for f in "$rar" "$war"; do
  [ -f "$f" ] || { echo "[micro] $f is missing: build with 'mvn -DskipTests install'" >&2; exit 1; }
done

mkdir -p "$home"
fetch() { mvn -q -B dependency:copy -Dartifact="$1" -DoutputDirectory="$home" -Dmdep.stripVersion=true >/dev/null; }
[ -f "$home/payara-micro.jar" ] || fetch "fish.payara.extras:payara-micro:$payara_version"
libs=()
if [ "${OA_DB:-h2}" = postgresql ]; then
  [ -f "$home/postgresql.jar" ] || fetch "org.postgresql:postgresql:$pg_version"
  libs=(--addLibs "$home/postgresql.jar")
fi
export OA_H2_FILE=${OA_H2_FILE:-$root/.work/data/openaperture-micro}
if [ -z "${OA_JWT_PUBLIC_KEY:-}" ]; then
  "$root/bin/lib/ensure-jwt-keys.sh" "$root/.work/keys"
  export OA_JWT_PUBLIC_KEY="$root/.work/keys/jwt-public.pem"
fi
"$here/micro-postboot.sh" "$rar" > "$home/postboot.asadmin"
mapfile -t jvm_options < <(grep -v '^[[:space:]]*\(#\|$\)' "$here/jvm-options" || true)
exec java "${jvm_options[@]}" -jar "$home/payara-micro.jar" --nocluster --port "$port" --rootdir "$home/runtime" \
  "${libs[@]}" --postbootcommandfile "$home/postboot.asadmin" --deploy "$war" "$@"
