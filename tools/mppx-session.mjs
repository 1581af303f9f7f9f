#!/usr/bin/env node
// Runs a session with the reference MPP client (mppx tempo.sessionLegacy, the v1 escrow client) and
// prints one JSON line: {"results":[...],"channelId":"0x..","cumulative":"..."} or {"error":"..."}.
// Each result lists the credentials the client sent during its step ("credentials": ["GET open",
// "POST voucher", ...]: the HTTP method and the payload's action, in order).
// Usage: node mppx-session.mjs --base URL --rpc RPC_URL --chain-id ID --key 0xKEY --escrow 0xADDR
//          --max-deposit DECIMAL --plan '[{"fetch":"/path"},{"sse":"/path"},{"close":true}]'
// The private key is a throwaway test key.
import { tempo } from 'mppx/client'
import { createClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { tempo as tempoChain } from 'viem/tempo/chains'
import { anvilTempoTransport } from './anvil-transport.mjs'
import { parseArgs } from './cli.mjs'

const options = parseArgs(process.argv.slice(2), ['base', 'rpc', 'chain-id', 'key', 'escrow', 'max-deposit', 'plan'])
const account = privateKeyToAccount(options.key)
const chain = { ...tempoChain, id: Number(options['chain-id']) }
const transport = anvilTempoTransport(options.rpc, chain)
const client = createClient({ account, chain, transport })
// Every credential sent, as "METHOD action"; with MPPX_TRACE=1, each request's method, URL,
// credential action and status also go to stderr.
const sent = []
async function tracingFetch(input, init) {
  const auth = new Headers(init?.headers).get('authorization')
  let action = null
  if (auth?.startsWith('Payment ')) {
    const json = JSON.parse(Buffer.from(auth.slice(8), 'base64url').toString('utf8'))
    action = json.payload?.action
    sent.push(`${init?.method ?? 'GET'} ${action}`)
  }
  const response = await fetch(input, init)
  if (process.env.MPPX_TRACE) {
    const problem = response.status >= 400 ? await response.clone().text() : ''
    process.stderr.write(`mppx ${init?.method ?? 'GET'} ${input} ${action ?? '-'} -> ${response.status} ${problem}\n`)
  }
  return response
}

const manager = tempo.sessionLegacy({
  account,
  fetch: tracingFetch,
  getClient: () => client,
  escrowContract: options.escrow,
  maxDeposit: options['max-deposit'],
})

const results = []
try {
  for (const step of JSON.parse(options.plan)) {
    const first = sent.length
    if (step.fetch) {
      const response = await manager.fetch(options.base + step.fetch)
      results.push({ step: 'fetch', status: response.status, receipt: response.receipt, body: await response.text() })
    } else if (step.sse) {
      const receipts = []
      const messages = []
      const stream = await manager.sse(options.base + step.sse, { onReceipt: (r) => receipts.push(r) })
      for await (const data of stream) messages.push(data)
      results.push({ step: 'sse', messages, receipts })
    } else if (step.close) {
      const receipt = await manager.close()
      results.push({ step: 'close', receipt })
    }
    results[results.length - 1].credentials = sent.slice(first)
  }
  process.stdout.write(
    `${JSON.stringify({ results, channelId: manager.channelId, cumulative: String(manager.cumulative) })}\n`,
  )
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ results, error: String(error?.shortMessage ?? error?.message ?? error) })}\n`,
  )
}
