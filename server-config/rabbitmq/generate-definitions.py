#!/usr/bin/env python3
"""Generate the RabbitMQ topology (definitions.json) for the OpenAperture AWS example.

The region list and the component queue names live here and only here;
definitions.json next to this script is this program's output and is committed.

Layout (vhost "/"):
  * durable topic exchange  AWS                       (root exchange, routing key fragment "aws")
  * durable topic exchange  US-EAST-1, US-WEST-1      (one per region, fragment "us-east-1", ...)
  * exchange-to-exchange binding AWS -> <REGION>      key aws.<region>.<component>, every component
  * durable queue  aws:<region>.<component>           dead-letters into <queue>_error
  * durable queue  aws:<region>.<component>_error
  * queue binding  <REGION> -> aws:<region>.<component>  key aws.<region>.<component>
  * exchange-to-exchange binding AWS -> <REGION>      key aws.<region>.build_logs, with no queue: each
    Manager node declares its own build-log queue (aws:<region>.manager.build_logs.<node>) at start
    and binds it to its region's exchange with that key

A publisher sends to exchange AWS with routing key aws.us-east-1.builder; the message
travels AWS -> US-EAST-1 -> queue aws:us-east-1.builder.  A message rejected without
requeue (or expired) goes through the default exchange "" to aws:us-east-1.builder_error.

Usage:
  python3 generate-definitions.py            write definitions.json next to this script
  python3 generate-definitions.py FILE       write FILE ("-" = stdout)
  python3 generate-definitions.py --check    exit 1 if the committed definitions.json is stale
"""

import json
import os
import sys

VHOST = "/"

# (exchange name, routing key fragment)
ROOT_EXCHANGE = ("AWS", "aws")

# (exchange name, routing key fragment); each region has its own exchange bound under the root.
REGIONS = [
    ("US-EAST-1", "us-east-1"),
    ("US-WEST-1", "us-west-1"),
]

# Queue name suffix of every OpenAperture system component (see the seed description).
COMPONENTS = [
    "workflow_orchestration",
    "builder",
    "deployer",
    "deploy_oa",
    "fleet_manager",
    "notifications_hipchat",
    "notifications_email",
    "overseer",
    "system_modules",
]

ERROR_SUFFIX = "_error"

# Build-log lines for the Manager nodes of a region; their queues are per node, not defined here.
BUILD_LOGS = "build_logs"


def routing_key(region_fragment, component):
    return "%s.%s.%s" % (ROOT_EXCHANGE[1], region_fragment, component)


def queue_name(region_fragment, component):
    # aws:us-east-1.builder  -- the ':' needs no escaping in RabbitMQ or in the AMQP 1.0 address
    return "%s:%s.%s" % (ROOT_EXCHANGE[1], region_fragment, component)


def exchange(name):
    return {
        "name": name,
        "vhost": VHOST,
        "type": "topic",
        "durable": True,
        "auto_delete": False,
        "internal": False,
        "arguments": {},
    }


def queue(name, arguments=None):
    return {
        "name": name,
        "vhost": VHOST,
        "durable": True,
        "auto_delete": False,
        "arguments": arguments or {},
    }


def binding(source, destination, destination_type, key):
    return {
        "source": source,
        "vhost": VHOST,
        "destination": destination,
        "destination_type": destination_type,
        "routing_key": key,
        "arguments": {},
    }


def build():
    exchanges = [exchange(ROOT_EXCHANGE[0])]
    queues = []
    bindings = []
    for region_exchange, region_fragment in REGIONS:
        exchanges.append(exchange(region_exchange))
        for component in COMPONENTS:
            key = routing_key(region_fragment, component)
            name = queue_name(region_fragment, component)
            error_name = name + ERROR_SUFFIX
            queues.append(queue(name, {
                # "" is the default exchange: it routes by queue name, so no binding is needed
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": error_name,
            }))
            queues.append(queue(error_name))
            bindings.append(binding(ROOT_EXCHANGE[0], region_exchange, "exchange", key))
            bindings.append(binding(region_exchange, name, "queue", key))
        bindings.append(binding(ROOT_EXCHANGE[0], region_exchange, "exchange",
                                routing_key(region_fragment, BUILD_LOGS)))
    # Same order as GET /api/definitions sections; stable output for a clean git diff.
    return {
        "exchanges": exchanges,
        "queues": queues,
        "bindings": bindings,
    }


def render():
    return json.dumps(build(), indent=2, sort_keys=False) + "\n"


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "definitions.json")
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    text = render()
    if args and args[0] == "--check":
        target = args[1] if len(args) > 1 else default_out
        try:
            with open(target, encoding="utf-8") as f:
                current = f.read()
        except OSError as e:
            print("[rabbitmq] cannot read %s: %s" % (target, e), file=sys.stderr)
            return 1
        if current != text:
            print("[rabbitmq] %s is stale: run python3 %s" % (target, os.path.relpath(__file__)),
                  file=sys.stderr)
            return 1
        print("[rabbitmq] %s is up to date" % target)
        return 0
    out = args[0] if args else default_out
    if out == "-":
        sys.stdout.write(text)
        return 0
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    d = build()
    print("[rabbitmq] wrote %s: %d exchanges, %d queues, %d bindings"
          % (out, len(d["exchanges"]), len(d["queues"]), len(d["bindings"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
