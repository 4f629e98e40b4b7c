#!/usr/bin/env bash
# The route reflector fan-out benchmark: benchmarks/fulltable.sh --reflector with this benchmark's defaults. BIRD 2
# and Petrel, in turn, are a route reflector in AS 64512; the injector (one iBGP client) announces 100,000 prefixes
# of the synthetic full table and 200 receivers (iBGP clients, lightweight counting sessions in one JVM, each from
# its own address) must each receive every one. Per run: time from the injector's first UPDATE octet until every
# receiver holds every prefix, the same for withdrawing them, the reflector's CPU over each phase and peak RSS.
#
# The Calico shape (every node announcing its blocks, every node receiving all), 1,000 clients announcing 10 /26
# blocks each, 10,000 prefixes in all, each client receiving the 9,990 of the others:
#   benchmarks/reflector.sh --receivers 1000 --mesh 10
#
# Every option of fulltable.sh works here too (see benchmarks/fulltable.sh --help); later ones win, so
# --prefixes and --receivers override the defaults below. Needs root. Namespaces fbPID-*, addresses in
# 10.255.0.0/16 only, removed after each run.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
exec "$root/benchmarks/fulltable.sh" --reflector --prefixes 100000 --receivers 200 \
    --out "$root/benchmarks/target/reflector" "$@"
