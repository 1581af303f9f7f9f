#!/usr/bin/env node
// Subscribes to a URL with the reference MPP client (mppx tempo subscription) and fetches it
// --count times with the same client, printing one JSON line: an array with, per fetch,
//   {"status":200,"receipt":{...}|null,"credential":"Payment ...","body":"...","problem":{...}|null}
// Usage: node mppx-subscribe.mjs --url URL --rpc RPC_URL --chain-id ID --key 0xPRIVATE_KEY
//          [--mppx 0.11.0|0.9.0] [--count N]
// mppx 0.9.0 signs key authorizations without a TIP-1053 witness (Tempo T4 chains accept them);
// 0.11.0 binds them to the challenge with one (T5). The private key is a throwaway test key.
import { createClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { tempo as tempoChain } from 'viem/tempo/chains'
import { parseArgs } from './cli.mjs'

const options = parseArgs(process.argv.slice(2), ['url', 'rpc', 'chain-id', 'key'])
const version = options.mppx ?? '0.11.0'
const pkg = { '0.11.0': 'mppx', '0.9.0': 'mppx-0.9.0' }[version]
if (!pkg) throw new Error(`unsupported --mppx ${version}`)
const { Receipt } = await import(pkg)
const { Mppx, tempo } = await import(`${pkg}/client`)

const chainId = Number(options['chain-id'])
const account = privateKeyToAccount(options.key)
const chain = { ...tempoChain, id: chainId }
const count = Number(options.count ?? 1)

let credential = null
const mppx = Mppx.create({
  polyfill: false,
  maxPaymentRetries: 1,
  methods: [
    tempo.subscription({
      account,
      getClient: () => createClient({ chain, transport: http(options.rpc) }),
    }),
  ],
})
mppx.onCredentialCreated((event) => {
  credential = event.credential
})

const results = []
for (let i = 0; i < count; i++) {
  credential = null
  try {
    const response = await mppx.fetch(options.url)
    const header = response.headers.get('payment-receipt')
    const receipt = header ? Receipt.deserialize(header) : null
    const body = await response.text()
    let problem = null
    if (response.headers.get('content-type')?.includes('problem+json')) problem = JSON.parse(body)
    results.push({ status: response.status, receipt, credential, body, problem })
  } catch (error) {
    results.push({
      status: null,
      error: String(error?.shortMessage ?? error?.message ?? error),
      credential,
    })
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`)
