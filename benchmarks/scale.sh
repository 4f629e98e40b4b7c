#!/usr/bin/env bash
# The sessions-at-scale benchmark (dev.petrel.bench.sessions.ScaleBenchmark): 1000 peers on one Petrel, test
# speakers in a child JVM, time to all Established, heap per idle session, keepalives over an idle window.
#
# Usage: benchmarks/scale.sh [--runs N] [--gc serial|g1|both] [--no-netns] [--out DIR] [-- BENCHMARK ARGS...]
#   --runs N      runs per collector (default 3); prints each run's table and then the median and range
#   --gc          Petrel's collector: serial (bin/petrel's default), g1 (the JVM's default) or both (default)
#   --no-netns    run on the host's loopback instead of a fresh network namespace (which needs root)
#   --out DIR     where the logs and tables go (default benchmarks/target/scale)
#   BENCHMARK ARGS go to ScaleBenchmark: --peers 1000 --idle 60 --hold 9 --keepalive 3 --mode passive|active
#                 --ebgp --go-at-start --speaker-threads 1 --port P --backlog N (see ScaleBenchmark.Options)
# JVM options for Petrel's JVM: SCALE_JAVA_OPTS (added after the collector flag).
#
# By default both JVMs run in a network namespace of their own (petrel-scale-PID, only lo, up): the 1000
# sessions use 127.0.0.1 and 127.1.x.y on that namespace's loopback, so nothing on the host (other builds,
# other tests' ports) shares their sockets, and the namespace is deleted afterwards.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=3
gcs="serial g1"
netns=1
out=$root/benchmarks/target/scale
args=()
while (($#)); do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --gc) case $2 in both) gcs="serial g1" ;; serial | g1) gcs=$2 ;; *) echo "--gc serial|g1|both" >&2; exit 2 ;; esac
        shift 2 ;;
    --no-netns) netns=0; shift ;;
    --out) out=$2; shift 2 ;;
    --) shift; args=("$@"); break ;;
    *) echo "unknown argument $1 (benchmark arguments go after --)" >&2; exit 2 ;;
    esac
done
. "$root/bin/lib/java.sh"
petrel_find_java >/dev/null
cd "$root"
if [[ ! -f benchmarks/target/benchmarks.jar ]]; then
    MAVEN_OPTS=$(petrel_maven_opts) mvn -B -q -o -DskipTests -pl benchmarks -am package
fi
mkdir -p "$out"
jvm_common=()
if ((PETREL_JAVA_MAJOR >= 23)); then
    jvm_common+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED) # Netty: no warnings
fi
read -r -a extra <<<"${SCALE_JAVA_OPTS:-}"

ns=
cleanup() {
    if [[ -n $ns ]]; then
        ip netns del "$ns" 2>/dev/null || true
    fi
}
trap cleanup EXIT
prefix=()
if ((netns)); then
    ns=petrel-scale-$$
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    prefix=(ip netns exec "$ns")
    args=(--port 179 "${args[@]}")
fi

stamp=$(date +%Y%m%d-%H%M%S)
for gc in $gcs; do
    case $gc in serial) gcflag=-XX:+UseSerialGC ;; g1) gcflag=-XX:+UseG1GC ;; esac
    for ((i = 1; i <= runs; i++)); do
        file=$out/$stamp-$gc-$i.txt
        echo "== $gc, run $i of $runs (load: $(cut -d' ' -f1-3 /proc/loadavg)) -> $file"
        "${prefix[@]}" "$JAVA_HOME/bin/java" "$gcflag" "${jvm_common[@]}" "${extra[@]}" \
            -cp benchmarks/target/benchmarks.jar dev.petrel.bench.sessions.ScaleBenchmark \
            --log "$out/$stamp-$gc-$i.log" "${args[@]}" | tee "$file" || echo "run failed (exit $?)"
    done
done

# Median and range of every RESULT over the runs, per collector.
echo
echo "== summary: median (min-max) over $runs runs"
for gc in $gcs; do
    echo "-- $gc"
    cat "$out/$stamp-$gc-"*.txt | awk '$1 == "RESULT" { print $2, $3 }' | sort -k1,1 -k2,2g | awk '
        function flush() {
            if (key == "") return
            printf "%-34s %12.1f  (%.1f-%.1f, n=%d)\n", key, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2), v[1], v[n], n
        }
        $1 != key { flush(); key = $1; n = 0 }
        { v[++n] = $2 }
        END { flush() }'
done
