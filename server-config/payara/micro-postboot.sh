#!/usr/bin/env bash
# Writes the post-boot command file for Payara Micro: the adapter's configuration, the standalone adapter
# (amqp-ra.rar, deployed before the application WAR), its connection pool, and the JDBC pool (H2 by
# default, PostgreSQL with OA_DB=postgresql) and the node's identity. Values come from OA_* variables as in
# render.sh.
# Usage: micro-postboot.sh PATH/TO/amqp-ra.rar > postboot.asadmin
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export OA_RA=amqp-ra
"$here/render.sh" "$here/amqp-adapter-config.asadmin"
echo "deploy --name amqp-ra $rar"
"$here/render.sh" "$here/amqp-connection-pool.asadmin" "$here/jdbc-${OA_DB:-h2}.asadmin" "$here/node.asadmin"
