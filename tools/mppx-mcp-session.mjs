#!/usr/bin/env node
// Pays MCP tools with the session intent through the reference MPP client: the official MCP client
// (@modelcontextprotocol/sdk, streamable HTTP) wrapped by mppx's McpClient with mppx's v1 session
// method (tempo.sessionLegacy.method, escrowContract set). Prints one JSON line:
//   {"tools":[...],"capability":{...},"unpaid":{code,data},"fortunes":[{content,receipt}],
//    "loremAuto":{...},"loremVoucher":{...},"replaySame":{code,data},"lower":{code,data},
//    "otherArguments":{code,data},"close":{content,receipt},"sent":[{tool,action,amount,code}]}
// Usage: node mppx-mcp-session.mjs --url MCP_URL --rpc RPC_URL --chain-id ID --key 0xKEY
//        --escrow 0xADDR --max-deposit DECIMAL [--replay-url MCP_URL_OF_ANOTHER_INSTANCE]
// Expects `fortune-session` (no arguments, 0.01 per call) and `lorem` ({words}, 0.001 per word).
// The private key is a throwaway test key.
import { tempo } from 'mppx/client'
import { McpClient } from 'mppx/mcp/client'
import { createClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { tempo as tempoChain } from 'viem/tempo/chains'
import { anvilTempoTransport } from './anvil-transport.mjs'
import { parseArgs } from './cli.mjs'
import { CREDENTIAL, connect, refusal, text } from './mcp-calls.mjs'

const paidResult = (result) => ({
  content: text(result),
  contentCount: result.content?.length ?? null,
  structured: result.structuredContent ?? null,
  receipt: result.receipt ?? null,
})
async function paidCall(call) {
  try {
    return paidResult(await call())
  } catch (error) {
    return { error: String(error?.shortMessage ?? error?.message ?? error), code: error?.code ?? null, data: error?.data ?? null }
  }
}

const options = parseArgs(process.argv.slice(2), ['url', 'rpc', 'chain-id', 'key', 'escrow', 'max-deposit'])
const account = privateKeyToAccount(options.key)
const chain = { ...tempoChain, id: Number(options['chain-id']) }
const viemClient = createClient({ account, chain, transport: anvilTempoTransport(options.rpc, chain) })

const client = await connect(options.url, 'mpp4j-mppx-mcp-session')
const raw = client.callTool.bind(client)
const out = { sent: [] }
out.tools = (await client.listTools()).tools.map((tool) => tool.name).sort()
out.capability = client.getServerCapabilities()?.experimental?.payment ?? null
out.unpaid = await refusal(() => raw({ name: 'fortune-session', arguments: {} }))

// records every credential the wrapper sends and what the server answered to it
const credentials = []
client.callTool = async (params, resultSchema, requestOptions) => {
  const credential = params?._meta?.[CREDENTIAL]
  if (!credential) return raw(params, resultSchema, requestOptions)
  const entry = { tool: params.name, arguments: params.arguments, action: credential.payload?.action, amount: credential.payload?.cumulativeAmount ?? null }
  credentials.push({ ...entry, credential })
  try {
    const result = await raw(params, resultSchema, requestOptions)
    out.sent.push({ ...entry, code: null })
    return result
  } catch (error) {
    out.sent.push({ ...entry, code: error.code ?? null, reason: error.data?.failure?.reason ?? null })
    throw error
  }
}
McpClient.wrap(client, {
  methods: [
    tempo.sessionLegacy.method({
      account,
      getClient: () => viemClient,
      escrowContract: options.escrow,
      maxDeposit: options['max-deposit'],
    }),
  ],
})

out.fortunes = []
for (let i = 0; i < 3; i++) out.fortunes.push(await paidCall(() => client.callTool({ name: 'fortune-session', arguments: {} })))
const channelId = out.fortunes[0].receipt?.channelId
// mppx's automatic mode raises each voucher by one unit: a call that uses two is refused once
// (-32043, the reservation given back), and its retry carries a voucher covering both
out.loremAuto = await paidCall(() => client.callTool({ name: 'lorem', arguments: { words: 2 } }))
// or the client sends a voucher that covers the whole usage up front (mppx's manual mode)
const spentBefore = BigInt(out.loremAuto.receipt?.spent ?? '0')
out.loremVoucher = await paidCall(() =>
  client.callTool({ name: 'lorem', arguments: { words: 3 } }, undefined, {
    context: { action: 'voucher', channelId, cumulativeAmountRaw: String(spentBefore + 3000n) },
  }),
)

const replayClient = options['replay-url'] ? await connect(options['replay-url'], 'mpp4j-mppx-mcp-session') : client
const replayRaw = options['replay-url'] ? replayClient.callTool.bind(replayClient) : raw
const withCredential = (sent, args) =>
  refusal(() => replayRaw({ name: sent.tool, arguments: args ?? sent.arguments, _meta: { [CREDENTIAL]: sent.credential } }))
const last = credentials[credentials.length - 1]
out.replaySame = await withCredential(last)
out.lower = await withCredential(credentials.find((c) => c.action === 'voucher' && c.tool === 'fortune-session'))
out.otherArguments = await withCredential(last, { words: 5 })

const spent = out.loremVoucher.receipt?.spent ?? '0'
out.close = await paidCall(() =>
  client.callTool({ name: 'fortune-session', arguments: {} }, undefined, {
    context: { action: 'close', channelId, cumulativeAmountRaw: spent },
  }),
)
await client.close()
if (replayClient !== client) await replayClient.close()
process.stdout.write(`${JSON.stringify(out)}\n`)
