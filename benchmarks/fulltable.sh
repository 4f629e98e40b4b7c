#!/usr/bin/env bash
# The full-table macro benchmark (dev.petrel.bench.fulltable.FullTableBenchmark): BIRD 2 and Petrel, each in
# turn the router in the middle of three fresh network namespaces; an injector streams a synthetic full table
# (FullTableStream: /13-/24, ~330,000 attribute sets per million prefixes) to it over eBGP and the router
# re-advertises it to 1 or N counting receivers over eBGP. Per run: time from the injector's first UPDATE octet
# until every receiver holds every prefix, the same for withdrawing them all, the router's CPU seconds over each
# phase, its peak RSS, and its memory per route with the table loaded (Petrel: heap after a full GC; BIRD: show
# memory). Every run starts a fresh router, so a Petrel run includes its JVM's warm-up.
#
# With --fib, the kernel FIB mode instead: no receivers; the router writes its best routes into the kernel FIB of
# its namespace (BIRD: protocol kernel { ipv4 { export all; }; merge paths on; }, learn off, BIRD's default scan
# time, or scan time S as router bird-scanS; Petrel: kernel { enabled = true }). Per run: time from the injector's
# first UPDATE octet until all N prefixes are routes of the router's protocol (bird 12, Petrel 186) in table 254,
# counted from rtnetlink route notifications in the benchmark JVM (64 MiB buffer; an overrun recounts by a dump
# and is reported), the same for withdrawing them until none is left (each checked by one dump), the router's CPU
# over each phase, its CPU over --idle seconds with the table installed, and its peak RSS.
#
# With --reflector (benchmarks/reflector.sh), the route reflector mode: the router is a route reflector (RFC 4456)
# in AS 64512 and the injector and the receivers are its iBGP clients (Petrel: route-reflector-client = true;
# BIRD: rr client, gateway direct). With --mesh K as well, a Calico cluster's shape: no injector, every receiver
# is a node that announces K /26 blocks of its own and must receive every other node's blocks and none of its own
# (N receivers: N * K prefixes; --prefixes is ignored). Receivers beyond 200 take further /24s: 10.255.3.10 and on.
#
# Usage: benchmarks/fulltable.sh [--router bird|petrel|both|LIST] [--prefixes N] [--receivers 1,10] [--runs N]
#                                [--timeout S] [--quiet-wait S] [--out DIR] [--fib [--idle S]]
#                                [--reflector [--mesh K]] [-- BENCHMARK ARGS...]
#   --router      which router(s) to measure (default both); runs alternate between them. A comma-separated
#                 LIST of bird, bird-scanS (--fib: BIRD's kernel protocol with scan time S) and petrel also works
#   --fib         the kernel FIB mode (above); --receivers is ignored
#   --reflector   the route reflector mode (above); --mesh K: every receiver announces K prefixes and receives all
#   --idle S      --fib: seconds of idle CPU measurement with the table installed (default 30)
#   --prefixes    table size (default 1000000)
#   --receivers   comma-separated receiver counts, each a separate run (default 1,10)
#   --runs N      runs per router and receiver count (default 3); prints each run, then median and range
#   --timeout S   a phase that has not completed after S seconds fails the run (default 120)
#   --quiet-wait S  before announcing, wait up to S seconds (default 300; 0: not at all) until the processes
#                 that are not the benchmark's use under 0.2 cores over 2 s: on a shared machine, other builds
#                 would otherwise be in the figures. Each run prints how long it waited and the CPU that other
#                 processes used during each phase (others_cpu_*_s).
#   --out DIR     where the logs and tables go (default benchmarks/target/fulltable)
#   BENCHMARK ARGS go to FullTableBenchmark: --seed S --settle SECONDS --hold SECONDS --receiver-threads T
#                 --read-delay-us U --speaker-java-opts "..." (see FullTableBenchmark.Options)
# Petrel runs through bin/petrel with the launcher's default JVM flags, or PETREL_JAVA_OPTS when set.
#
# Needs root (ip netns) and, for BIRD, bird and birdc on the PATH. Namespaces are fbPID-inj, fbPID-rtr and
# fbPID-rcv (PID of this script; rbPID-* in the reflector mode), addresses 10.255.0.0/24 and 10.255.2.0/24 (and
# 10.255.3-6.0/24 beyond 200 receivers) inside them only; all of it, and
# every process started in them, is removed after each run and again on exit.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
routers="bird petrel"
prefixes=1000000
receivers=1,10
runs=3
timeout=120
quiet_wait=300
out=$root/benchmarks/target/fulltable
fib=
idle=30
shape=()
args=()
while (($#)); do
    case $1 in
    --router) case $2 in both) routers="bird petrel" ;; *) routers=${2//,/ } ;; esac
        for r in $routers; do
            [[ $r =~ ^(bird|petrel|bird-scan[1-9][0-9]*)$ ]] || { echo "--router bird|petrel|both|bird-scanS,..." >&2; exit 2; }
        done
        shift 2 ;;
    --fib) fib=1; shift ;;
    --idle) idle=$2; shift 2 ;;
    --reflector) shape+=(--reflector); shift ;;
    --mesh) shape+=(--mesh "$2"); shift 2 ;;
    --prefixes) prefixes=$2; shift 2 ;;
    --receivers) receivers=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    --) shift; args=("$@"); break ;;
    *) echo "unknown argument $1 (benchmark arguments go after --)" >&2; exit 2 ;;
    esac
done
if ((EUID != 0)); then
    echo "fulltable.sh: needs root (it creates network namespaces)" >&2
    exit 1
fi
if [[ $routers == *bird* ]] && ! command -v bird >/dev/null; then
    echo "fulltable.sh: bird is not installed (apt-get install bird2)" >&2
    exit 1
fi
. "$root/bin/lib/java.sh"
petrel_find_java >/dev/null
cd "$root"
heap=-Xmx256m
mode=("${shape[@]}" --receivers)
if [[ -n $fib ]]; then
    receivers=0
    [[ ${#shape[@]} -eq 0 ]] || { echo "--fib has no reflector mode" >&2; exit 2; }
    mode=(--fib --idle "$idle" --receivers)
    heap=-Xmx2g # the FIB counter's set of prefixes, and a dump of the whole FIB
    [[ $out == "$root/benchmarks/target/fulltable" ]] && out=$root/benchmarks/target/fib
fi

# Build offline when a jar is missing or older than the sources. bin/petrel would otherwise build the daemon
# itself (online), so after an offline build its jar is marked fresh, as bin/petrel does after its own build.
stale() {
    [[ -f $1 ]] || return 0
    [[ -n $(find "$root"/*/src/main "$root"/pom.xml "$root"/*/pom.xml -newer "$1" -type f -print -quit 2>/dev/null) ]]
}
daemon_jar=$(ls -t daemon/target/petrel-daemon-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' -e '-javadoc' | head -1) || true
modules=benchmarks
[[ $routers == *petrel* ]] && modules=benchmarks,daemon
if stale benchmarks/target/benchmarks.jar || { [[ $routers == *petrel* ]] && stale "${daemon_jar:-/nonexistent}"; }; then
    echo "building ($modules, offline)..."
    MAVEN_OPTS=$(petrel_maven_opts) mvn -B -q -o -DskipTests -pl "$modules" -am package
    touch benchmarks/target/benchmarks.jar
    daemon_jar=$(ls -t daemon/target/petrel-daemon-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' -e '-javadoc' | head -1) || true
    [[ -n $daemon_jar ]] && touch "$daemon_jar"
fi

name=fb$$
[[ ${#shape[@]} -eq 0 ]] || name=rb$$ # the reflector mode's namespaces: rbPID-inj, rbPID-rtr, rbPID-rcv
child=
cleanup() {
    if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
        kill "$child" 2>/dev/null || true # its shutdown hook tears its namespaces down
        wait "$child" 2>/dev/null || true
    fi
    local ns pid
    for ns in $(ip netns list | awk '{print $1}' | grep "^$name-" || true); do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do
            kill -9 "$pid" 2>/dev/null || true # inside our own namespace: ours
        done
        ip netns del "$ns" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stamp=$(date +%Y%m%d-%H%M%S)
dir=$out/$stamp
mkdir -p "$dir"
kind="full table"
[[ ${#shape[@]} -gt 0 ]] && kind="route reflector (${shape[*]})"
shown=$prefixes
[[ " ${shape[*]} " == *" --mesh "* ]] && shown="${shape[-1]} per receiver"
echo "== ${fib:+kernel FIB, }$kind: $shown prefixes, routers: $routers, receivers: $receivers, $runs run(s); $(nproc) cores;" \
    "$(bird --version 2>&1 | head -1); logs in $dir"
failed=0
for ((i = 1; i <= runs; i++)); do
    for n in ${receivers//,/ }; do
        for r in $routers; do
            file=$dir/$r-$n-$i.txt
            what="$n receiver(s)"
            [[ -n $fib ]] && what="kernel FIB"
            echo "== $r, $what, run $i of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg)) -> $file"
            : >"$file" # before tail -f below looks for it
            "$JAVA_HOME/bin/java" -XX:+UseSerialGC "$heap" -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED \
                -cp benchmarks/target/benchmarks.jar dev.petrel.bench.fulltable.FullTableBenchmark \
                --router "$r" "${mode[@]}" "$n" --prefixes "$prefixes" --timeout "$timeout" --quiet-wait "$quiet_wait" --name "$name" \
                --root "$root" --out "$dir/$r-$n-$i" "${args[@]}" >"$file" 2>"$dir/$r-$n-$i.err" &
            child=$!
            tail -n +1 -f --pid="$child" "$file" &
            status=0
            wait "$child" || status=$?
            wait $! || true # tail ends once the run has
            child=
            if ((status != 0)); then
                failed=$((failed + 1))
                echo "run failed (exit $status); its stderr: $dir/$r-$n-$i.err"
            fi
        done
    done
done

# Median and range over the runs, per router and receiver count.
echo
echo "== summary: median (min-max) over $runs run(s); times and CPU in seconds, RSS in MiB, memory in bytes per route"
columns="announce_s withdraw_s cpu_announce_s cpu_withdraw_s peak_rss_mb heap_b_per_route mem_b_per_route others_cpu_announce_s"
[[ -n $fib ]] && columns="fib_announce_s fib_withdraw_s cpu_announce_s cpu_withdraw_s idle_cpu_s peak_rss_mb overruns others_cpu_announce_s"
cat "$dir"/*.txt | awk '$1 == "RESULT" { print $2, $3, $4, $5, $6 }' | sort -k1,1 -k2,2n -k4,4 -k5,5g | awk -v columns="$columns" '
    function flush() {
        if (key == "") return
        med = (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
        cell[key] = sprintf(v[n] >= 100 ? "%.0f (%.0f-%.0f)" : "%.2f (%.2f-%.2f)", med, v[1], v[n])
        if (!(row in seen)) { seen[row] = 1; rows[++nrows] = row }
    }
    { k = $1 " " $2 " " $3 SUBSEP $4 }
    k != key { flush(); key = k; row = $1 " " $2 " " $3; n = 0 }
    { v[++n] = $5 }
    END {
        flush()
        split(columns, cols, " ")
        printf "%-10s %4s %8s", "router", "rcv", "prefixes"
        for (c = 1; c <= 8; c++) printf " | %-20s", cols[c]
        printf "\n"
        for (r = 1; r <= nrows; r++) {
            split(rows[r], f, " ")
            printf "%-10s %4s %8s", f[1], f[2], f[3]
            for (c = 1; c <= 8; c++) { x = cell[rows[r] SUBSEP cols[c]]; printf " | %-20s", (x == "" ? "-" : x) }
            printf "\n"
        }
    }'
grep -h '^FAILED' "$dir"/*.txt 2>/dev/null || true
((failed == 0)) || { echo "$failed run(s) failed"; exit 1; }
