#!/usr/bin/env node
// Compiles tools/contracts/StreamChannelEscrow.sol with the pinned solc (npm) and prints one JSON
// line: {"runtime":"0x..."} (the deployed bytecode, for anvil_setCode). Tests run it; nothing it
// produces is committed.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import solc from 'solc'

const here = dirname(fileURLToPath(import.meta.url))
const source = readFileSync(join(here, 'contracts', 'StreamChannelEscrow.sol'), 'utf8')
const input = {
  language: 'Solidity',
  sources: { 'StreamChannelEscrow.sol': { content: source } },
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { StreamChannelEscrow: ['evm.deployedBytecode.object'] } },
  },
}
const output = JSON.parse(solc.compile(JSON.stringify(input)))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
if (errors.length > 0) {
  process.stderr.write(errors.map((e) => e.formattedMessage).join('\n'))
  process.exit(1)
}
const runtime = output.contracts['StreamChannelEscrow.sol'].StreamChannelEscrow.evm.deployedBytecode.object
process.stdout.write(`${JSON.stringify({ runtime: `0x${runtime}` })}\n`)
