#!/usr/bin/env bash
# Loopback load benchmark, one run, side by side on this machine:
#   (a) GET /free            the example server's bare servlet (no payment)
#   (b) GET /api/fortune     unpaid: a 402 issued by the filter (the real Tempo method)
#   (c) GET /api/fortune     paid: every request carries a fresh credential of the no-network method
#   (h) GET /free            carrying the same credentials, which nothing checks there: the cost of
#       the credential header alone (written by the client, parsed by Jetty), a ceiling for c/a
#   (d) GET /api/fortune     unpaid: the same 402 from the reference server (mppx on Node.js)
#   (e) GET /api/session-fortune  paid inside open sessions: 64 clients' channels seeded in the
#       server's memory store (no chain); each request carries its client's voucher, is checked
#       and charged one unit from that channel. Each channel carries far more than the default
#       limit of 10 vouchers/s, so this server raises its per-channel voucher rate limit
#       (SessionFixture.VOUCHER_RATE_LIMIT): the run measures the paid path, not the limiter
# Each case is measured in ROUNDS windows of DURATION seconds, alternating with its own server's
# GET /free (a), and reported as the median window; each ratio divides by the /free median of the
# same server, measured in the same minutes, so that the machine's drift (a tenth from one minute
# to the next on a shared virtual machine) does not land in one side of a ratio only.
# Prints a Markdown table with requests/s, p50/p99 latency, the share of the cores busy, the ratios
# b/a, c/a, h/a, e/a, b/d and the machine CPU per request of (a), (h) and (c), and writes it to
# benchmarks/target/load-results.md. Uses wrk (installed from Debian's packages when missing).
# Every case is measured warm: before it, the same load runs in windows of WARMUP_STEP seconds
# until two windows in a row agree within 10% (at least WARMUP, at most WARMUP_MAX seconds), so
# that a case is not measured while the JIT is still compiling (on two shared cores a fresh server
# takes 10 to 40 s to reach its steady rate, longer with long credential headers, which Jetty
# parses in the interpreter until C2 compiles its header parser). The warm-up each case took is
# reported beside it.
# Environment: DURATION (s, 10), ROUNDS (3), CONNECTIONS (32), THREADS (wrk threads, 1), WARMUP (s, 10),
# WARMUP_STEP (s, 5), WARMUP_MAX (s, 90);
# SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar; SERVER_JAVA_OPTS adds JVM options to the
# Java servers (e.g. a JFR recording or GC logging for profiling).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
duration=${DURATION:-10}
rounds=${ROUNDS:-3}
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
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_times() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8, $5 + $6 }' /proc/stat; }
# busy_share WRK_PID: percentage of the cores busy (server, client, kernel) in the middle of the
# window, once the server is under load (wrk runs a script's init() before its clock starts).
busy_share() {
  local t0 t1 before after
  t0=$(process_ticks "$server_pid")
  while sleep 0.2; t1=$(process_ticks "$server_pid"); [ $((t1 - t0)) -lt 10 ] && kill -0 "$1" 2>/dev/null; do
    t0=$t1
  done
  sleep 1; before=$(cpu_times); sleep $((duration > 4 ? duration - 3 : 1)); after=$(cpu_times)
  awk -v b="$before" -v a="$after" 'BEGIN { split(b, x, " "); split(a, y, " "); printf "%.0f", 100 * (1 - (y[2] - x[2]) / (y[1] - x[1])) }'
}
run_wrk() { # name url [lua]
  local name=$1 url=$2 script=${3:-}
  local args=(-t"$threads" -c"$connections" -d"${duration}s" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" >"$work/$name.txt" &
  local wrk_pid=$! busy
  busy=$(busy_share "$wrk_pid")
  wait "$wrk_pid"
  local rps p50 p99 non2xx total
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$name.txt")
  total=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/$name.txt")
  echo "$name $rps $p50 $p99 $total ${non2xx:-0} $busy" >>"$work/results"
  echo "    $name: $rps req/s, p50 $p50, p99 $p99, $total requests, ${non2xx:-0} non-2xx, cores ${busy}% busy"
}
# measure REF_NAME REF_URL NAME URL [LUA]: ROUNDS times, /free then the case. (The paid case has
# its own loop below: it mints each window's credentials and measures (h) in the same round.)
measure() {
  for _ in $(seq 1 "$rounds"); do
    run_wrk "$1" "$2"
    run_wrk "$3" "$4" "${5:-}"
  done
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
warm a_tempo "http://127.0.0.1:18181/free"; warm b_challenge "http://127.0.0.1:18181/api/fortune"
measure a_tempo "http://127.0.0.1:18181/free" b_challenge "http://127.0.0.1:18181/api/fortune"
stop_last

echo "==> (c) example server with the no-network method, paid requests"
start_java 18182 fake
paid_url="http://127.0.0.1:18182/api/fortune"
mint() { # RPS_SEEN [SECONDS FILE]: enough fresh credentials for that long at twice that rate
  local count
  count=$(awk -v r="$1" -v d="${2:-$warmup_step}" 'BEGIN { c = (r > 0 ? r : 30000) * d * 2 + 10000; if (c > 2000000) c = 2000000; printf "%d", c }')
  java -cp "$jar" io.mpp4j.benchmarks.CredentialFactory "$paid_url" "$count" "${3:-$work/warm-credentials.txt}"
}
warm a_fake "http://127.0.0.1:18182/free"
REFILL=mint MPP_CREDENTIALS="$work/warm-credentials.txt" MPP_THREADS="$threads" \
  warm c_paid "$paid_url" "$here/load/paid.lua"
mint_measured() { mint "$(awk '$1=="c_paid" {print $3}' "$work/warmups")" "$duration" "$work/credentials.txt"; }
# (h): the same server's GET /free carrying the same credentials, which nothing checks there: what
# the credential header alone costs (the client writing it, Jetty parsing it), a ceiling for c/a.
MPP_PATH=/free MPP_CYCLE=1 MPP_CREDENTIALS="$work/warm-credentials.txt" MPP_THREADS="$threads" \
  warm h_header "http://127.0.0.1:18182/free" "$here/load/paid.lua"
for _ in $(seq 1 "$rounds"); do
  run_wrk a_fake "http://127.0.0.1:18182/free"
  mint_measured
  MPP_CREDENTIALS="$work/credentials.txt" MPP_THREADS="$threads" \
    run_wrk c_paid "$paid_url" "$here/load/paid.lua"
  MPP_PATH=/free MPP_CYCLE=1 MPP_CREDENTIALS="$work/credentials.txt" MPP_THREADS="$threads" \
    run_wrk h_header "http://127.0.0.1:18182/free" "$here/load/paid.lua"
done
stop_last

echo "==> (e) example server serving sessions, paid requests inside an open session"
echo "    (per-channel voucher rate limit raised for the benchmark; the default is 10/s)"
start_java 18184 session
session_url="http://127.0.0.1:18184/api/session-fortune"
java -cp "$jar" io.mpp4j.benchmarks.SessionCredential "$session_url" >"$work/sessions.txt"
warm a_session "http://127.0.0.1:18184/free"
MPP_CREDENTIALS="$work/sessions.txt" warm e_session "$session_url" "$here/load/session.lua"
MPP_CREDENTIALS="$work/sessions.txt" \
  measure a_session "http://127.0.0.1:18184/free" e_session "$session_url" "$here/load/session.lua"
stop_last

echo "==> (d) reference server (mppx $(node -p "require('$root/tools/node_modules/mppx/package.json').version") on Node.js $(node -v))"
node "$here/node/reference-server.mjs" 18183 >"$work/node.log" 2>&1 &
pids+=($!); server_pid=$!
wait_port 18183
warm d_reference "http://127.0.0.1:18183/api/fortune"
for _ in $(seq 1 "$rounds"); do run_wrk d_reference "http://127.0.0.1:18183/api/fortune"; done
stop_last

mkdir -p "$here/target"
awk -v cores="$(nproc)" -v conns="$connections" -v dur="$duration" -v rounds="$rounds" -v cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" -v java="$(java -version 2>&1 | head -1)" '
  FNR == NR { warmed[$1] = $2; next }
  {
    c = $1; k = ++windows[c]
    if (k == 1) order[++cases] = c
    rate[c, k] = $2; p50[c, k] = $3; p99[c, k] = $4; total[c] += $5; bad[c] += $6; busy[c, k] = $7
  }
  function median(c,    i, j, n, idx, t) {
    n = windows[c]
    for (i = 1; i <= n; i++) idx[i] = i
    for (i = 2; i <= n; i++) for (j = i; j > 1 && rate[c, idx[j]] + 0 < rate[c, idx[j - 1]] + 0; j--) {
      t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t
    }
    return idx[int((n + 1) / 2)]
  }
  function ok(c) { return rps[c] * (total[c] - bad[c]) / (total[c] > 0 ? total[c] : 1) }
  END {
    label["a_tempo"]="(a) GET /free, bare servlet, on the Tempo server"
    label["b_challenge"]="(b) GET /api/fortune unpaid: 402 from the filter"
    label["a_fake"]="(a) GET /free, bare servlet, on the no-network server"
    label["c_paid"]="(c) GET /api/fortune paid (no-network method)"
    label["h_header"]="(h) GET /free carrying a charge credential nothing checks, no-network server"
    label["a_session"]="(a) GET /free, bare servlet, on the session server"
    label["e_session"]="(e) GET /api/session-fortune paid inside an open session"
    label["d_reference"]="(d) GET /api/fortune unpaid: 402 from mppx on Node.js"
    printf "Machine: %s, %d cores; %s; wrk %d connections; each case the median of %d windows of %d s, alternating with its server'"'"'s GET /free.\n\n", cpu, cores, java, conns, rounds, dur
    printf "| case | requests/s (median) | p50 | p99 | windows (requests/s) | requests | non-2xx | cores busy | warm-up |\n|---|---:|---:|---:|---|---:|---:|---:|---:|\n"
    for (i = 1; i <= cases; i++) {
      c = order[i]; m = median(c); rps[c] = rate[c, m]; all = ""
      for (k = 1; k <= windows[c]; k++) all = all (k > 1 ? ", " : "") int(rate[c, k] + 0.5)
      printf "| %s | %s | %s | %s | %s | %s | %s | %s%% | %s s |\n", label[c], rps[c], p50[c, m], p99[c, m], all, total[c], bad[c], busy[c, m], warmed[c]
    }
    printf "\n| ratio | value |\n|---|---:|\n"
    printf "| b/a (402 issuance vs bare servlet, Tempo server) | %.2f |\n", rps["b_challenge"] / rps["a_tempo"]
    printf "| c/a (paid vs bare servlet, no-network server; successful paid requests only) | %.2f |\n", ok("c_paid") / rps["a_fake"]
    printf "| h/a (the credential header alone vs bare servlet, no-network server): the ceiling of c/a | %.2f |\n", rps["h_header"] / rps["a_fake"]
    printf "| e/a (paid inside an open session vs bare servlet, session server; successful only) | %.2f |\n", ok("e_session") / rps["a_session"]
    printf "| b/d (402 issuance vs the reference Node server) | %.2f |\n", rps["b_challenge"] / rps["d_reference"]
    # CPU the machine spent per request (server, client and kernel): busy share x cores / rate.
    # At most every core can be busy, so c/a = 0.75 allows a paid request at most cores / (0.75 a).
    spent["a_fake"] = busy["a_fake", median("a_fake")] / 100 * cores * 1e6 / rps["a_fake"]
    spent["h_header"] = busy["h_header", median("h_header")] / 100 * cores * 1e6 / rps["h_header"]
    spent["c_paid"] = busy["c_paid", median("c_paid")] / 100 * cores * 1e6 / ok("c_paid")
    printf "\nMachine CPU per request (share of the cores busy x cores / requests per second; server, client and kernel): (a) %.1f µs, (h) %.1f µs, (c) %.1f µs. ", spent["a_fake"], spent["h_header"], spent["c_paid"]
    printf "Payment work in (c) costs %.1f µs (c minus h); c/a = 0.75 would leave it at most %.1f µs, even with every core busy (cores / (0.75 a) minus h).\n", spent["c_paid"] - spent["h_header"], 1e6 * cores / (0.75 * rps["a_fake"]) - spent["h_header"]
  }' "$work/warmups" "$work/results" | tee "$out"
echo "(written to $out)"
