// Command-line arguments of the tools' scripts: `--name value` pairs, some of them required.
export function parseArgs(argv, required) {
  const out = {}
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`)
    out[argv[i].slice(2)] = argv[i + 1]
  }
  for (const name of required) if (!out[name]) throw new Error(`missing --${name}`)
  return out
}
