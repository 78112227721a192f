#!/usr/bin/env bash
# Rotates the key that seals broker connection passwords at rest, on a running Payara Server node (or, with
# --wildfly, a WildFly node):
#   1. generates a new key (openssl rand, 32 bytes) with a new id (k<UTC time>, or --key-id),
#   2. stores it as password alias openaperture.secrets.key.<id> and makes it the current key
#      (secrets.asadmin through secret-keys.sh install); on WildFly, as an encrypted system property of that
#      name (server-config/wildfly/secret-keys.sh install),
#   3. calls POST <url>/messaging/broker_connections/reencrypt until the node answers with the new key id
#      (Payara caches MicroProfile Config values, 60 s by default: the node may seal under the old key until
#      then), and prints how many passwords were re-encrypted under the new key.
# Old keys stay configured: every password sealed under them must be re-encrypted before they go (README,
# "Secrets", says when and how to remove them).
#
#   rotate-secret-key.sh [--asadmin PATH] [--port ADMIN_PORT | --domain NAME] [--passwordfile FILE]
#                        [--url MANAGER_URL] [--keys DIR] [--key-id ID] [--wait SECONDS] [--reencrypt-only]
#   rotate-secret-key.sh --wildfly SERVER_HOME [--controller HOST:PORT] --keys DIR [--url MANAGER_URL] ...
#
#   --asadmin         asadmin of the node's Payara Server (default: .work/payara6/bin/asadmin when bin/run
#                     installed one, else asadmin on the PATH)
#   --port, --domain  the admin port (default 4848), or the domain whose domain.xml names it
#   --passwordfile    asadmin's password file (AS_ADMIN_PASSWORD) when the admin user has a password
#   --url             the Manager API (default http://127.0.0.1:8080)
#   --keys DIR        also keep the new key in DIR, the key directory the domain is provisioned from
#                     (bin/run: .work/keys); without it the key lives only in the domain's alias store
#   --key-id ID       the new key's id (letters, digits, '.', '_', '-')
#   --wait SECONDS    how long to wait for the node to use the new key (default 90)
#   --reencrypt-only  no new key: re-encrypt what is not yet under the current key (e.g. a while after a
#                     rotation, before removing an old key) and print the count
#   --wildfly         the node runs on the WildFly installed in SERVER_HOME (wildfly-server.sh's); --keys is
#                     needed then: each start writes the configuration again from the key directory
#   --controller      WildFly's management address (default 127.0.0.1:9990)
#
# Prints the number of passwords re-encrypted on stdout, what it does on stderr.
# The Manager call carries "Authorization: Bearer $OA_TOKEN", a token of a caller in role admin.
# OA_AUTHORIZATION, when set, is sent as the whole Authorization value instead (e.g. "Basic ...").
# Neither the key nor the token is ever printed or passed on a command line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
LOG_PREFIX="[rotate]"
# shellcheck source=../../bin/lib/common.sh
. "$root/bin/lib/common.sh"
export TERM=${TERM:-dumb}

asadmin=""; port=""; domain=""; passwordfile=""; url=http://127.0.0.1:8080; keys=""; key_id=""; wait=90
reencrypt_only=false; wildfly=""; controller=127.0.0.1:9990
while [ $# -gt 0 ]; do
  case "$1" in
    --asadmin) asadmin=$2; shift 2;; --port) port=$2; shift 2;; --domain) domain=$2; shift 2;;
    --passwordfile) passwordfile=$2; shift 2;; --url) url=${2%/}; shift 2;; --keys) keys=$2; shift 2;;
    --key-id) key_id=$2; shift 2;; --wait) wait=$2; shift 2;; --reencrypt-only) reencrypt_only=true; shift;;
    --wildfly) wildfly=$2; shift 2;; --controller) controller=$2; shift 2;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;;
    *) die "unknown option $1 (--help lists them)";;
  esac
done
ensure_cmds curl:curl
[ -z "$wildfly" ] || $reencrypt_only || [ -n "$keys" ] \
  || die "--wildfly needs --keys DIR: the server's configuration is written from the key directory at each start"

if [ -z "$asadmin" ]; then
  if [ -x "$root/.work/payara6/bin/asadmin" ]; then asadmin="$root/.work/payara6/bin/asadmin"; else asadmin=asadmin; fi
fi
if [ -z "$port" ] && [ -n "$domain" ]; then
  bin=$(dirname "$(readlink -f "$(command -v "$asadmin")")")
  xml="$bin/../glassfish/domains/$domain/config/domain.xml"
  [ -f "$xml" ] || die "no domain $domain next to $asadmin ($xml): give --port"
  port=$(grep -o '<network-listener [^>]*name="admin-listener"[^>]*>' "$xml" | grep -o 'port="[0-9]*"' | tr -dc 0-9)
  [ -n "$port" ] || die "no admin-listener port in $xml: give --port"
fi
port=${port:-4848}

authorization=${OA_AUTHORIZATION:-${OA_TOKEN:+Bearer $OA_TOKEN}}
[ -n "$authorization" ] || warn "neither OA_TOKEN nor OA_AUTHORIZATION is set: the Manager will refuse the call"
reply=$(mktemp)
trap 'rm -f "$reply"; [ -z "${scratch:-}" ] || rm -rf "$scratch"' EXIT

# POST .../reencrypt; the body goes to $reply, the status is printed. The header travels through curl's
# config on stdin, not argv, so no other user sees the token in the process list.
reencrypt() {
  { [ -z "$authorization" ] || printf 'header = "Authorization: %s"\n' "$authorization"; } |
    curl -sS -o "$reply" -w '%{http_code}' --max-time 120 -X POST -H 'Accept: application/json' \
      --config - "$url/messaging/broker_connections/reencrypt" || echo 000
}
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$reply"; }

call_once() { # prints "count key_id"; dies on anything but 200
  local status
  status=$(reencrypt)
  case "$status" in
    200) echo "$(field reencrypted) $(field key_id)";;
    401|403) die "the Manager refused the re-encryption (HTTP $status): OA_TOKEN must be a token of a caller in role admin";;
    000) die "the Manager does not answer at $url (--url)";;
    *) die "re-encryption failed with HTTP $status: $(field detail)";;
  esac
}

if $reencrypt_only; then
  read -r count current < <(call_once)
  log "re-encrypted $count broker connection password(s) under key $current" >&2
  echo "$count"
  exit 0
fi

if [ -n "$keys" ]; then
  dir=$keys
else
  scratch=$(mktemp -d)
  dir=$scratch
fi
# The new key goes into the key directory first: whatever fails later, it is not lost.
key_id=$("$here/secret-keys.sh" new "$dir" "$key_id")
if [ -n "$wildfly" ]; then
  "$root/server-config/wildfly/secret-keys.sh" install --controller "$controller" "$wildfly" "$dir" "$key_id" >&2
  stored="an encrypted system property"
else
  "$here/secret-keys.sh" install --asadmin "$asadmin" --port "$port" ${passwordfile:+--passwordfile "$passwordfile"} \
    --current "$key_id" "$dir" "$key_id" >/dev/null
  stored="password alias"
fi
[ -z "$keys" ] || "$here/secret-keys.sh" use "$keys" "$key_id"
log "new key $key_id stored as $stored openaperture.secrets.key.$key_id and made current" >&2

started=$SECONDS
while :; do
  read -r count current < <(call_once)
  [ "$current" = "$key_id" ] && break
  if [ $((SECONDS - started)) -ge "$wait" ]; then
    die "after ${wait} s the node still seals under key $current, not $key_id (Payara caches config values, 60 s unless set-config-cache says otherwise): raise --wait, or run --reencrypt-only later"
  fi
  sleep 2
done
log "re-encrypted $count broker connection password(s) under key $key_id (the node used it after $((SECONDS - started)) s)" >&2
log "keep the old keys configured until every node has used $key_id for a config-cache period, run --reencrypt-only once more, then remove them (README, Secrets)" >&2
echo "$count"
