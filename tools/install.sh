#!/usr/bin/env bash
# Installs the test tools pinned in package-lock.json (anvil in Tempo mode, mppx, viem) into
# tools/node_modules. Idempotent: does nothing when the installed tree is newer than the lockfile.
set -euo pipefail
cd "$(dirname "$0")"
marker=node_modules/.package-lock.json
anvil=node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
if [[ -f "$marker" && -x "$anvil" && "$marker" -nt package-lock.json ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tools/install.sh: npm is required to install the test tools (Node.js >= 20)" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
