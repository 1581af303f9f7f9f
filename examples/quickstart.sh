#!/usr/bin/env bash
# Quick start: builds an example server, starts a local Tempo chain (anvil in Tempo mode, from
# npm), runs the server (in-memory store, plain HTTP for local development), pays GET /api/fortune
# once with the reference client mppx, prints curl examples, and keeps the server running until
# Ctrl-C. Needs Java 17+, Maven and Node.js 20+ with npm.
#   bash examples/quickstart.sh [jetty|spring] [--once]
#     jetty (default): the embedded Jetty example; spring: the Spring Boot example
#     --once: stop after the paid request instead of serving until Ctrl-C
#   PORT (8080) and ANVIL_PORT (8545) choose the ports; ANVIL=/path/to/anvil uses another build
#   of anvil 1.7.1 (the pinned npm package runs on linux-amd64 only).
set -euo pipefail
cd "$(dirname "$0")/.."
example=jetty
once=false
for arg in "$@"; do
  case "$arg" in
    jetty | spring) example=$arg ;;
    --once) once=true ;;
    *) echo "usage: bash examples/quickstart.sh [jetty|spring] [--once]" >&2; exit 2 ;;
  esac
done
port=${PORT:-8080}
anvil_port=${ANVIL_PORT:-8545}
# logs are kept after the script ends (also when it fails), so that a failure can be read later
logs=$(mktemp -d "${TMPDIR:-/tmp}/mpp4j-quickstart.XXXXXX")
chain_id=31337
path_usd=0x20c0000000000000000000000000000000000000
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "quickstart: logs kept in $logs" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { # message, log file to show
  echo "quickstart: $1" >&2
  if [[ -n "${2:-}" && -f "$2" ]]; then
    echo "---- last lines of $2 ----" >&2
    tail -n 60 "$2" >&2
    echo "----" >&2
  fi
  exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for p in "$port" "$anvil_port"; do
  if port_in_use "$p"; then
    fail "port $p is already in use on this machine; stop what listens there, or choose other ports with PORT=... ANVIL_PORT=..."
  fi
done

anvil=${ANVIL:-}
if [[ -z "$anvil" ]]; then
  if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    fail "the local chain pinned in tools/ (@foundry-rs/anvil-linux-amd64@1.7.1) runs on linux-amd64 only. On $(uname -s) $(uname -m), install the matching build of the same version from npm (@foundry-rs/anvil-darwin-arm64, -darwin-amd64, -linux-arm64 or -win32-amd64, all 1.7.1) and run again with ANVIL=/path/to/its/bin/anvil"
  fi
  anvil=tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
fi

echo "==> Installing the local Tempo chain and the reference client (pinned npm packages)"
bash tools/install.sh

if [[ "$example" == spring ]]; then
  echo "==> Building the Spring Boot example"
  mvn -q -B -pl examples-spring -am package -DskipTests
  jar=examples-spring/target/mpp-examples-spring.jar
else
  echo "==> Building the example server"
  mvn -q -B -pl examples -am package -DskipTests
  jar=examples/target/mpp-examples.jar
fi

echo "==> Starting a local Tempo chain on 127.0.0.1:$anvil_port"
"$anvil" --network tempo --host 127.0.0.1 --port "$anvil_port" --timestamp "$(date +%s)" \
  --accounts 20 >"$logs/anvil.log" 2>&1 &
anvil_pid=$!
pids+=($anvil_pid)
rpc="http://127.0.0.1:$anvil_port"
for _ in $(seq 1 120); do
  grep -q "Listening on" "$logs/anvil.log" && break
  kill -0 "$anvil_pid" 2>/dev/null || break
  sleep 0.25
done
grep -q "Listening on" "$logs/anvil.log" || fail "the local chain did not start" "$logs/anvil.log"
curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"evm_mine","params":[]}' "$rpc" >/dev/null
keys=$(sed -n '/^Private Keys/,/^Wallet/p' "$logs/anvil.log" | grep -oE '0x[0-9a-fA-F]{64}')
addresses=$(sed -n '/^Available Accounts/,/^Private Keys/p' "$logs/anvil.log" | grep -oE '0x[0-9a-fA-F]{40}')
merchant=$(echo "$addresses" | sed -n 2p)
payer_key=$(echo "$keys" | sed -n 6p)

echo "==> Starting the $example example on http://localhost:$port (merchant $merchant)"
PORT=$port MPP_ALLOW_HTTP=true MPP_REALM=localhost \
  MPP_SECRET_KEY=${MPP_SECRET_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')} \
  MPP_TEMPO_RPC_URL=$rpc MPP_TEMPO_CHAIN_ID=$chain_id \
  MPP_TEMPO_CURRENCY=$path_usd MPP_TEMPO_RECIPIENT=$merchant \
  java -jar "$jar" >"$logs/server.log" 2>&1 &
server=$!
pids+=($server)
# ready when our process is alive and answers /free with 200; a process that exits (a port taken
# meanwhile, a bad setting) or never answers is reported with its log, never mistaken for ready
ready=false
for _ in $(seq 1 240); do
  kill -0 "$server" 2>/dev/null || fail "the $example example exited during start-up" "$logs/server.log"
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/free" || true)" == 200 ]]; then
    ready=true
    break
  fi
  sleep 0.25
done
[[ "$ready" == true ]] || fail "the $example example did not answer on port $port within 60 s" "$logs/server.log"
kill -0 "$server" 2>/dev/null || fail "the $example example exited during start-up" "$logs/server.log"

echo
echo "==> 1. An unpaid request gets 402 with a Payment challenge"
curl -s -i "http://localhost:$port/api/fortune" | sed -n '1p;/^[Ww][Ww][Ww]-[Aa]uthenticate/p;/^[Cc]ache-[Cc]ontrol/p'
echo
echo "==> 2. mppx pays it on the local chain (pull mode: a signed Tempo transaction) and retries"
result=$(node tools/mppx-pay.mjs --url "http://localhost:$port/api/fortune" --rpc "$rpc" \
  --chain-id "$chain_id" --key "$payer_key" --mode pull)
node -e '
  const r = JSON.parse(process.argv[1]);
  if (r.status !== 200) { console.error("payment failed:", r.error ?? r.status, r.body ?? ""); process.exit(1); }
  console.log("HTTP", r.status);
  console.log("body:   ", r.body.trim());
  console.log("receipt:", JSON.stringify(r.receipt, null, 2));
' "$result" || fail "the paid request failed" "$logs/server.log"

if [[ "$once" == true ]]; then
  exit 0
fi

cat <<TXT

==> The server keeps running on http://localhost:$port (Ctrl-C stops it and the chain). Try:
  curl -i http://localhost:$port/free
  curl -i http://localhost:$port/api/fortune
  curl -i 'http://localhost:$port/api/search?q=machine+payments'
  curl -i -X POST --data 'hello' http://localhost:$port/api/echo
  curl -s http://localhost:$port/openapi.json
  node tools/mppx-pay.mjs --url http://localhost:$port/api/premium --rpc $rpc --chain-id $chain_id --key $(echo "$keys" | sed -n 7p) --mode push
Logs: $logs/server.log, $logs/anvil.log
TXT
wait "$server"
