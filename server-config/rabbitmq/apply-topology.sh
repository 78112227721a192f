#!/usr/bin/env bash
# Apply RabbitMQ definitions (exchanges, queues, bindings) through the management API and verify them.
#
# Usage: server-config/rabbitmq/apply-topology.sh [--verify-routing] [definitions.json] [management-url]
#   definitions.json  default: definitions.json next to this script (the seed's topology as the Manager lays it
#                     out: GET /messaging/topology; TopologyPlanTest checks that it is current)
#   management-url    default: $RABBITMQ_MANAGEMENT_URL or http://127.0.0.1:15672
#   --verify-routing  also publish one test message to exchange AWS with key aws.us-east-1.deploy_oa,
#                     check it was routed into aws:us-east-1.deploy_oa, reject it so that it is
#                     dead-lettered into aws:us-east-1.deploy_oa_error, and take it out of there
#                     (nothing is left behind). Refuses when those queues hold messages or have
#                     consumers. Override with VERIFY_EXCHANGE, VERIFY_ROUTING_KEY, VERIFY_QUEUE.
# Environment: RABBITMQ_USER / RABBITMQ_PASSWORD (default guest/guest).
# Applying twice is harmless: RabbitMQ declares idempotently. A queue that already exists with
# other arguments is NOT changed by RabbitMQ; the verification reports it and the script fails.
set -euo pipefail

LOG_PREFIX="[rabbitmq]"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../../bin/lib/common.sh
. "$HERE/../../bin/lib/common.sh"

usage() { sed -n '2,/^[^#]/p' "${BASH_SOURCE[0]}" | sed -n 's/^# \{0,1\}//p'; }

VERIFY_ROUTING=false
POSITIONAL=()
for arg in "$@"; do
    case "$arg" in
        --verify-routing) VERIFY_ROUTING=true ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option $arg" ;;
        *) POSITIONAL+=("$arg") ;;
    esac
done
[ ${#POSITIONAL[@]} -le 2 ] || { usage >&2; die "too many arguments"; }
DEFS=${POSITIONAL[0]:-$HERE/definitions.json}
[ -n "$DEFS" ] || DEFS=$HERE/definitions.json
URL=${POSITIONAL[1]:-${RABBITMQ_MANAGEMENT_URL:-http://127.0.0.1:15672}}
URL=${URL%/}
export RABBITMQ_USER=${RABBITMQ_USER:-guest}
export RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:-guest}

T0=$(now_ms)
ensure_cmds curl:curl python3:python3

[ -r "$DEFS" ] || die "definitions file $DEFS not found"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$DEFS" 2>/dev/null || die "$DEFS is not valid JSON"

code=$(http_code "$URL/api/overview" -u "$RABBITMQ_USER:$RABBITMQ_PASSWORD")
case "$code" in
    200) ;;
    401) die "$URL rejects $RABBITMQ_USER: set RABBITMQ_USER/RABBITMQ_PASSWORD (guest only works from loopback)" ;;
    000) die "management API $URL does not answer: run bin/lib/ensure-rabbitmq.sh (or second-node.sh start) first" ;;
    *)   die "management API $URL/api/overview answered HTTP $code" ;;
esac

# 1. Apply.
log "applying $DEFS to $URL ..."
body=$(mktemp)
trap 'rm -f "$body"' EXIT
code=$(curl -sS -o "$body" -w '%{http_code}' --max-time 60 -u "$RABBITMQ_USER:$RABBITMQ_PASSWORD" \
    -H 'content-type: application/json' --data-binary "@$DEFS" "$URL/api/definitions") || code=000
case "$code" in
    200|201|204) ;;
    *) die "POST $URL/api/definitions answered HTTP $code: $(head -c 1000 "$body")" ;;
esac

# 2. Verify by listing what the broker has, and (optionally) route a test message.
export MGMT_URL=$URL DEFS VERIFY_ROUTING
python3 - <<'PY' || die "verification failed"
import base64, json, os, sys, time, urllib.error, urllib.parse, urllib.request

url, defs_path = os.environ["MGMT_URL"], os.environ["DEFS"]
auth = "Basic " + base64.b64encode(("%s:%s" % (os.environ["RABBITMQ_USER"], os.environ["RABBITMQ_PASSWORD"])).encode()).decode()
P = "[rabbitmq]"

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Authorization": auth, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
    except urllib.error.HTTPError as e:
        sys.exit("%s %s %s -> HTTP %s: %s" % (P, method, path, e.code, e.read()[:500].decode(errors="replace")))
    return json.loads(raw) if raw else None

def q(s):
    return urllib.parse.quote(s, safe="")

want = json.load(open(defs_path))
have = call("GET", "/api/definitions")

def index(items, keyf):
    return {keyf(i): i for i in items}

checks = [
    ("exchange", "exchanges", lambda e: (e["vhost"], e["name"]),
     ("type", "durable", "auto_delete", "internal", "arguments")),
    ("queue", "queues", lambda x: (x["vhost"], x["name"]),
     ("durable", "auto_delete", "arguments")),
    ("binding", "bindings",
     lambda b: (b["vhost"], b["source"], b["destination_type"], b["destination"], b["routing_key"],
                json.dumps(b.get("arguments", {}), sort_keys=True)),
     ()),
]
problems, counts = [], {}
for label, section, keyf, fields in checks:
    wanted = want.get(section, [])
    counts[section] = len(wanted)
    present = index(have.get(section, []), keyf)
    for item in wanted:
        k = keyf(item)
        got = present.get(k)
        if got is None:
            problems.append("missing %s %s" % (label, k))
            continue
        for f in fields:
            exp = item.get(f, {} if f == "arguments" else None)
            if exp is not None and got.get(f) != exp:
                problems.append("%s %s has %s=%s, definitions say %s" % (label, k, f, json.dumps(got.get(f)), json.dumps(exp)))
if problems:
    for p in problems:
        print("%s MISMATCH: %s" % (P, p), file=sys.stderr)
    print("%s existing queues/exchanges are never redeclared with new arguments: delete them first "
          "(DELETE %s/api/queues/<vhost>/<name>) if the definitions are right" % (P, url), file=sys.stderr)
    sys.exit(1)
print("%s verified on %s: %d exchanges, %d queues, %d bindings present as defined"
      % (P, url, counts["exchanges"], counts["queues"], counts["bindings"]))

if os.environ.get("VERIFY_ROUTING") != "true":
    sys.exit(0)

# --- routing check -------------------------------------------------------------------------
exchange = os.environ.get("VERIFY_EXCHANGE", "AWS")
key = os.environ.get("VERIFY_ROUTING_KEY", "aws.us-east-1.deploy_oa")
queue = os.environ.get("VERIFY_QUEUE", key.replace(".", ":", 1))
vhost = os.environ.get("VERIFY_VHOST", "/")
qdef = index(want.get("queues", []), lambda x: (x["vhost"], x["name"])).get((vhost, queue))
if qdef is None:
    sys.exit("%s queue %s is not in %s" % (P, queue, defs_path))
dlq = qdef["arguments"].get("x-dead-letter-routing-key") if qdef["arguments"].get("x-dead-letter-exchange") == "" else None

def busy(name):
    info = call("GET", "/api/queues/%s/%s" % (q(vhost), q(name)))
    return info.get("messages") or 0, info.get("consumers") or 0

m, c = busy(queue)
if m or c:
    sys.exit("%s refusing the routing check: %s has %d message(s) and %d consumer(s); a test message "
             "would mix with real traffic" % (P, queue, m, c))
marker = "apply-topology routing check %d.%d" % (os.getpid(), time.time_ns())
res = call("POST", "/api/exchanges/%s/%s/publish" % (q(vhost), q(exchange)), {
    "properties": {"delivery_mode": 1, "message_id": marker, "content_type": "text/plain"},
    "routing_key": key, "payload": marker, "payload_encoding": "string"})
if not res or res.get("routed") is not True:
    sys.exit("%s publish to %s with key %s was NOT routed: %s" % (P, exchange, key, res))

def take(name, ackmode):
    """Get the head message of `name`; return its payload or None."""
    for _ in range(50):
        got = call("POST", "/api/queues/%s/%s/get" % (q(vhost), q(name)),
                   {"count": 1, "ackmode": ackmode, "encoding": "auto", "truncate": 100000})
        if got:
            return got[0]["payload"]
        time.sleep(0.1)
    return None

# Peek (requeue) first, so a foreign message that slipped in is never consumed.
head = take(queue, "ack_requeue_true")
if head != marker:
    sys.exit("%s routed=true but the head of %s is not the test message (%r); nothing was removed" % (P, queue, head))
dl_ok = None
if dlq:
    dm, dc = busy(dlq)
    if dm or dc:
        print("%s %s has %d message(s)/%d consumer(s): dead-letter check skipped" % (P, dlq, dm, dc))
        dlq = None
if dlq:
    # Reject without requeue: RabbitMQ dead-letters it through "" into the error queue.
    if take(queue, "reject_requeue_false") != marker:
        sys.exit("%s the test message vanished from %s" % (P, queue))
    head = take(dlq, "ack_requeue_true")
    if head != marker:
        sys.exit("%s the rejected test message did not reach %s (head: %r)" % (P, dlq, head))
    take(dlq, "ack_requeue_false")
    dl_ok = dlq
else:
    take(queue, "ack_requeue_false")
print("%s routing verified: %s --%s--> %s%s; test message removed"
      % (P, exchange, key, queue, (" --rejected--> " + dl_ok) if dl_ok else ""))
PY

log "applied $(basename "$DEFS") to $URL in $(since "$T0")"
