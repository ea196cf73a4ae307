// Yardsticks on the same corpus as bench_pipeline: wink-nlp (tokenize +
// sentence split + POS) and compromise (tokenize + tag + its coreference).
// Measured the way tools/bench_pipeline measures us: the whole text, one
// untimed warm-up pass (JIT compilation), then the best of RUNS passes.
// usage: node yardsticks.mjs CORPUS [COREF_TOKENS COREF_SECONDS]
// With coref's own best pass (from bench_pipeline) it prints one table of the
// rates and ratios; coref's token count of the same text is the common
// denominator, each tool's own count is shown beside it.
import { readFileSync } from 'node:fs'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import nlp from 'compromise'

const text = readFileSync(process.argv[2], 'utf8')
const corefTokens = Number(process.argv[3] || 0)
const corefSeconds = Number(process.argv[4] || 0)
const runs = Number(process.env.RUNS || 5)
// compromise takes ~5 s a pass on the UD dev corpus: fewer passes.
const compromiseRuns = Number(process.env.COMPROMISE_RUNS || Math.min(runs, 3))
const docs = text.split(/\n\n/)
const now = () => Number(process.hrtime.bigint()) / 1e9

// best(pass, n): one untimed warm-up pass, then the fastest of n passes.
function best (pass, n) {
  let out = pass()
  let seconds = Infinity
  for (let r = 0; r < n; r++) {
    const t0 = now()
    out = pass()
    seconds = Math.min(seconds, now() - t0)
  }
  return { ...out, seconds }
}

const wink = winkNLP(model, ['sbd', 'pos'])
const w = best(() => {
  let tokens = 0
  for (const d of docs) tokens += wink.readDoc(d).tokens().length()
  return { tokens }
}, runs)

const c = best(() => {
  let tokens = 0, links = 0
  for (const d of docs) {
    const doc = nlp(d)
    doc.compute('coreference')
    tokens += doc.terms().length
    links += doc.pronouns().hasReference().length
  }
  return { tokens, links }
}, compromiseRuns)

const rows = []
if (corefTokens > 0 && corefSeconds > 0) {
  rows.push({ name: 'coref end to end (bench_pipeline)', own: corefTokens, s: corefSeconds, runs: Number(process.env.COREF_RUNS || runs) })
}
rows.push({ name: 'wink-nlp tokenize+sbd+POS', own: w.tokens, s: w.seconds, runs })
rows.push({ name: `compromise tag+coreference (${c.links} links)`, own: c.tokens, s: c.seconds, runs: compromiseRuns })

const pad = (v, n) => String(v).padStart(n)
const common = corefTokens || null
console.log(`${'tool'.padEnd(42)}${pad('runs', 5)}${pad('seconds', 9)}${pad('own tokens', 11)}${pad('own tok/s', 10)}` +
  (common ? `${pad('coref tok/s', 12)}${pad('time/coref', 12)}` : ''))
for (const r of rows) {
  let line = `${r.name.padEnd(42)}${pad(r.runs, 5)}${pad(r.s.toFixed(3), 9)}${pad(r.own, 11)}${pad(Math.round(r.own / r.s), 10)}`
  // The same text through each tool: with coref's token count as the common
  // denominator, the rate ratio is the ratio of the wall times.
  if (common) line += `${pad(Math.round(common / r.s), 12)}${pad((r.s / corefSeconds).toFixed(2) + 'x', 12)}`
  console.log(line)
}
if (common) {
  console.log('coref tok/s: coref\'s token count of the same text over the tool\'s best pass; ' +
    'time/coref: the tool\'s best pass over coref\'s (above 1: coref is faster)')
}
