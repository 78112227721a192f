#!/usr/bin/env bash
# Renders asadmin command files: replaces @NAME@ with the value of environment variable OA_NAME (or the
# default below) and escapes ':' in values as asadmin property lists require. asadmin multimode reads one
# more level of backslashes than Payara Micro's post-boot files: OA_ESCAPE=multimode doubles them.
# OA_ESCAPE=cli renders WildFly jboss-cli files (server-config/wildfly/*.cli) instead: values stand in double
# quotes there, so only '"' and '\' are escaped.
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
# WRITE_DELAY=0: a commit is written to the file before it returns. H2's default (500 ms later) loses the last
# commits to a kill -9, and the messages they acknowledged with them.
OA_H2_URL="jdbc:h2:$OA_H2_FILE;WRITE_DELAY=0"
: "${OA_DB_HOST:=127.0.0.1}"
: "${OA_DB_PORT:=5432}"
: "${OA_DB_NAME:=openaperture}"
: "${OA_DB_USER:=openaperture}"
: "${OA_DB_PASSWORD:=openaperture}"
: "${OA_NODE_EXCHANGE:=US-EAST-1}"
: "${OA_QUEUE_PREFIX:=aws:us-east-1}"
: "${OA_FAILOVER_QUEUE_PREFIX:=$OA_QUEUE_PREFIX}"
: "${OA_FAIL_BACK:=false}"
: "${OA_FAIL_BACK_INTERVAL:=PT1M}"
: "${OA_NODE_COMPONENTS:=manager}"
# The orchestrator's consumer follows the node's components unless set explicitly.
case ",${OA_NODE_COMPONENTS// /}," in
  *,workflow_orchestrator,*) : "${OA_ORCHESTRATOR_ENABLED:=true}";;
  *) : "${OA_ORCHESTRATOR_ENABLED:=false}";;
esac
: "${OA_HEARTBEAT_INTERVAL:=PT30S}"
: "${OA_MODULES_INACTIVE_AFTER:=PT10M}"
: "${OA_MODULES_REMOVE_AFTER:=PT20M}"
: "${OA_MODULES_SWEEP_INTERVAL:=PT30S}"
: "${OA_RPC_TIMEOUT:=PT30S}"
# Every Manager node needs a build-log queue of its own; the scripts that know the node's port add it.
: "${OA_BUILD_LOG_QUEUE:=$OA_QUEUE_PREFIX.manager.build_logs.${HOSTNAME:-$(uname -n)}}"
# A node consumes the notification queues when it runs the notifications component.
case ",${OA_NODE_COMPONENTS// /}," in
  *,notifications,*) : "${OA_NOTIFICATIONS_ENABLED:=true}";;
  *) : "${OA_NOTIFICATIONS_ENABLED:=false}";;
esac
case ",${OA_NODE_COMPONENTS// /}," in
  *,fleet_manager,*) : "${OA_FLEET_MANAGER_ENABLED:=true}";;
  *) : "${OA_FLEET_MANAGER_ENABLED:=false}";;
esac
case ",${OA_NODE_COMPONENTS// /}," in
  *,builder,*) : "${OA_BUILDER_ENABLED:=true}";;
  *) : "${OA_BUILDER_ENABLED:=false}";;
esac
case ",${OA_NODE_COMPONENTS// /}," in
  *,deployer,*) : "${OA_DEPLOYER_ENABLED:=true}";;
  *) : "${OA_DEPLOYER_ENABLED:=false}";;
esac
case ",${OA_NODE_COMPONENTS// /}," in
  *,deploy_oa,*) : "${OA_DEPLOY_OA_ENABLED:=true}";;
  *) : "${OA_DEPLOY_OA_ENABLED:=false}";;
esac
# Units run nowhere unless asked: local-process runs the ExecStart commands of deployment repos on this machine.
: "${OA_DEPLOYER_TARGET:=simulated}"
: "${OA_DEPLOYER_WORK_DIR:=${TMPDIR:-/tmp}/openaperture-deployer}"
: "${OA_DEPLOYER_MONITOR_INTERVAL:=PT60S}"
: "${OA_DEPLOYER_MONITOR_ATTEMPTS:=30}"
: "${OA_DEPLOYER_RECHECK_INTERVAL:=PT10S}"
# The Overseer (its queue, the upgrade monitor and the health checks) follows the node's components too.
case ",${OA_NODE_COMPONENTS// /}," in
  *,overseer,*) : "${OA_OVERSEER_ENABLED:=true}";;
  *) : "${OA_OVERSEER_ENABLED:=false}";;
esac
: "${OA_OVERSEER_UPGRADE_MONITOR_INTERVAL:=PT1M}"
: "${OA_OVERSEER_HEALTH_INTERVAL:=PT5M}"
: "${OA_SECRETS_KEY_ID:=k1}"
: "${OA_SECRETS_CURRENT_KEY:=$OA_SECRETS_KEY_ID}"
: "${OA_JWT_ISSUER:=openaperture}"
# The key that verifies bearer tokens has no default: a made-up one would only reject every token.
if [ -z "${OA_JWT_PUBLIC_KEY:-}" ] && grep -q '@JWT_PUBLIC_KEY@' "$@"; then
  echo "[render] OA_JWT_PUBLIC_KEY is not set: give the path of the PEM public key that verifies tokens" >&2
  exit 1
fi
# Payara resolves the key location as a class path resource or a URL, never as a file path.
case "${OA_JWT_PUBLIC_KEY:-}" in
  '') ;;
  /*) OA_JWT_PUBLIC_KEY="file:$OA_JWT_PUBLIC_KEY";;
  *:*) ;;
  *) OA_JWT_PUBLIC_KEY="file:$(pwd)/$OA_JWT_PUBLIC_KEY";;
esac

colon='\\\\:' equals='\\\\='
[ "${OA_ESCAPE:-postboot}" = multimode ] && colon='\\\\\\\\:' equals='\\\\\\\\='
escape() { printf '%s' "$1" | sed -e 's/[\\/&]/\\&/g' -e "s/:/$colon/g" -e "s/=/$equals/g"; }
if [ "${OA_ESCAPE:-postboot}" = cli ]; then
  escape() { printf '%s' "$1" | sed -e 's/[\\"]/\\&/g' -e 's/[\\/&]/\\&/g'; }
fi

# Consumer failover (optional): the adapter's failover broker, only when OA_FAILOVER_AMQP_URL is set.
failover_properties=""
if [ -n "${OA_FAILOVER_AMQP_URL:-}" ]; then
  interval_ms=$(( $(printf '%s' "$OA_FAIL_BACK_INTERVAL" | sed -n 's/^PT\([0-9]*\)S$/\1/p;s/^PT\([0-9]*\)M$/\1*60/p') ))
  [ "$interval_ms" -gt 0 ] || { echo "[render] OA_FAIL_BACK_INTERVAL must be PT<n>S or PT<n>M" >&2; exit 1; }
  failover_properties=":FailoverConnectionUrl=$(escape "$OA_FAILOVER_AMQP_URL")"
  failover_properties+=":FailoverUserName=$(escape "${OA_FAILOVER_AMQP_USER:-$OA_AMQP_USER}")"
  failover_properties+=":FailoverPassword=$(escape "${OA_FAILOVER_AMQP_PASSWORD:-$OA_AMQP_PASSWORD}")"
  failover_properties+=":FailoverAfterAttempts=${OA_FAILOVER_AFTER_ATTEMPTS:-5}:FailBack=$OA_FAIL_BACK"
  failover_properties+=":FailBackInterval=$((interval_ms * 1000))"
  if [ "${OA_ESCAPE:-postboot}" = cli ]; then # one jboss-cli line per property (server-config/wildfly/amqp-adapter.cli)
    ra='\/subsystem=resource-adapters\/resource-adapter=amqp-ra\/config-properties='
    failover_properties="\\n${ra}FailoverConnectionUrl:add(value=\"$(escape "$OA_FAILOVER_AMQP_URL")\")"
    failover_properties+="\\n${ra}FailoverUserName:add(value=\"$(escape "${OA_FAILOVER_AMQP_USER:-$OA_AMQP_USER}")\")"
    failover_properties+="\\n${ra}FailoverPassword:add(value=\"$(escape "${OA_FAILOVER_AMQP_PASSWORD:-$OA_AMQP_PASSWORD}")\")"
    failover_properties+="\\n${ra}FailoverAfterAttempts:add(value=\"${OA_FAILOVER_AFTER_ATTEMPTS:-5}\")"
    failover_properties+="\\n${ra}FailBack:add(value=\"$OA_FAIL_BACK\")"
    failover_properties+="\\n${ra}FailBackInterval:add(value=\"$((interval_ms * 1000))\")"
  fi
fi

args=(-e "s/@FAILOVER_PROPERTIES@/$failover_properties/g")
for name in RA AMQP_URL AMQP_USER AMQP_PASSWORD AMQP_DIALECT MAX_DELIVERY_ATTEMPTS REDELIVERY_INITIAL_DELAY \
            H2_URL DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD NODE_EXCHANGE QUEUE_PREFIX JWT_PUBLIC_KEY JWT_ISSUER \
            FAILOVER_QUEUE_PREFIX FAIL_BACK FAIL_BACK_INTERVAL NODE_BROKER \
            NODE_COMPONENTS HEARTBEAT_INTERVAL MODULES_INACTIVE_AFTER MODULES_REMOVE_AFTER MODULES_SWEEP_INTERVAL \
            NOTIFICATIONS_ENABLED FLEET_MANAGER_ENABLED ORCHESTRATOR_ENABLED BUILDER_ENABLED \
            DEPLOYER_ENABLED DEPLOY_OA_ENABLED DEPLOYER_TARGET DEPLOYER_WORK_DIR DEPLOYER_MONITOR_INTERVAL \
            DEPLOYER_MONITOR_ATTEMPTS DEPLOYER_RECHECK_INTERVAL \
            OVERSEER_ENABLED OVERSEER_UPGRADE_MONITOR_INTERVAL OVERSEER_HEALTH_INTERVAL \
            SECRETS_KEY_ID SECRETS_CURRENT_KEY SECRETS_KEY_TOKEN SECRETS_STORE RPC_TIMEOUT BUILD_LOG_QUEUE; do
  var="OA_$name"
  value="${!var:-}"
  # The adapter's module id is a name, not a property value: no escaping.
  if [ "$name" = RA ]; then args+=(-e "s/@$name@/$(printf '%s' "$value" | sed 's/[\/&]/\\&/g')/g");
  else args+=(-e "s/@$name@/$(escape "$value")/g"); fi
done
sed "${args[@]}" "$@" | grep -v '^#' | grep -v '^[[:space:]]*$'
