// Yardsticks on the same corpus as bench_pipeline: wink-nlp (tokenize +
// sentence split + POS) and compromise (tokenize + tag + its coreference).
import { readFileSync } from 'node:fs'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import nlp from 'compromise'

const text = readFileSync(process.argv[2], 'utf8')
const docs = text.split(/\n\n/)
const now = () => Number(process.hrtime.bigint()) / 1e9

const wink = winkNLP(model, ['sbd', 'pos'])
let t0 = now(), wtok = 0
for (const d of docs) wtok += wink.readDoc(d).tokens().length()
const wt = now() - t0
console.log(`wink-nlp (sbd+pos)            ${String(Math.round(wtok / wt)).padStart(10)} tokens/s  (${wtok} tokens, ${wt.toFixed(2)} s)`)

// compromise is much slower: time it on the first ~100k characters.
let sub = '', i = 0
while (sub.length < 100000 && i < docs.length) sub += docs[i++] + '\n\n'
t0 = now()
let ctok = 0, links = 0
for (const d of sub.split(/\n\n/)) {
  const doc = nlp(d)
  doc.compute('coreference')
  ctok += doc.terms().length
  links += doc.pronouns().hasReference().length
}
const ct = now() - t0
console.log(`compromise (tag+coreference)  ${String(Math.round(ctok / ct)).padStart(10)} tokens/s  (${ctok} tokens, ${ct.toFixed(2)} s, ${links} pronoun links)`)
