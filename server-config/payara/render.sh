#!/usr/bin/env bash
# Renders asadmin command files: replaces @NAME@ with the value of environment variable OA_NAME (or the
# default below) and escapes ':' in values as asadmin property lists require. asadmin multimode reads one
# more level of backslashes than Payara Micro's post-boot files: OA_ESCAPE=multimode doubles them.
# Usage: render.sh FILE... > rendered.asadmin
set -euo pipefail

: "${OA_RA:=openaperture#amqp-ra}"
: "${OA_AMQP_URL:=amqp://127.0.0.1:5672}"
: "${OA_AMQP_USER:=guest}"
: "${OA_AMQP_PASSWORD:=guest}"
: "${OA_AMQP_DIALECT:=rabbitmq3}"
: "${OA_MAX_DELIVERY_ATTEMPTS:=5}"
: "${OA_REDELIVERY_INITIAL_DELAY:=500}"
instance_root='${com.sun.aas.instanceRoot}'
: "${OA_H2_FILE:=$instance_root/lib/databases/openaperture}"
OA_H2_URL="jdbc:h2:$OA_H2_FILE"
: "${OA_DB_HOST:=127.0.0.1}"
: "${OA_DB_PORT:=5432}"
: "${OA_DB_NAME:=openaperture}"
: "${OA_DB_USER:=openaperture}"
: "${OA_DB_PASSWORD:=openaperture}"
: "${OA_NODE_EXCHANGE:=US-EAST-1}"
: "${OA_QUEUE_PREFIX:=aws:us-east-1}"

colon='\\\\:'
[ "${OA_ESCAPE:-postboot}" = multimode ] && colon='\\\\\\\\:'
escape() { printf '%s' "$1" | sed -e 's/[\\/&]/\\&/g' -e "s/:/$colon/g"; }

args=()
for name in RA AMQP_URL AMQP_USER AMQP_PASSWORD AMQP_DIALECT MAX_DELIVERY_ATTEMPTS REDELIVERY_INITIAL_DELAY \
            H2_URL DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD NODE_EXCHANGE QUEUE_PREFIX; do
  var="OA_$name"
  value="${!var}"
  # The adapter's module id is a name, not a property value: no escaping.
  if [ "$name" = RA ]; then args+=(-e "s/@$name@/$(printf '%s' "$value" | sed 's/[\/&]/\\&/g')/g");
  else args+=(-e "s/@$name@/$(escape "$value")/g"); fi
done
sed "${args[@]}" "$@" | grep -v '^#' | grep -v '^[[:space:]]*$'
