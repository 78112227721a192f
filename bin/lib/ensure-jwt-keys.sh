#!/usr/bin/env bash
# Make sure DIR holds an RSA key pair for the Manager API's bearer tokens: jwt-private.pem (PKCS#8, mode 600)
# signs tokens (bin/token, the tests), jwt-public.pem verifies them (mp.jwt.verify.publickey.location).
# For local runs and tests: in production the identity provider that issues tokens holds the private key.
#
# Usage: bin/lib/ensure-jwt-keys.sh DIR
#   Creates what is missing; an existing pair is kept.
set -euo pipefail

LOG_PREFIX="[jwt]"
# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir=${1:?usage: ensure-jwt-keys.sh DIR}
private="$dir/jwt-private.pem"
public="$dir/jwt-public.pem"
ensure_cmd openssl openssl
mkdir -p "$dir"

if [ ! -s "$private" ]; then
  # Written under another name and moved, so a reader never sees half a key; umask keeps it private from
  # the first byte.
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private.new" 2>/dev/null)
  mv -f "$private.new" "$private"
  # A public key left from an earlier pair would verify nothing this key signs.
  rm -f "$public"
  log "created an RSA 2048 key pair in $dir"
fi
chmod 600 "$private"
if [ ! -s "$public" ]; then
  openssl pkey -in "$private" -pubout -out "$public.new"
  mv -f "$public.new" "$public"
fi
