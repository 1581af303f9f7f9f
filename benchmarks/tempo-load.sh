#!/usr/bin/env bash
# Tempo end to end on a local anvil chain: paid requests per second in pull and push mode through
# the example server, and the JSON-RPC calls the server makes per payment.
#   PAYMENTS=200 CLIENTS=8 bash benchmarks/tempo-load.sh     (from any directory)
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar. Prints a Markdown table and writes it to
# benchmarks/target/tempo-load.md. Loopback only; stops by itself.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
payments="${PAYMENTS:-200}"
clients="${CLIENTS:-8}"

bash tools/install.sh
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -pl benchmarks -am package -DskipTests
fi
# run a copy, so that a rebuild of the module during the run cannot pull the jar away
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp benchmarks/target/benchmarks.jar "$copy/"
java -Dmpp.tools.dir="$repo/tools" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$copy/benchmarks.jar" io.mpp4j.tempo.TempoLoadBenchmark "$payments" "$clients" \
  "$repo/benchmarks/target/tempo-load.md"
