// The reference TypeScript server (mppx) issuing the same 402 as the example server's
// GET /api/fortune, for the side-by-side load benchmark. Usage: node reference-server.mjs PORT
import * as http from 'node:http'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(path.join(here, '../../tools/package.json'))
const { Mppx, tempo } = await import(require.resolve('mppx/server'))

const port = Number(process.argv[2] ?? 8091)
const mppx = Mppx.create({
  methods: [
    tempo({
      currency: '0x20c0000000000000000000000000000000000000',
      recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      chainId: 31337,
    }),
  ],
  realm: 'localhost',
  secretKey: 'a-benchmark-secret-that-is-at-least-32-bytes',
})
const fortune = Mppx.toNodeListener(mppx.charge({ amount: '0.01', description: 'A fortune' }))

http
  .createServer(async (req, res) => {
    if (req.url === '/free') {
      res.setHeader('Content-Type', 'text/plain')
      res.end('free')
      return
    }
    const result = await fortune(req, res)
    if (result.status === 402) return
    res.end('fortune')
  })
  .listen(port, '127.0.0.1', () => console.error(`mppx reference server on ${port}`))
