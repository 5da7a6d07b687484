#!/usr/bin/env bash
# synod-cluster.sh: a local Synod cluster of Payara Micro instances on one machine.
#
#   up [N]        build if needed, start N instances (default 3), wait until every /health/ready is UP,
#                 print the console URL and credentials
#   down          stop every instance (SIGTERM, then SIGKILL after SYNOD_STOP_TIMEOUT s); no process is left
#   status        one line per instance: nI pid=PID http=PORT ready=UP|DOWN   (pid=- when not running)
#   logs N [-f]   the server log of instance N (last SYNOD_LOG_LINES lines; -f follows it)
#   kill N        SIGKILL instance N (a crash)
#   stop N        stop instance N gracefully
#   start N       start instance N and wait until it is alive
#   restart N     stop, then start instance N
#   join N        start an extra instance N (N > the cluster size) that joins the running cluster: the leader
#                 adds it as a learner and promotes it; SYNOD_CLUSTER_SECRET given here overrides the secret
#   leave N       stop extra instance N and delete its state (remove it from the configuration first:
#                 POST /synod/api/v1/cluster/members/nN/remove)
#   pause N       SIGSTOP instance N (a long GC pause, a frozen VM)
#   resume N      SIGCONT instance N
#   clean         down, then delete the state folder (data, logs, generated secrets)
#
# Instance I is named nI and listens on 127.0.0.1 only: HTTP 8080+I, Hazelcast 6900+I-1, Synod transport
# 7900+I. Under one state folder each instance has its data dir (kept: Synod's log) and a Payara root
# (recreated at every start), plus its server.log. Environment (all optional):
#   SYNOD_STATE_DIR        state folder                        (default: <repo>/.synod-cluster)
#   SYNOD_HTTP_BASE_PORT   instance I's HTTP port is base+I    (default: 8080)
#   SYNOD_HZ_BASE_PORT     instance I's Hazelcast port base+I-1 (default: 6900)
#   SYNOD_TRANSPORT_BASE_PORT  transport port base+I           (default: 7900)
#   SYNOD_BIND_ADDRESS     the one address everything binds to (default: 127.0.0.1)
#   SYNOD_JAVA_OPTS        JVM options                         (default: -Xmx384m -XX:+UseSerialGC)
#   SYNOD_CLUSTER_SECRET   cluster secret        (default: generated once into the state folder)
#   SYNOD_ADMIN_PASSWORD   console password      (default: generated once into the state folder)
#   SYNOD_PROTOCOL         consensus protocol, raft or multipaxos (default: raft); keep it for the
#                          cluster's life: a data dir written by one protocol is refused by the other
#   SYNOD_DEPLOY_EXAMPLES  1 deploys examples/orders-app next to Synod (default: 1)
#   SYNOD_READY_TIMEOUT    seconds to wait for readiness       (default: 240)
#   SYNOD_SKIP_BUILD       1 never runs Maven (fail if artifacts are missing)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/.." && pwd)
STATE=${SYNOD_STATE_DIR:-$REPO/.synod-cluster}
HTTP_BASE=${SYNOD_HTTP_BASE_PORT:-8080}
HZ_BASE=${SYNOD_HZ_BASE_PORT:-6900}
TRANSPORT_BASE=${SYNOD_TRANSPORT_BASE_PORT:-7900}
BIND=${SYNOD_BIND_ADDRESS:-127.0.0.1}
JAVA_OPTS=${SYNOD_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}
READY_TIMEOUT=${SYNOD_READY_TIMEOUT:-240}
STOP_TIMEOUT=${SYNOD_STOP_TIMEOUT:-30}
DEPLOY_EXAMPLES=${SYNOD_DEPLOY_EXAMPLES:-1}
PROTOCOL=${SYNOD_PROTOCOL:-raft}

MICRO_JAR=$REPO/deploy-scripts/target/payara-micro.jar
RAR=$REPO/jca-connector/rar/target/synod-connector.rar
WAR=$REPO/web-admin/target/synod.war
EXAMPLE_WAR=$REPO/examples/orders-app/target/orders-app.war

usage() {
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

die() {
    echo "synod-cluster: $*" >&2
    exit 1
}

# --- state ---------------------------------------------------------------------------------------

instance_count() {
    if [[ -f $STATE/instances ]]; then cat "$STATE/instances"; else echo 0; fi
}

http_port() { echo $((HTTP_BASE + $1)); }
hz_port() { echo $((HZ_BASE + $1 - 1)); }
transport_port() { echo $((TRANSPORT_BASE + $1)); }
instance_dir() { echo "$STATE/n$1"; }

pid_of() {
    local file
    file="$(instance_dir "$1")/pid"
    [[ -f $file ]] || return 1
    local pid
    pid=$(cat "$file")
    # The pid must still be our java process (pids are reused).
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--rootdir $(instance_dir "$1")/root"; then
        echo "$pid"
        return 0
    fi
    return 1
}

valid_instance() {
    local n=$1 count
    count=$(instance_count)
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "instance must be a positive number, got '$n'"
    ((n <= count)) || is_extra "$n" || die "no instance $n: the cluster has $count (run: up [N], or join $n)"
}

# An extra instance was started by 'join' (its folder exists) beyond the cluster size given to 'up'.
is_extra() {
    (($1 > $(instance_count))) && [[ -d $(instance_dir "$1") ]]
}

# Every instance with a folder: the first 'up' ones and any extra ones 'join' started.
all_instances() {
    local dir
    for dir in "$STATE"/n*; do
        [[ -d $dir && ${dir##*/n} =~ ^[0-9]+$ ]] && echo "${dir##*/n}"
    done | sort -n
}

# A secret generated once and kept (mode 600) in the state folder, unless the environment provides it.
secret() {
    local name=$1 from_env=$2 file="$STATE/$1"
    if [[ -n $from_env ]]; then
        echo "$from_env"
        return
    fi
    if [[ ! -f $file ]]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$file")
    fi
    cat "$file"
}

# --- build ---------------------------------------------------------------------------------------

needs_build() {
    local artifact
    for artifact in "$MICRO_JAR" "$RAR" "$WAR" "$EXAMPLE_WAR"; do
        [[ -f $artifact ]] || return 0
    done
    # Any source or pom newer than the node's war means the deployed bits would be stale.
    [[ -n $(find "$REPO" -path "$STATE" -prune -o \( -path '*/src/*' -o -name pom.xml -o -path '*/config/payara/*' \) \
        -newer "$WAR" -type f -print -quit 2>/dev/null) ]]
}

build_if_needed() {
    if [[ ${SYNOD_SKIP_BUILD:-0} == 1 ]]; then
        [[ -f $MICRO_JAR && -f $RAR && -f $WAR ]] || die "artifacts missing and SYNOD_SKIP_BUILD=1"
        return
    fi
    if needs_build; then
        echo "Building Synod (mvn -DskipTests package) ..."
        (cd "$REPO" && mvn -q -DskipTests package) || die "build failed"
    fi
}

# --- instances -----------------------------------------------------------------------------------

cluster_members() {
    local count=$1 i list=""
    for ((i = 1; i <= count; i++)); do
        list+="${list:+,}$BIND:$(hz_port "$i")"
    done
    echo "$list"
}

start_instance() {
    local n=$1 count dir members
    count=$(instance_count)
    dir=$(instance_dir "$n")
    members=$(cluster_members "$count")
    # An extra instance contacts the first ones (and lists itself); they need not know it in advance.
    ((n > count)) && members+=",$BIND:$(hz_port "$n")"
    if pid_of "$n" > /dev/null; then
        return 0
    fi
    # Payara's root is scratch, recreated at every start: a kept root makes Payara re-load the previous
    # deployments at boot, before --deploy deploys the current ones (a double start). What must persist,
    # Synod's log and snapshots, is in the data dir, which is kept.
    rm -rf "$dir/root"
    mkdir -p "$dir/root" "$dir/data"
    local deploys=(--deploy "$RAR" --deploy "$WAR")
    if [[ $DEPLOY_EXAMPLES == 1 ]]; then
        deploys+=(--deploy "$EXAMPLE_WAR")
    fi
    # Secrets travel in the environment, not on the command line (ps shows arguments to everyone).
    # shellcheck disable=SC2086
    SYNOD_CLUSTER_SECRET=$(secret cluster-secret "${SYNOD_CLUSTER_SECRET:-}") \
    SYNOD_ADMIN_PASSWORD=$(secret admin-password "${SYNOD_ADMIN_PASSWORD:-}") \
    SYNOD_DATA_DIR=$dir/data \
    SYNOD_TRANSPORT_PORT=$(transport_port "$n") \
    SYNOD_BOOTSTRAP_EXPECT=$count \
    SYNOD_PROTOCOL=$PROTOCOL \
        nohup java $JAVA_OPTS -jar "$MICRO_JAR" \
        --name "n$n" \
        --port "$(http_port "$n")" \
        --clustername "$(cat "$STATE/cluster-name")" \
        --clustermode "tcpip:$members" \
        --interfaces "$BIND" \
        --startport "$(hz_port "$n")" \
        --nohostaware \
        --rootdir "$dir/root" \
        --prebootcommandfile "$STATE/pre-boot-commands.txt" \
        --systemproperties "$REPO/config/payara/system.properties" \
        --disablephonehome \
        "${deploys[@]}" \
        >> "$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
}

health() {
    # $1 instance, $2 ready|live -> prints UP or DOWN
    local body
    body=$(curl -s --max-time 2 "http://$BIND:$(http_port "$1")/health/$2" 2>/dev/null || true)
    # Payara answers UP with no checks at all when synod.war is not deployed: require Synod's own check.
    local check=synod
    [[ $2 == live ]] && check=synod-node
    if [[ $body == '{"status":"UP"'* && $body == *"\"name\":\"$check\""* ]]; then echo UP; else echo DOWN; fi
}

console_serving() {
    # Payara starts web contexts after all deployments, a moment after the health checks answer.
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$BIND:$(http_port "$1")/synod/login.xhtml" 2>/dev/null) == 200 ]]
}

wait_for() {
    # $1 instance, $2 ready|live; fails if the process dies or the timeout passes
    local n=$1 what=$2 deadline=$((SECONDS + READY_TIMEOUT))
    while ((SECONDS < deadline)); do
        sleep 1 # also gives a just-forked child time to exec java, whose command line pid_of checks
        if ! pid_of "$n" > /dev/null; then
            echo "synod-cluster: n$n exited; last log lines:" >&2
            tail -n 20 "$(instance_dir "$n")/server.log" >&2 || true
            return 1
        fi
        # An invalid configuration fails the deployment; Payara itself keeps running, so say why at once.
        local refusal
        refusal=$(grep -a -o 'Synod node refuses to start: [^\[]*' "$(instance_dir "$n")/server.log" 2> /dev/null | head -n 1 || true)
        if [[ -n $refusal ]]; then
            echo "synod-cluster: n$n: ${refusal% }" >&2
            return 1
        fi
        [[ $(health "$n" "$what") == UP ]] && console_serving "$n" && return 0
    done
    echo "synod-cluster: n$n not $what after ${READY_TIMEOUT}s (see: $0 logs $n)" >&2
    return 1
}

stop_instance() {
    # $1 instance, $2 signal for the first attempt
    local n=$1 signal=$2 pid deadline
    pid=$(pid_of "$n") || { rm -f "$(instance_dir "$n")/pid"; return 0; }
    kill -CONT "$pid" 2> /dev/null || true # a paused JVM cannot handle SIGTERM
    kill "-$signal" "$pid" 2> /dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2> /dev/null; then
        kill -KILL "$pid" 2> /dev/null || true
        while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
    fi
    rm -f "$(instance_dir "$n")/pid"
}

# --- commands ------------------------------------------------------------------------------------

cmd_up() {
    local count=${1:-3}
    [[ $count =~ ^[1-9]$ ]] || die "up takes an instance count from 1 to 9, got '$count'"
    command -v java > /dev/null || die "java (JDK 17) is required"
    command -v curl > /dev/null || die "curl is required"
    mkdir -p "$STATE"
    local running
    running=$(instance_count)
    if ((running > 0 && running != count)) && [[ -n $(cmd_status | grep -v 'pid=-' || true) ]]; then
        die "a cluster of $running instances is running; run '$0 down' first"
    fi
    echo "$count" > "$STATE/instances"
    [[ -f $STATE/cluster-name ]] || echo "synod-$(echo "$STATE" | cksum | cut -d' ' -f1)" > "$STATE/cluster-name"
    sed "s/\${SYNOD_BIND_ADDRESS}/$BIND/" "$REPO/config/payara/pre-boot-commands.txt" > "$STATE/pre-boot-commands.txt"
    build_if_needed
    local i
    for ((i = 1; i <= count; i++)); do start_instance "$i"; done
    echo "Waiting for $count instances to be ready ..."
    for ((i = 1; i <= count; i++)); do wait_for "$i" ready || exit 1; done
    local password
    password=$(secret admin-password "${SYNOD_ADMIN_PASSWORD:-}")
    echo "Synod cluster of $count is up."
    for ((i = 1; i <= count; i++)); do
        echo "  n$i  console http://$BIND:$(http_port "$i")/synod/   health http://$BIND:$(http_port "$i")/health"
    done
    echo "  console login: user admin, password $password"
    echo "  state and logs: $STATE   (stop with: $0 down)"
}

cmd_down() {
    local i
    for i in $(all_instances); do stop_instance "$i" TERM & done
    wait
    # Anything still running from this state folder (e.g. a pid file was lost) goes too.
    local stray
    stray=$(pgrep -f -- "--rootdir $STATE/n" || true)
    if [[ -n $stray ]]; then
        kill -KILL $stray 2> /dev/null || true
    fi
    echo "Synod cluster stopped."
}

cmd_status() {
    local i pid
    for i in $(all_instances); do
        if pid=$(pid_of "$i"); then
            echo "n$i pid=$pid http=$(http_port "$i") ready=$(health "$i" ready)"
        else
            echo "n$i pid=- http=$(http_port "$i") ready=DOWN"
        fi
    done
}

cmd_logs() {
    valid_instance "$1"
    local log
    log="$(instance_dir "$1")/server.log"
    [[ -f $log ]] || die "no log for n$1 yet"
    if [[ ${2:-} == -f ]]; then
        tail -n "${SYNOD_LOG_LINES:-100}" -f "$log"
    else
        tail -n "${SYNOD_LOG_LINES:-100}" "$log"
    fi
}

cmd_signal() {
    # $1 instance, $2 signal, $3 verb for the message
    valid_instance "$1"
    local pid
    pid=$(pid_of "$1") || die "n$1 is not running"
    kill "-$2" "$pid"
    echo "n$1 (pid $pid) $3"
}

cmd_start() {
    valid_instance "$1"
    [[ -f $MICRO_JAR && -f $WAR ]] || die "not built yet: run '$0 up' first"
    start_instance "$1"
    wait_for "$1" live || exit 1
    echo "n$1 started (pid $(pid_of "$1"), ready=$(health "$1" ready))"
}

cmd_join() {
    local n=$1 count
    count=$(instance_count)
    [[ $n =~ ^[1-9]$ ]] || die "join takes an instance number from 1 to 9, got '$n'"
    ((count > 0)) || die "no cluster yet: run '$0 up' first"
    ((n > count)) || die "instance $n is one of the first $count; join starts an extra one (> $count)"
    [[ -f $MICRO_JAR && -f $WAR ]] || die "not built yet: run '$0 up' first"
    mkdir -p "$(instance_dir "$n")"
    start_instance "$n"
    wait_for "$n" live || exit 1
    echo "n$n started (pid $(pid_of "$n")); it joins as a learner once the leader has checked its secret"
}

cmd_leave() {
    local n=$1
    valid_instance "$n"
    is_extra "$n" || die "instance $n is one of the first $(instance_count); leave only takes extra ones (from join)"
    stop_instance "$n" TERM
    rm -rf "$(instance_dir "$n")"
    echo "n$n stopped and its state deleted"
}

main() {
    local command=${1:-}
    shift || true
    case $command in
        up) cmd_up "$@" ;;
        down) cmd_down ;;
        status) cmd_status ;;
        logs) [[ $# -ge 1 ]] || { usage; exit 2; }; cmd_logs "$@" ;;
        kill) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_signal "$1" KILL killed ;;
        stop) [[ $# -eq 1 ]] || { usage; exit 2; }; valid_instance "$1"; stop_instance "$1" TERM; echo "n$1 stopped" ;;
        start) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_start "$1" ;;
        join) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_join "$1" ;;
        leave) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_leave "$1" ;;
        restart) [[ $# -eq 1 ]] || { usage; exit 2; }; valid_instance "$1"; stop_instance "$1" TERM; cmd_start "$1" ;;
        pause) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_signal "$1" STOP paused ;;
        resume) [[ $# -eq 1 ]] || { usage; exit 2; }; cmd_signal "$1" CONT resumed ;;
        clean) cmd_down; rm -rf "$STATE"; echo "removed $STATE" ;;
        *) usage; exit 2 ;;
    esac
}

main "$@"
