#!/usr/bin/env bash
# The keys that seal broker connection passwords at rest, kept in a directory MicroProfile Config can read
# as it is (Payara's directory config source: one file per setting, named like the setting):
#   DIR/openaperture.secrets.current-key   the id of the key new secrets are sealed under
#   DIR/openaperture.secrets.key.<id>      Base64 of 32 random bytes
# DIR is mode 0700, the files 0600. Payara Micro reads DIR directly (set-config-dir, micro-postboot.sh);
# on Payara Server 'install' stores the keys as password aliases (secrets.asadmin).
#
#   secret-keys.sh ensure DIR        a current key in DIR, generated when there is none; prints its id
#   secret-keys.sh new DIR [ID]      adds a new key to DIR (not yet current; ID defaults to k<UTC time>);
#                                    prints its id
#   secret-keys.sh use DIR ID        makes ID, a key of DIR, the current one
#   secret-keys.sh install [--asadmin PATH] [--port ADMIN_PORT] [--passwordfile FILE] [--current ID] DIR [ID...]
#                                    stores the keys of DIR (or only the ids given) as password aliases in a
#                                    running Payara Server domain and makes --current (default: DIR's current
#                                    key) the current key there. --passwordfile: asadmin's own password file
#                                    (AS_ADMIN_PASSWORD) when the admin user has a password.
# No key is ever printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LOG_PREFIX="[secrets]"
# shellcheck source=../../bin/lib/common.sh
. "$here/../../bin/lib/common.sh"
export TERM=${TERM:-dumb}

current_file() { echo "$1/openaperture.secrets.current-key"; }
key_file() { echo "$1/openaperture.secrets.key.$2"; }
valid_id() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || die "'$1' is not a key id: use letters, digits, '.', '_' or '-'"; }

new_key() { # DIR [ID]
  local dir=$1 id=${2:-} n=1
  if [ -z "$id" ]; then
    id=k$(date -u +%Y%m%d%H%M%S)
    # Two keys within a second (a rotation right after the first key) get a suffix.
    while [ -e "$(key_file "$dir" "$id")" ]; do n=$((n + 1)); id=${id%-*}-$n; done
  fi
  valid_id "$id"
  ensure_cmd openssl openssl >&2
  mkdir -p "$dir" && chmod 700 "$dir"
  [ ! -e "$(key_file "$dir" "$id")" ] || die "key $id already exists in $dir"
  # umask, not chmod afterwards: the key is never readable by others, not even for a moment.
  (umask 077 && openssl rand -base64 32 | tr -d '\n' > "$(key_file "$dir" "$id")")
  echo "$id"
}

use_key() { # DIR ID
  [ -f "$(key_file "$1" "$2")" ] || die "there is no key $2 in $1"
  (umask 077 && printf '%s' "$2" > "$(current_file "$1")")
}

ensure() { # DIR
  local dir=$1 id
  if [ -f "$(current_file "$dir")" ]; then
    id=$(cat "$(current_file "$dir")")
    [ -f "$(key_file "$dir" "$id")" ] || die "$dir names $id as the current key but has no file $(key_file "$dir" "$id")"
  else
    id=$(new_key "$dir")
    use_key "$dir" "$id"
    log "generated key $id in $dir" >&2
  fi
  echo "$id"
}

install() {
  local asadmin=asadmin port=4848 passwordfile="" current="" dir ids=() id aliases
  while [ $# -gt 0 ]; do
    case "$1" in
      --asadmin) asadmin=$2; shift 2;; --port) port=$2; shift 2;;
      --passwordfile) passwordfile=$2; shift 2;; --current) current=$2; shift 2;;
      -*) die "unknown option $1";;
      *) break;;
    esac
  done
  dir=${1:?usage: secret-keys.sh install [options] DIR [ID...]}; shift
  if [ $# -gt 0 ]; then ids=("$@"); else
    for f in "$dir"/openaperture.secrets.key.*; do [ -f "$f" ] && ids+=("${f##*/openaperture.secrets.key.}"); done
  fi
  [ ${#ids[@]} -gt 0 ] || die "no keys in $dir: run 'secret-keys.sh ensure $dir' first"
  [ -n "$current" ] || current=$(cat "$(current_file "$dir")")
  aliases=$("$asadmin" --port "$port" ${passwordfile:+--passwordfile "$passwordfile"} list-password-aliases)
  tmp=$(mktemp -d)
  # The password file holds a key: it never outlives this script.
  trap 'rm -rf "$tmp"' EXIT
  for id in "${ids[@]}"; do
    valid_id "$id"
    [ -f "$(key_file "$dir" "$id")" ] || die "there is no key $id in $dir"
    if grep -qx "openaperture.secrets.key.$id" <<<"$aliases"; then
      die "password alias openaperture.secrets.key.$id already exists in this domain: use another key id"
    fi
    (umask 077
     { [ -z "$passwordfile" ] || grep -v '^AS_ADMIN_ALIASPASSWORD=' "$passwordfile" || true
       printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(cat "$(key_file "$dir" "$id")")"; } > "$tmp/passwords")
    OA_SECRETS_KEY_ID=$id OA_SECRETS_CURRENT_KEY=$current OA_ESCAPE=multimode \
      "$here/render.sh" "$here/secrets.asadmin" > "$tmp/secrets.asadmin"
    "$asadmin" --port "$port" --passwordfile "$tmp/passwords" multimode --file "$tmp/secrets.asadmin" >/dev/null
    rm -f "$tmp/passwords"
  done
  log "keys ${ids[*]} stored as password aliases; current key $current"
}

action=${1:?usage: secret-keys.sh ensure|new|use|install ...}; shift
case "$action" in
  ensure) ensure "${1:?usage: secret-keys.sh ensure DIR}";;
  new) new_key "${1:?usage: secret-keys.sh new DIR [ID]}" "${2:-}";;
  use) use_key "${1:?usage: secret-keys.sh use DIR ID}" "${2:?usage: secret-keys.sh use DIR ID}";;
  install) install "$@";;
  *) die "usage: secret-keys.sh ensure|new|use|install ...";;
esac
