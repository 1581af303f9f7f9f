// Helpers of the MCP scripts: connecting the official MCP client over streamable HTTP, the
// credential's _meta key, a call's JSON-RPC refusal and a result's text.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

export const CREDENTIAL = 'org.paymentauth/credential'

/** An MCP client connected to `url`. */
export async function connect(url, name) {
  const client = new Client({ name, version: '0.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url)))
  return client
}

/** The JSON-RPC error a call answers, or a marker when it answered a result. */
export async function refusal(call) {
  try {
    const result = await call()
    return { code: null, result }
  } catch (error) {
    return { code: error.code ?? null, message: String(error.message), data: error.data ?? null }
  }
}

/** The first text content of a tool result. */
export const text = (result) => result.content?.find((c) => c.type === 'text')?.text ?? null
