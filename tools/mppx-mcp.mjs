#!/usr/bin/env node
// Drives an MCP server with paid tools through the reference MPP client: the official MCP client
// (@modelcontextprotocol/sdk, streamable HTTP) wrapped by mppx's McpClient with a tempo charge
// method. Prints one JSON line:
//   {"tools":[...],"capability":{...},"echo":"...","unpaid":{code,message,data},
//    "paid":{content,receipt,_meta},"replay":{code,...},"garbled":{kind:{code,...}},
//    "echoAfter":"...","unpaidAfter":{code,...}}
// Usage: node mppx-mcp.mjs --url MCP_URL --rpc RPC_URL --chain-id ID --key 0xPRIVATE_KEY
//        [--mode pull|push]
// The private key is a throwaway test key. Expects a free `echo` tool taking {text} and a paid
// `fortune` tool without arguments.
import { tempo } from 'mppx/client'
import { McpClient } from 'mppx/mcp/client'
import { createClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { tempo as tempoChain } from 'viem/tempo/chains'
import { parseArgs } from './cli.mjs'
import { CREDENTIAL, connect, refusal, text } from './mcp-calls.mjs'

const options = parseArgs(process.argv.slice(2), ['url', 'rpc', 'chain-id', 'key'])
const account = privateKeyToAccount(options.key)
const chain = { ...tempoChain, id: Number(options['chain-id']) }

const client = await connect(options.url, 'mpp4j-mppx-mcp')
const raw = client.callTool.bind(client)

const out = {}
out.tools = (await client.listTools()).tools.map((tool) => tool.name).sort()
out.capability = client.getServerCapabilities()?.experimental?.payment ?? null
out.echo = text(await client.callTool({ name: 'echo', arguments: { text: 'hello' } }))
out.unpaid = await refusal(() => raw({ name: 'fortune', arguments: {} }))

// records what the wrapper sends, so the credential can be replayed
let credential = null
client.callTool = (params, resultSchema, requestOptions) => {
  if (params?._meta?.[CREDENTIAL]) credential = params._meta[CREDENTIAL]
  return raw(params, resultSchema, requestOptions)
}
McpClient.wrap(client, {
  methods: [
    tempo.charge({
      account,
      ...(options.mode ? { mode: options.mode } : {}),
      getClient: () => createClient({ chain, transport: http(options.rpc) }),
    }),
  ],
})
try {
  const paid = await client.callTool({ name: 'fortune', arguments: {} })
  out.paid = { content: text(paid), structured: paid.structuredContent ?? null, receipt: paid.receipt ?? null, meta: paid._meta ?? null }
} catch (error) {
  out.paid = { error: String(error?.shortMessage ?? error?.message ?? error), code: error?.code ?? null, data: error?.data ?? null }
}
out.credentialSent = credential !== null

const withCredential = (value) => raw({ name: 'fortune', arguments: {}, _meta: { [CREDENTIAL]: value } })
out.replay = credential ? await refusal(() => withCredential(credential)) : null

const fresh = out.unpaid.data?.challenges?.[0] ?? {}
const garbled = {
  notAnObject: 'Payment eyJjaGFsbGVuZ2UiOnt9fQ',
  noPayload: { challenge: fresh },
  base64Request: { challenge: { ...fresh, request: 'eyJhbW91bnQiOiIxIn0' }, payload: { type: 'hash', hash: `0x${'ab'.repeat(32)}` } },
  forgedId: credential ? { ...credential, challenge: { ...credential.challenge, id: `${credential.challenge.id.slice(0, -2)}AA` } } : null,
  cheaperRequest: credential ? { ...credential, challenge: { ...credential.challenge, request: { ...credential.challenge.request, amount: '1' } } } : null,
  garbageTransaction: { challenge: fresh, payload: { type: 'transaction', signature: '0x76deadbeef' } },
}
out.garbled = {}
for (const [kind, value] of Object.entries(garbled)) out.garbled[kind] = await refusal(() => withCredential(value))

out.echoAfter = text(await client.callTool({ name: 'echo', arguments: { text: 'still serving' } }))
out.unpaidAfter = await refusal(() => raw({ name: 'fortune', arguments: {} }))
await client.close()
process.stdout.write(`${JSON.stringify(out)}\n`)
