#!/usr/bin/env node
// Pays a URL with the official x402 v2 client (@x402/fetch + @x402/evm, exact/EIP-3009) and prints
// one JSON line:
//   {"status":200,"paymentResponse":{...decoded PAYMENT-RESPONSE...}|null,"paymentRequired":{...}|null,
//    "signature":"<PAYMENT-SIGNATURE sent>","body":"..."}
// Usage: node x402-pay.mjs --url URL --key 0xPRIVATE_KEY [--tamper amount=N|payTo=0x...]
// --tamper rewrites the first requirement of every PAYMENT-REQUIRED before the client reads it, so
// the client signs (and echoes) a payment the server did not ask for. The key is a throwaway test key.
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from '@x402/fetch'
import { registerExactEvmScheme } from '@x402/evm/exact/client'
import { privateKeyToAccount } from 'viem/accounts'
import { parseArgs } from './cli.mjs'

const options = parseArgs(process.argv.slice(2), ['url', 'key'])
const account = privateKeyToAccount(options.key)
const client = new x402Client()
registerExactEvmScheme(client, { signer: account })
client.setSpendControls(false)

const decode = (value) => (value ? JSON.parse(Buffer.from(value, 'base64').toString('utf8')) : null)
const encode = (json) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64')

let signature = null
let paymentRequired = null
const observingFetch = async (input, init) => {
  const request = new Request(input, init)
  if (request.headers.has('PAYMENT-SIGNATURE')) signature = request.headers.get('PAYMENT-SIGNATURE')
  const response = await fetch(request)
  const required = response.headers.get('PAYMENT-REQUIRED')
  if (response.status !== 402 || !required) return response
  paymentRequired = decode(required)
  if (!options.tamper) return response
  const [member, value] = options.tamper.split('=')
  const tampered = decode(required)
  tampered.accepts[0][member] = value
  const headers = new Headers(response.headers)
  headers.set('PAYMENT-REQUIRED', encode(tampered))
  return new Response(await response.text(), { status: response.status, headers })
}

try {
  const response = await wrapFetchWithPayment(observingFetch, client)(options.url)
  const header = response.headers.get('PAYMENT-RESPONSE')
  const body = await response.text()
  process.stdout.write(
    `${JSON.stringify({
      status: response.status,
      paymentResponse: header ? decodePaymentResponseHeader(header) : null,
      paymentRequired: decode(response.headers.get('PAYMENT-REQUIRED')),
      signature,
      body,
    })}\n`,
  )
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ status: null, error: String(error?.message ?? error), signature, paymentRequired })}\n`,
  )
}
