#!/usr/bin/env bash
# Loopback load benchmark, one run, side by side on this machine:
#   (a) GET /free            the example server's bare servlet (no payment)
#   (b) GET /api/fortune     unpaid: a 402 issued by the filter (the real Tempo method)
#   (c) GET /api/fortune     paid: every request carries a fresh credential of the no-network method
#   (d) GET /api/fortune     unpaid: the same 402 from the reference server (mppx on Node.js)
#   (e) GET /api/session-fortune  paid inside open sessions: 64 clients' channels seeded in the
#       server's memory store (no chain); each request carries its client's voucher, is checked
#       and charged one unit from that channel. Each channel carries far more than the default
#       limit of 10 vouchers/s, so this server raises its per-channel voucher rate limit
#       (SessionFixture.VOUCHER_RATE_LIMIT): the run measures the paid path, not the limiter
# Prints a Markdown table with requests/s, p50/p99 latency and the ratios b/a, c/a, b/d, and writes
# it to benchmarks/target/load-results.md. Uses wrk (installed from Debian's packages when missing).
# Every case is measured warm: before it, the same load runs in windows of WARMUP_STEP seconds
# until two windows in a row agree within 10% (at least WARMUP, at most WARMUP_MAX seconds), so
# that a case is not measured while the JIT is still compiling (on two shared cores a fresh server
# takes 10 to 40 s to reach its steady rate, longer with long credential headers, which Jetty
# parses in the interpreter until C2 compiles its header parser). The warm-up each case took is
# reported beside it.
# Environment: DURATION (s, 10), CONNECTIONS (32), THREADS (wrk threads, 1), WARMUP (s, 10),
# WARMUP_STEP (s, 5), WARMUP_MAX (s, 90);
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar; SERVER_JAVA_OPTS adds JVM options to the
# Java servers (e.g. a JFR recording or GC logging for profiling).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
warmup=${WARMUP:-10}
warmup_step=${WARMUP_STEP:-5}
warmup_max=${WARMUP_MAX:-90}
out="$here/target/load-results.md"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "==> installing wrk (Debian package)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get install -y -qq wrk >/dev/null 2>&1) || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
  else
    sudo apt-get install -y -qq wrk >/dev/null
  fi
fi
bash "$root/tools/install.sh"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "==> building"
  (cd "$root" && mvn -q -B -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true)
fi
jar="$here/target/benchmarks.jar"
# 4 GiB: the memory store keeps two claims per payment (about 0.5 KiB) and the paid case's warm-up
# and measurement make up to two million payments; a smaller heap ends the paid case in full
# collections (heap sizing, not the SDK). The throughput collector is the one a throughput
# benchmark wants on two cores.
java_opts=(-Xms4g -Xmx4g -XX:+UseParallelGC ${SERVER_JAVA_OPTS:-})

wait_port() {
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/free" && return 0; sleep 0.5; done
  echo "server on port $1 did not start" >&2; exit 1
}
start_java() { # port mode
  java "${java_opts[@]}" -cp "$jar" io.mpp4j.benchmarks.BenchmarkServer "$1" "$2" >"$work/server-$2.log" 2>&1 &
  pids+=($!); server_pid=$!
  wait_port "$1"
}
stop_last() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
run_wrk() { # name url [lua]
  local name=$1 url=$2 script=${3:-}
  local args=(-t"$threads" -c"$connections" -d"${duration}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$work/$name.txt"
  local rps p50 p99 non2xx total
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$name.txt")
  total=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/$name.txt")
  echo "$name $rps $p50 $p99 $total ${non2xx:-0}" >>"$work/results"
  echo "    $name: $rps req/s, p50 $p50, p99 $p99, $total requests, ${non2xx:-0} non-2xx"
}
# warm NAME URL [LUA]: load in windows until two agree within 10%; REFILL, when set, runs before
# each window (the paid case mints that window's credentials). Records the seconds it took.
warm() {
  local name=$1 url=$2 script=${3:-} previous=0 rps=0 elapsed=0
  local args=(-t"$threads" -c"$connections" -d"${warmup_step}s")
  [ -n "$script" ] && args+=(-s "$script")
  while :; do
    [ -n "${REFILL:-}" ] && "$REFILL" "$previous"
    wrk "${args[@]}" "$url" >"$work/warm-$name.txt"
    rps=$(awk '/^Requests\/sec/ {print $2}' "$work/warm-$name.txt")
    elapsed=$((elapsed + warmup_step))
    if [ "$elapsed" -ge "$warmup" ] && awk -v a="$previous" -v b="$rps" \
      'BEGIN { exit !(a > 0 && b <= a * 1.1 && b >= a * 0.9) }'; then
      break
    fi
    [ "$elapsed" -ge "$warmup_max" ] && break
    previous=$rps
  done
  echo "$name $elapsed $rps" >>"$work/warmups"
  echo "    $name warm after ${elapsed} s (last window $rps req/s)"
}

echo "==> (a)/(b) example server with the Tempo method"
start_java 18181 tempo
warm a_free "http://127.0.0.1:18181/free"; warm b_challenge "http://127.0.0.1:18181/api/fortune"
run_wrk a_free "http://127.0.0.1:18181/free"
run_wrk b_challenge "http://127.0.0.1:18181/api/fortune"
stop_last

echo "==> (c) example server with the no-network method, paid requests"
start_java 18182 fake
paid_url="http://127.0.0.1:18182/api/fortune"
mint() { # RPS_SEEN [SECONDS FILE]: enough fresh credentials for that long at twice that rate
  local count
  count=$(awk -v r="$1" -v d="${2:-$warmup_step}" 'BEGIN { c = (r > 0 ? r : 30000) * d * 2 + 10000; if (c > 2000000) c = 2000000; printf "%d", c }')
  java -cp "$jar" io.mpp4j.benchmarks.CredentialFactory "$paid_url" "$count" "${3:-$work/warm-credentials.txt}"
}
REFILL=mint MPP_CREDENTIALS="$work/warm-credentials.txt" MPP_THREADS="$threads" \
  warm c_paid "$paid_url" "$here/load/paid.lua"
mint "$(awk '$1=="c_paid" {print $3}' "$work/warmups")" "$duration" "$work/credentials.txt"
MPP_CREDENTIALS="$work/credentials.txt" MPP_THREADS="$threads" \
  run_wrk c_paid "$paid_url" "$here/load/paid.lua"
stop_last

echo "==> (e) example server serving sessions, paid requests inside an open session"
echo "    (per-channel voucher rate limit raised for the benchmark; the default is 10/s)"
start_java 18184 session
session_url="http://127.0.0.1:18184/api/session-fortune"
java -cp "$jar" io.mpp4j.benchmarks.SessionCredential "$session_url" >"$work/sessions.txt"
MPP_CREDENTIALS="$work/sessions.txt" warm e_session "$session_url" "$here/load/session.lua"
MPP_CREDENTIALS="$work/sessions.txt" run_wrk e_session "$session_url" "$here/load/session.lua"
stop_last

echo "==> (d) reference server (mppx $(node -p "require('$root/tools/node_modules/mppx/package.json').version") on Node.js $(node -v))"
node "$here/node/reference-server.mjs" 18183 >"$work/node.log" 2>&1 &
pids+=($!); server_pid=$!
wait_port 18183
warm d_reference "http://127.0.0.1:18183/api/fortune"
run_wrk d_reference "http://127.0.0.1:18183/api/fortune"
stop_last

mkdir -p "$here/target"
awk -v cores="$(nproc)" -v conns="$connections" -v dur="$duration" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" -v java="$(java -version 2>&1 | head -1)" '
  FNR == NR { warmed[$1] = $2; next }
  { name[++n]=$1; rps[$1]=$2; p50[$1]=$3; p99[$1]=$4; total[$1]=$5; bad[$1]=$6 }
  END {
    label["a_free"]="(a) GET /free, bare servlet"
    label["b_challenge"]="(b) GET /api/fortune unpaid: 402 from the filter"
    label["c_paid"]="(c) GET /api/fortune paid (no-network method)"
    label["d_reference"]="(d) GET /api/fortune unpaid: 402 from mppx on Node.js"
    label["e_session"]="(e) GET /api/session-fortune paid inside an open session"
    printf "Machine: %s, %d cores; %s; wrk %d connections, %d s per case.\n\n", cpu, cores, java, conns, dur
    printf "| case | requests/s | p50 | p99 | requests | non-2xx | warm-up |\n|---|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) { c = name[i]; printf "| %s | %s | %s | %s | %s | %s | %s s |\n", label[c], rps[c], p50[c], p99[c], total[c], bad[c], warmed[c] }
    okc = rps["c_paid"] * (total["c_paid"] - bad["c_paid"]) / (total["c_paid"] > 0 ? total["c_paid"] : 1)
    printf "\n| ratio | value |\n|---|---:|\n"
    printf "| b/a (402 issuance vs bare servlet) | %.2f |\n", rps["b_challenge"] / rps["a_free"]
    printf "| c/a (paid vs bare servlet; successful paid requests only) | %.2f |\n", okc / rps["a_free"]
    printf "| b/d (402 issuance vs the reference Node server) | %.2f |\n", rps["b_challenge"] / rps["d_reference"]
    oke = rps["e_session"] * (total["e_session"] - bad["e_session"]) / (total["e_session"] > 0 ? total["e_session"] : 1)
    printf "| e/a (paid inside an open session vs bare servlet; successful only) | %.2f |\n", oke / rps["a_free"]
  }' "$work/warmups" "$work/results" | tee "$out"
echo "(written to $out)"
