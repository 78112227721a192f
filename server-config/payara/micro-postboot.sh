#!/usr/bin/env bash
# Writes the post-boot command file for Payara Micro: the adapter's configuration, the standalone adapter
# (amqp-ra.rar, deployed before the application WAR), its connection pool, and the JDBC pool (H2 by
# default, PostgreSQL with OA_DB=postgresql), the node's identity, the key and issuer of the API's bearer
# tokens (OA_JWT_PUBLIC_KEY, required) and the keys that seal secrets at rest (read by MicroProfile Config
# straight from OA_SECRETS_DIR, default .work/keys, generated when missing). Values come from OA_* variables
# as in render.sh.
# Usage: micro-postboot.sh PATH/TO/amqp-ra.rar > postboot.asadmin
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export OA_RA=amqp-ra
"$here/render.sh" "$here/amqp-adapter-config.asadmin"
echo "deploy --name amqp-ra $rar"
"$here/render.sh" "$here/amqp-connection-pool.asadmin" "$here/jdbc-${OA_DB:-h2}.asadmin" "$here/node.asadmin" \
  "$here/jwt.asadmin" "$here/openapi.asadmin"
secrets=${OA_SECRETS_DIR:-$here/../../.work/keys}
"$here/secret-keys.sh" ensure "$secrets" >/dev/null
echo "set-config-dir --directory $(cd "$secrets" && pwd)"
