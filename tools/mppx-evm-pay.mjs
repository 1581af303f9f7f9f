#!/usr/bin/env node
// Pays a URL with the reference MPP client's evm method (mppx evm.charge: an EIP-3009 authorization
// whose nonce is bound to the challenge) and prints one JSON line:
//   {"status":200,"receipt":{...decoded Payment-Receipt...}|null,"credential":"Payment ...","body":"..."}
// Usage: node mppx-evm-pay.mjs --url URL --key 0xPRIVATE_KEY --token-name NAME --token-version VERSION
// mppx needs the token's EIP-712 name and version from its caller: challenges do not carry them.
import { Receipt } from 'mppx'
import { Mppx, evm } from 'mppx/client'
import { privateKeyToAccount } from 'viem/accounts'
import { parseArgs } from './cli.mjs'

const options = parseArgs(process.argv.slice(2), ['url', 'key', 'token-name', 'token-version'])
const account = privateKeyToAccount(options.key)

let credential = null
const mppx = Mppx.create({
  polyfill: false,
  maxPaymentRetries: 1,
  methods: [
    evm.charge({
      account,
      authorization: { name: options['token-name'], version: options['token-version'] },
    }),
  ],
})
mppx.onCredentialCreated((event) => {
  credential = event.credential
})

try {
  const response = await mppx.fetch(options.url)
  const header = response.headers.get('payment-receipt')
  const receipt = header ? Receipt.deserialize(header) : null
  const body = await response.text()
  process.stdout.write(`${JSON.stringify({ status: response.status, receipt, credential, body })}\n`)
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ status: null, error: String(error?.shortMessage ?? error?.message ?? error), credential })}\n`,
  )
}
