#!/usr/bin/env bash
# etcd-cluster.sh: a local 3-member etcd 3.4 cluster on 127.0.0.1, the reference the load benchmark
# compares Synod with (benchmarks/README.md, "KV load: Synod vs etcd").
#
#   up        install Debian's etcd-server if missing, start 3 members, wait until each answers /health
#   down      stop every member (SIGTERM, then SIGKILL after ETCD_STOP_TIMEOUT s); no process is left
#   status    one line per member: eI pid=PID client=PORT health=true|false   (pid=- when not running)
#   clean     down, then delete the state folder (data dirs, logs)
#
# Member I (1..3) is named eI, listens on 127.0.0.1 only, client port base+10*(I-1) and peer port
# base+10*(I-1). Each member has its own data dir under the state folder; etcd fsyncs its WAL on every
# commit (its default, left on). Environment (all optional):
#   ETCD_STATE_DIR         state folder                     (default: <repo>/.etcd-cluster)
#   ETCD_CLIENT_BASE_PORT  member I's client port           (default: 2379, i.e. 2379/2389/2399)
#   ETCD_PEER_BASE_PORT    member I's peer port             (default: 2380, i.e. 2380/2390/2400)
#   ETCD_READY_TIMEOUT     seconds to wait for health       (default: 60)
#   ETCD_STOP_TIMEOUT      seconds before SIGKILL on down   (default: 10)
#   ETCD_BIN               the etcd binary                  (default: etcd on PATH, else /usr/bin/etcd)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
STATE=${ETCD_STATE_DIR:-$REPO/.etcd-cluster}
CLIENT_BASE=${ETCD_CLIENT_BASE_PORT:-2379}
PEER_BASE=${ETCD_PEER_BASE_PORT:-2380}
READY_TIMEOUT=${ETCD_READY_TIMEOUT:-60}
STOP_TIMEOUT=${ETCD_STOP_TIMEOUT:-10}
MEMBERS=3
HOST=127.0.0.1

usage() {
    sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

die() {
    echo "etcd-cluster: $*" >&2
    exit 1
}

client_port() { echo $((CLIENT_BASE + 10 * ($1 - 1))); }
peer_port() { echo $((PEER_BASE + 10 * ($1 - 1))); }
member_dir() { echo "$STATE/e$1"; }

pid_of() {
    local file pid
    file="$(member_dir "$1")/pid"
    [[ -f $file ]] || return 1
    pid=$(cat "$file")
    # The pid must still be our etcd (pids are reused): its command line names our data dir.
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--data-dir $(member_dir "$1")/data"; then
        echo "$pid"
        return 0
    fi
    return 1
}

etcd_bin() {
    if [[ -n ${ETCD_BIN:-} ]]; then echo "$ETCD_BIN"; return; fi
    command -v etcd 2> /dev/null || echo /usr/bin/etcd
}

install_if_missing() {
    [[ -x $(etcd_bin) ]] && return 0
    command -v apt-get > /dev/null || die "etcd is missing and there is no apt-get to install Debian's etcd-server"
    echo "Installing Debian etcd-server ..."
    # The package's maintainer scripts would start a system etcd on 2379 where an init system runs; refuse
    # service starts during the install (policy-rc.d exit 101), then put the previous policy back.
    local policy=/usr/sbin/policy-rc.d saved=""
    if [[ -e $policy ]]; then saved=$(mktemp); cp -p "$policy" "$saved"; fi
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    local rc=0
    # Other sessions may hold the dpkg lock: wait for it rather than fail.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q etcd-server > "$STATE/apt.log" 2>&1 || rc=$?
    if ((rc != 0)); then
        # A stale package list is the usual cause: refresh once and retry.
        apt-get -o DPkg::Lock::Timeout=600 update -q >> "$STATE/apt.log" 2>&1 || true
        rc=0
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q etcd-server >> "$STATE/apt.log" 2>&1 || rc=$?
    fi
    if [[ -n $saved ]]; then mv "$saved" "$policy"; else rm -f "$policy"; fi
    ((rc == 0)) || { tail -n 20 "$STATE/apt.log" >&2; die "apt-get install etcd-server failed (log: $STATE/apt.log)"; }
    [[ -x $(etcd_bin) ]] || die "etcd-server installed but no etcd binary found"
}

initial_cluster() {
    local i list=""
    for ((i = 1; i <= MEMBERS; i++)); do
        list+="${list:+,}e$i=http://$HOST:$(peer_port "$i")"
    done
    echo "$list"
}

start_member() {
    local n=$1 dir state=new
    dir=$(member_dir "$n")
    pid_of "$n" > /dev/null && return 0
    mkdir -p "$dir"
    # A kept data dir rejoins the existing cluster; a fresh one bootstraps it.
    [[ -d $dir/data/member ]] && state=existing
    # ETCD_UNSUPPORTED_ARCH is only read on non-amd64 platforms (arm64 Debian builds need it).
    ETCD_UNSUPPORTED_ARCH=${ETCD_UNSUPPORTED_ARCH:-} \
        nohup "$(etcd_bin)" \
        --name "e$n" \
        --data-dir "$dir/data" \
        --listen-client-urls "http://$HOST:$(client_port "$n")" \
        --advertise-client-urls "http://$HOST:$(client_port "$n")" \
        --listen-peer-urls "http://$HOST:$(peer_port "$n")" \
        --initial-advertise-peer-urls "http://$HOST:$(peer_port "$n")" \
        --initial-cluster "$(initial_cluster)" \
        --initial-cluster-token "bench-$(echo "$STATE" | cksum | cut -d' ' -f1)" \
        --initial-cluster-state "$state" \
        --enable-v2=false \
        >> "$dir/etcd.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
}

healthy() {
    local body
    body=$(curl -s --max-time 2 "http://$HOST:$(client_port "$1")/health" 2> /dev/null || true)
    if [[ $body == *'"health":"true"'* ]]; then echo true; else echo false; fi
}

wait_healthy() {
    local n=$1 deadline=$((SECONDS + READY_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! pid_of "$n" > /dev/null; then
            echo "etcd-cluster: e$n exited; last log lines:" >&2
            tail -n 20 "$(member_dir "$n")/etcd.log" >&2 || true
            return 1
        fi
        [[ $(healthy "$n") == true ]] && return 0
        sleep 0.5
    done
    echo "etcd-cluster: e$n not healthy after ${READY_TIMEOUT}s (log: $(member_dir "$n")/etcd.log)" >&2
    return 1
}

stop_member() {
    local n=$1 pid deadline
    pid=$(pid_of "$n") || { rm -f "$(member_dir "$n")/pid"; return 0; }
    kill -CONT "$pid" 2> /dev/null || true
    kill -TERM "$pid" 2> /dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2> /dev/null; then
        kill -KILL "$pid" 2> /dev/null || true
        while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
    fi
    rm -f "$(member_dir "$n")/pid"
}

cmd_up() {
    command -v curl > /dev/null || die "curl is required"
    mkdir -p "$STATE"
    install_if_missing
    local i
    for ((i = 1; i <= MEMBERS; i++)); do start_member "$i"; done
    for ((i = 1; i <= MEMBERS; i++)); do wait_healthy "$i" || exit 1; done
    echo "etcd cluster of $MEMBERS is up ($("$(etcd_bin)" --version | head -n 1))."
    for ((i = 1; i <= MEMBERS; i++)); do
        echo "  e$i  client http://$HOST:$(client_port "$i")   peer http://$HOST:$(peer_port "$i")"
    done
    echo "  state and logs: $STATE   (stop with: $0 down)"
}

cmd_down() {
    local i
    for ((i = 1; i <= MEMBERS; i++)); do stop_member "$i" & done
    wait
    # Anything still running on one of our data dirs (e.g. a pid file was lost) goes too.
    local stray
    stray=$(pgrep -f -- "--data-dir $STATE/e" || true)
    if [[ -n $stray ]]; then
        # shellcheck disable=SC2086
        kill -KILL $stray 2> /dev/null || true
    fi
    echo "etcd cluster stopped."
}

cmd_status() {
    local i pid
    for ((i = 1; i <= MEMBERS; i++)); do
        if pid=$(pid_of "$i"); then
            echo "e$i pid=$pid client=$(client_port "$i") health=$(healthy "$i")"
        else
            echo "e$i pid=- client=$(client_port "$i") health=false"
        fi
    done
}

case ${1:-} in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    clean) cmd_down; rm -rf "$STATE"; echo "removed $STATE" ;;
    *) usage; exit 2 ;;
esac
