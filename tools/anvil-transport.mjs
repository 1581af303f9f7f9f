// A viem transport for a local Tempo chain (anvil 1.7.1 in Tempo mode), which ignores the `calls`
// of a 0x76 transaction in eth_fillTransaction and eth_estimateGas, so a batched open (approve +
// open) gets far too little gas and reverts. This transport fills the gas as the sum of each call
// estimated as a plain {from, to, data} (a call that cannot be estimated alone, like open before
// its approve, gets 300k) plus overhead; every other request goes to the node unchanged.
import { custom, http } from 'viem'

export function anvilTempoTransport(rpcUrl, chain) {
  const node = http(rpcUrl)({ chain, retryCount: 0 })
  return custom({
    async request({ method, params }) {
      const calls = params?.[0]?.calls
      if (method === 'eth_fillTransaction' && Array.isArray(calls) && calls.length > 0) {
        const filled = await node.request({ method, params })
        let total = 50_000n
        for (const call of calls) {
          const single = { from: params[0].from, to: call.to, data: call.data ?? call.input }
          try {
            total += BigInt(await node.request({ method: 'eth_estimateGas', params: [single] }))
          } catch {
            total += 300_000n
          }
        }
        filled.tx.gas = `0x${total.toString(16)}`
        return filled
      }
      return node.request({ method, params })
    },
  })
}
