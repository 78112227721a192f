# shellcheck shell=bash
# Shared helpers for the bin/lib/ensure-*.sh scripts and server-config/rabbitmq/*.sh.
# Source it; it does not change shell options. Set LOG_PREFIX (e.g. "[rabbitmq]") before use.
# Assumes only bash 5, coreutils and (for some helpers) curl and python3.

: "${LOG_PREFIX:=[setup]}"
export DEBIAN_FRONTEND=noninteractive
# Non-root shells often lack the sbin directories where rabbitmqctl and friends live.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac
export PATH

log()  { printf '%s %s\n' "$LOG_PREFIX" "$*"; }
warn() { printf '%s WARNING: %s\n' "$LOG_PREFIX" "$*" >&2; }
die()  { printf '%s ERROR: %s\n' "$LOG_PREFIX" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Milliseconds since the epoch, without forking (bash 5 $EPOCHREALTIME).
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
# "1.234 s" since a now_ms value.
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%03d s' $(( d / 1000 )) $(( d % 1000 )); }

# Refuse to go on without root; $* says what the user must do instead.
require_root() {
    is_root && return 0
    printf '%s ERROR: root is needed for the next step and this script runs as %s.\n' "$LOG_PREFIX" "$(id -un)" >&2
    printf '%s        Either re-run it with sudo, or do this yourself first:\n' "$LOG_PREFIX" >&2
    local line
    for line in "$@"; do printf '%s            %s\n' "$LOG_PREFIX" "$line" >&2; done
    exit 1
}

# apt-get install the given packages (root only); apt-get update runs once per process tree.
# apt's chatter goes to a temporary log that is shown only when something fails.
apt_install() {
    require_root "sudo apt-get update && sudo apt-get install -y $*"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* with your package manager"
    local t0 aptlog; t0=$(now_ms)
    aptlog=$(mktemp)
    if [ "${OA_APT_UPDATED:-}" != 1 ]; then
        log "apt-get update ..."
        if ! apt-get update -qq >"$aptlog" 2>&1; then
            tail -n 5 "$aptlog" >&2
            warn "apt-get update failed (offline?): trying the package lists already on this machine"
        fi
        export OA_APT_UPDATED=1
    fi
    log "apt-get install -y $* ..."
    if ! apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "$@" >"$aptlog" 2>&1; then
        tail -n 30 "$aptlog" >&2
        rm -f "$aptlog"
        die "apt-get install $* failed"
    fi
    rm -f "$aptlog"
    log "installed $* in $(since "$t0")"
}

# ensure_cmds COMMAND:PACKAGE ...: install, in one apt-get run, the packages whose command is missing.
ensure_cmds() {
    local spec missing=()
    for spec in "$@"; do
        command -v "${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "missing: ${missing[*]}"
    apt_install "${missing[@]}"
    for spec in "$@"; do
        command -v "${spec%%:*}" >/dev/null 2>&1 || die "'${spec%%:*}' still missing after installing ${spec#*:}"
    done
}

# ensure_cmd COMMAND PACKAGE
ensure_cmd() { ensure_cmds "$1:$2"; }

# tcp_open HOST PORT: true when something accepts TCP connections there (bash /dev/tcp, 2 s cap).
tcp_open() {
    # shellcheck disable=SC2016 # $1/$2 expand in the inner bash
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

OA_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# amqp_probe HOST PORT [USER PASSWORD] -> prints what amqp-probe.py found, e.g.
#   amqp-1.0 (AMQP 1.0 + SASL PLAIN login + open/close worked), amqp-1.0-auth-failed ...,
#   amqp-0-9-1 (no AMQP 1.0 plugin), closed, unknown:...  Always returns 0.
amqp_probe() {
    python3 "$OA_LIB_DIR/amqp-probe.py" "$1" "$2" "${3:-guest}" "${4:-guest}" || true
}

# http_code URL [curl args...]: HTTP status code, 000 when nothing answers.
http_code() {
    local url=$1; shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" 2>/dev/null || true
}
