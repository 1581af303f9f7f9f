#!/usr/bin/env node
// Prints session vectors computed with the reference SDK's own modules (mppx 0.11.0, ox 0.14.33,
// viem 2.55.13), as one JSON line, for the Java implementation to be checked against:
//   v2: random TIP-1034 descriptors -> channel id (mppx precompile Channel.computeId with the
//       escrow, and ox Channel.computeId for the canonical precompile), voucher digest (ox
//       Channel.getVoucherSignPayload) and signature (viem signTypedData, "TIP20 Channel Reserve");
//       the expiringNonceHash of a signed open transaction (mppx computeExpiringNonceHash)
//   v1: random channels -> channel id (mppx legacy Channel.computeId) and voucher digest/signature
//   requests: the session challenge request mppx's precompile (v2) server issues (tempo.session in
//       Mppx.create, no network), for a few configurations: the base64url JCS `request` parameter
// Usage: node session-vectors.mjs [count]
import { randomBytes } from 'node:crypto'
import { Channel as OxChannel } from 'ox/tempo'
import { Mppx, tempo } from 'mppx/server'
import { createClient, defineChain, formatUnits, hashTypedData, http, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { Transaction } from 'viem/tempo'
import * as LegacyChannel from './node_modules/mppx/dist/tempo/legacy/session/Channel.js'
import * as PrecompileChannel from './node_modules/mppx/dist/tempo/session/precompile/Channel.js'

const count = Number(process.argv[2] ?? 8)
const hex = (n) => toHex(randomBytes(n))
const address = () => hex(20)
const pick = (list) => list[Math.floor(Math.random() * list.length)]
const zero = '0x0000000000000000000000000000000000000000'

function voucher(name, type, chainId, escrow, channelId, amount) {
  return {
    domain: { name, version: '1', chainId, verifyingContract: escrow },
    types: { Voucher: [{ name: 'channelId', type: 'bytes32' }, { name: 'cumulativeAmount', type }] },
    primaryType: 'Voucher',
    message: { channelId, cumulativeAmount: amount },
  }
}

const v2 = []
const v1 = []
for (let i = 0; i < count; i++) {
  const key = hex(32)
  const signer = privateKeyToAccount(key)
  const chainId = pick([4217, 42431, 31337])
  const descriptor = {
    payer: signer.address.toLowerCase(),
    payee: address(),
    operator: pick([zero, address()]),
    token: pick(['0x20c0000000000000000000000000000000000000', address()]),
    salt: hex(32),
    authorizedSigner: pick([zero, signer.address.toLowerCase()]),
    expiringNonceHash: hex(32),
  }
  const escrow = pick([OxChannel.address, address()])
  const channelId = PrecompileChannel.computeId({ ...descriptor, escrow, chainId })
  const amount = BigInt(`0x${randomBytes(12).toString('hex')}`)
  const typed = voucher('TIP20 Channel Reserve', 'uint96', chainId, escrow, channelId, amount)
  v2.push({
    chainId,
    escrow,
    descriptor,
    channelId,
    channelIdOx: escrow === OxChannel.address ? OxChannel.computeId(descriptor, { chainId }) : null,
    cumulativeAmount: amount.toString(),
    digest: hashTypedData(typed),
    digestOx:
      escrow === OxChannel.address
        ? OxChannel.getVoucherSignPayload({ chainId, channelId, cumulativeAmount: amount })
        : null,
    signature: await signer.signTypedData(typed),
    signer: signer.address.toLowerCase(),
  })
  const legacy = {
    payer: signer.address,
    payee: address(),
    token: address(),
    salt: hex(32),
    authorizedSigner: pick([zero, signer.address]),
    escrowContract: address(),
    chainId,
  }
  const legacyId = LegacyChannel.computeId(legacy)
  const legacyAmount = BigInt(`0x${randomBytes(16).toString('hex')}`)
  const legacyTyped = voucher('Tempo Stream Channel', 'uint128', chainId, legacy.escrowContract, legacyId, legacyAmount)
  v1.push({
    ...legacy,
    payer: legacy.payer.toLowerCase(),
    authorizedSigner: legacy.authorizedSigner.toLowerCase(),
    channelId: legacyId,
    cumulativeAmount: legacyAmount.toString(),
    digest: hashTypedData(legacyTyped),
    signature: await signer.signTypedData(legacyTyped),
  })
}

const sender = privateKeyToAccount(hex(32))
const tx = {
  chainId: 4217,
  calls: [{ to: OxChannel.address, data: hex(100) }],
  gas: 300000n,
  maxFeePerGas: 20000000000n,
  maxPriorityFeePerGas: 1000000000n,
  nonceKey: 2n ** 256n - 1n,
  nonce: 0n,
  validBefore: 1736165100,
  feeToken: '0x20c0000000000000000000000000000000000000',
  type: 'tempo',
}
const signedOpen = await sender.signTransaction(tx, { serializer: Transaction.serialize })
const expiringNonceHash = PrecompileChannel.computeExpiringNonceHash(Transaction.deserialize(signedOpen), {
  sender: sender.address,
})
// The payee of the Java side's tests (anvil account #1) is the recipient of every request.
const recipient = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const configs = [
  { price: '0.001', unitType: 'chunk', suggestedDeposit: '1.00', minVoucherDelta: null, operator: null, feePayer: false },
  { price: '0.0001', unitType: 'llm_token', suggestedDeposit: '2.50', minVoucherDelta: '250', operator: address(), feePayer: false },
  { price: '0.01', unitType: 'request', suggestedDeposit: '5.00', minVoucherDelta: '1', operator: address(), feePayer: true },
]
const requests = []
for (const config of configs) {
  const chainId = pick([4217, 42431, 31337])
  const currency = pick(['0x20c0000000000000000000000000000000000000', address()])
  const chain = defineChain({
    id: chainId,
    name: 'vectors',
    nativeCurrency: { name: 'USD', symbol: 'USD', decimals: 6 },
    rpcUrls: { default: { http: ['http://127.0.0.1:9'] } },
  })
  const mppx = Mppx.create({
    realm: 'api.example.com',
    secretKey: 'a-session-vectors-secret-of-32-bytes',
    methods: [
      tempo.session({
        chainId,
        currency,
        recipient,
        getClient: () => createClient({ chain, transport: http() }),
        ...(config.operator ? { operator: config.operator } : {}),
        ...(config.feePayer ? { feePayer: true } : {}),
      }),
    ],
  })
  const result = await mppx.session({
    amount: config.price,
    unitType: config.unitType,
    suggestedDeposit: config.suggestedDeposit,
    ...(config.minVoucherDelta ? { minVoucherDelta: formatUnits(BigInt(config.minVoucherDelta), 6) } : {}),
  })(new Request('https://api.example.com/api/stream'))
  const header = result.challenge.headers.get('www-authenticate')
  const request = /request="([^"]+)"/.exec(header)[1]
  requests.push({ ...config, chainId, currency, recipient, request, json: JSON.parse(Buffer.from(request, 'base64url').toString()) })
}

process.stdout.write(
  `${JSON.stringify({ v2, v1, requests, open: { transaction: signedOpen, sender: sender.address.toLowerCase(), expiringNonceHash } })}\n`,
)
