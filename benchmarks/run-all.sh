#!/usr/bin/env bash
# Every benchmark in one run, on one machine: JMH (engine, stores, Tempo pull checks), the
# loopback load comparison (load.sh), Tempo end to end on a local chain (tempo-load.sh) and
# sessions end to end on a local chain (session-load.sh).
# Writes benchmarks/target/benchmarks.md; docs/benchmarks.md publishes one such run.
# Run it on a quiet machine: nothing else should compete for the cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/target/benchmarks.md"

bash "$root/tools/install.sh"
(cd "$root" && mvn -q -B -pl benchmarks -am package -DskipTests)
mkdir -p "$here/target"

echo "==> JMH"
java -jar "$here/target/benchmarks.jar" -wi 3 -w 2 -i 5 -r 2 -f 1 \
  -rf json -rff "$here/target/jmh.json" >"$here/target/jmh.txt" 2>&1
echo "==> load"
SKIP_BUILD=1 bash "$here/load.sh"
echo "==> Tempo end to end"
SKIP_BUILD=1 bash "$here/tempo-load.sh"
echo "==> sessions end to end"
SKIP_BUILD=1 bash "$here/session-load.sh"

{
  echo "## JMH (average time per operation, 1 thread unless noted)"
  echo
  echo "| benchmark | µs/op | ± (99.9%) |"
  echo "|---|---:|---:|"
  node -e '
    const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const r of results) {
      const name = r.benchmark.replace(/^.*\.(\w+\.\w+)$/, "$1") + (r.threads > 1 ? ` (${r.threads} threads)` : "");
      console.log(`| ${name} | ${r.primaryMetric.score.toFixed(2)} | ${r.primaryMetric.scoreError.toFixed(2)} |`);
    }' "$here/target/jmh.json"
  echo
  echo "## Loopback load"
  echo
  cat "$here/target/load-results.md"
  echo
  cat "$here/target/tempo-load.md"
  echo
  echo "## Sessions on the local chain"
  echo
  cat "$here/target/session-load.md"
} >"$out"
echo "==> written to $out"
