#!/usr/bin/env bash
# The keys that seal secrets at rest, on WildFly: the counterpart of Payara Server's password aliases. The key
# directory (server-config/payara/secret-keys.sh: one file per key, mode 0600) stays the operator's copy; the
# server configuration holds each key only as an Elytron encrypted expression, a system property
#   openaperture.secrets.key.<id> = ${ENC::openaperture:<token>}
# that the server decrypts as it starts with the secret key of an Elytron credential store
# (openaperture-secrets.cs in the server's configuration folder, mode 0600, made on first use). MicroProfile
# Config reads the decrypted system properties under the same names as on Payara.
#
#   secret-keys.sh cli SERVER_HOME DIR [ID...]
#       prints the jboss-cli commands (secret-keys.cli, then secret-key.cli once per key of DIR, or per ID
#       given) for a fresh configuration; makes the credential store when there is none
#   secret-keys.sh install [--controller HOST:PORT] SERVER_HOME DIR ID
#       adds key ID of DIR to a running server and makes it the current key there (a rotation); the
#       application sees both at once
# No key is printed or passed on a command line: elytron-tool reads it on its standard input.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LOG_PREFIX="[secrets]"
# shellcheck source=../../bin/lib/common.sh
. "$here/../../bin/lib/common.sh"
export TERM=${TERM:-dumb}

STORE=openaperture-secrets.cs

store_file() { echo "$1/standalone/configuration/$STORE"; }
tool() { # SERVER_HOME ARGS...: elytron-tool on the store
  local home=$1; shift
  JBOSS_HOME="$home" "$home/bin/elytron-tool.sh" credential-store --location="$(store_file "$home")" \
    --type=PropertiesCredentialStore "$@"
}

ensure_store() { # SERVER_HOME
  [ -f "$(store_file "$1")" ] && return
  # umask, not chmod afterwards: the store holds the key that decrypts every key, never readable by others.
  (umask 077 && tool "$1" --create --generate-secret-key=key >/dev/null) \
    || die "elytron-tool could not create the credential store $(store_file "$1")"
  log "created the Elytron credential store $(store_file "$1")" >&2
}

token() { # SERVER_HOME KEYFILE: the encrypted expression's token of the key in KEYFILE
  local value out
  value=$(cat "$2")
  out=$(printf '%s\n%s\n' "$value" "$value" | tool "$1" --encrypt=key 2>&1) \
    || die "elytron-tool could not encrypt $(basename "$2")"
  sed -n "s/.*token '\([^']*\)'.*/\1/p" <<<"$out" | head -1 | grep . \
    || die "elytron-tool printed no token for $(basename "$2")"
}

key_ids() { # DIR [ID...]
  local dir=$1 f; shift
  if [ $# -gt 0 ]; then printf '%s\n' "$@"; return; fi
  for f in "$dir"/openaperture.secrets.key.*; do [ -f "$f" ] && echo "${f##*/openaperture.secrets.key.}"; done
}

key_commands() { # SERVER_HOME DIR ID...: secret-key.cli rendered for each key
  local home=$1 dir=$2 id file; shift 2
  for id in "$@"; do
    file="$dir/openaperture.secrets.key.$id"
    [ -f "$file" ] || die "there is no key $id in $dir"
    OA_SECRETS_KEY_ID=$id OA_SECRETS_KEY_TOKEN=$(token "$home" "$file") OA_ESCAPE=cli \
      "$here/../payara/render.sh" "$here/secret-key.cli"
  done
}

cli() { # SERVER_HOME DIR [ID...]
  local home=${1:?usage: secret-keys.sh cli SERVER_HOME DIR [ID...]} dir=${2:?usage: secret-keys.sh cli SERVER_HOME DIR [ID...]} ids
  shift 2
  mapfile -t ids < <(key_ids "$dir" "$@")
  [ ${#ids[@]} -gt 0 ] || die "no keys in $dir: run 'server-config/payara/secret-keys.sh ensure $dir' first"
  ensure_store "$home"
  OA_SECRETS_STORE=$STORE OA_SECRETS_CURRENT_KEY=$(cat "$dir/openaperture.secrets.current-key") OA_ESCAPE=cli \
    "$here/../payara/render.sh" "$here/secret-keys.cli"
  key_commands "$home" "$dir" "${ids[@]}"
}

install() { # [--controller HOST:PORT] SERVER_HOME DIR ID
  local controller=127.0.0.1:9990 home dir id file status=0
  if [ "${1:-}" = --controller ]; then controller=$2; shift 2; fi
  home=${1:?usage: secret-keys.sh install [--controller HOST:PORT] SERVER_HOME DIR ID}
  dir=${2:?usage: secret-keys.sh install [--controller HOST:PORT] SERVER_HOME DIR ID}
  id=${3:?usage: secret-keys.sh install [--controller HOST:PORT] SERVER_HOME DIR ID}
  [ -f "$(store_file "$home")" ] || die "$(store_file "$home") is missing: is $home the server the node runs on?"
  file=$(mktemp)
  { key_commands "$home" "$dir" "$id"
    echo "/system-property=openaperture.secrets.current-key:write-attribute(name=value, value=$id)"; } > "$file"
  JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --connect --controller="$controller" --file="$file" >/dev/null \
    || status=$?
  rm -f "$file"
  [ "$status" -eq 0 ] || die "jboss-cli could not add key $id on $controller"
  log "key $id stored as an encrypted system property on $controller; current key $id"
}

action=${1:?usage: secret-keys.sh cli|install ...}; shift
case "$action" in
  cli) cli "$@";;
  install) install "$@";;
  *) die "usage: secret-keys.sh cli|install ...";;
esac
