#!/usr/bin/env bash
# Sessions end to end on a local anvil chain: one channel, REQUESTS paid requests (1000) each with
# a fresh voucher, settlement whenever SETTLE_ABOVE (1.00) is unsettled, a cooperative close; prints
# the on-chain transactions per 1,000 paid requests and writes benchmarks/target/session-load.md.
# The one client sends its vouchers back to back, far above the default limit of 10 vouchers/s per
# channel, so the benchmark raises that limit (and prints that it does).
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar. Loopback only; stops by itself.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash tools/install.sh
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -pl benchmarks -am package -DskipTests
fi
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp benchmarks/target/benchmarks.jar "$copy/"
java -Dmpp.tools.dir="$repo/tools" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$copy/benchmarks.jar" io.mpp4j.tempo.SessionLoadBenchmark "${REQUESTS:-1000}" \
  "${SETTLE_ABOVE:-1.00}" "$repo/benchmarks/target/session-load.md"
