#!/usr/bin/env node
// Pays a URL with the reference MPP client (mppx tempo charge) and prints one JSON line:
//   {"status":200,"receipt":{...decoded Payment-Receipt...}|null,"credential":"Payment ...","body":"..."}
// Usage: node mppx-pay.mjs --url URL --rpc RPC_URL --chain-id ID --key 0xPRIVATE_KEY [--mode pull|push]
// The private key is a throwaway test key; the credential is printed so tests can replay it.
import { Receipt } from 'mppx'
import { Mppx, tempo } from 'mppx/client'
import { createClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { tempo as tempoChain } from 'viem/tempo/chains'
import { parseArgs } from './cli.mjs'

const options = parseArgs(process.argv.slice(2), ['url', 'rpc', 'chain-id', 'key'])
const chainId = Number(options['chain-id'])
const account = privateKeyToAccount(options.key)
const chain = { ...tempoChain, id: chainId }

let credential = null
const mppx = Mppx.create({
  polyfill: false,
  maxPaymentRetries: 1,
  methods: [
    tempo.charge({
      account,
      ...(options.mode ? { mode: options.mode } : {}),
      getClient: () => createClient({ chain, transport: http(options.rpc) }),
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
