#!/usr/bin/env bash
# Quick start: builds the example server, starts a local Tempo chain (anvil in Tempo mode, from
# npm), runs the server on embedded defaults (in-memory store, plain HTTP for local development),
# pays GET /api/fortune once with the reference client mppx, prints curl examples, and keeps the
# server running until Ctrl-C. Needs Java 17+, Maven and Node.js 20+ with npm.
#   PORT (8080) and ANVIL_PORT (8545) choose the ports.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${PORT:-8080}
anvil_port=${ANVIL_PORT:-8545}
work=$(mktemp -d)
chain_id=31337
path_usd=0x20c0000000000000000000000000000000000000
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url, what
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "quickstart: $2 did not come up; see $work" >&2
  exit 1
}

echo "==> Installing the local Tempo chain and the reference client (pinned npm packages)"
bash tools/install.sh

echo "==> Building the example server"
mvn -q -B -pl examples -am package -DskipTests

echo "==> Starting a local Tempo chain on 127.0.0.1:$anvil_port"
anvil=tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
"$anvil" --network tempo --host 127.0.0.1 --port "$anvil_port" --timestamp "$(date +%s)" \
  --accounts 20 >"$work/anvil.log" 2>&1 &
pids+=($!)
rpc="http://127.0.0.1:$anvil_port"
for _ in $(seq 1 120); do grep -q "Listening on" "$work/anvil.log" && break; sleep 0.25; done
grep -q "Listening on" "$work/anvil.log" || { echo "anvil did not start:" >&2; cat "$work/anvil.log" >&2; exit 1; }
curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"evm_mine","params":[]}' "$rpc" >/dev/null
keys=$(sed -n '/^Private Keys/,/^Wallet/p' "$work/anvil.log" | grep -oE '0x[0-9a-fA-F]{64}')
addresses=$(sed -n '/^Available Accounts/,/^Private Keys/p' "$work/anvil.log" | grep -oE '0x[0-9a-fA-F]{40}')
merchant=$(echo "$addresses" | sed -n 2p)
payer_key=$(echo "$keys" | sed -n 6p)

echo "==> Starting the example server on http://localhost:$port (merchant $merchant)"
PORT=$port MPP_ALLOW_HTTP=true MPP_REALM=localhost \
  MPP_SECRET_KEY=${MPP_SECRET_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')} \
  MPP_TEMPO_RPC_URL=$rpc MPP_TEMPO_CHAIN_ID=$chain_id \
  MPP_TEMPO_CURRENCY=$path_usd MPP_TEMPO_RECIPIENT=$merchant \
  java -jar examples/target/mpp-examples.jar >"$work/server.log" 2>&1 &
server=$!
pids+=($server)
wait_for "http://localhost:$port/free" "the example server"

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
' "$result"

cat <<TXT

==> The server keeps running on http://localhost:$port (Ctrl-C stops it and the chain). Try:
  curl -i http://localhost:$port/free
  curl -i http://localhost:$port/api/fortune
  curl -i 'http://localhost:$port/api/search?q=machine+payments'
  curl -i -X POST --data 'hello' http://localhost:$port/api/echo
  curl -s http://localhost:$port/openapi.json
  node tools/mppx-pay.mjs --url http://localhost:$port/api/premium --rpc $rpc --chain-id $chain_id --key $(echo "$keys" | sed -n 7p) --mode push
Logs: $work/server.log, $work/anvil.log
TXT
wait "$server"
