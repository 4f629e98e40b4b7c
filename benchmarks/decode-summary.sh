#!/usr/bin/env bash
# Times `petrel decode --summary` over a generated 1M-prefix IPv4 full-table stream, JVM start included.
# Usage: benchmarks/decode-summary.sh [PREFIXES] [RUNS]
# Prints each run's wall time and the median; the target (issue 2) is under 2 s for 1,000,000 prefixes.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
prefixes=${1:-1000000}
runs=${2:-5}
. "$root/bin/lib/java.sh"
petrel_find_java >/dev/null
cd "$root"
if [[ ! -f benchmarks/target/benchmarks.jar ]]; then
    MAVEN_OPTS=$(petrel_maven_opts) mvn -B -q -DskipTests -pl benchmarks,daemon -am package
fi
stream=$(mktemp --suffix=.bgp)
trap 'rm -f "$stream"' EXIT
"$JAVA_HOME/bin/java" -cp benchmarks/target/benchmarks.jar dev.petrel.bench.GenerateStream \
    --prefixes "$prefixes" --seed 1 --out "$stream"
bin/petrel decode --summary "$stream" >/dev/null # first run builds the class-data-sharing archive
times=()
for ((i = 1; i <= runs; i++)); do
    start=$(date +%s.%N)
    bin/petrel decode --summary "$stream" >/dev/null
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times+=("$t")
    printf 'run %d: %.2f s\n' "$i" "$t"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
printf 'median of %d runs: %.2f s for %d prefixes (JVM start included)\n' "$runs" "$median" "$prefixes"
