import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerFingerprint, FINGERPRINT_FILE, fingerprintCorpus, fingerprintItems, type Fingerprints } from '../../bench/output-fingerprint.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

// The answer pipeline's output is recorded as fingerprints over a large corpus (npm run bench:output).
// Here a spread-out part of that corpus is answered again: a change that alters any of these answers
// fails, and `npm run bench:output -- --update` records new fingerprints when the change is meant to.
const EVERY = 15;

describe('output fingerprints', () => {
  const corpus = fingerprintCorpus();
  const recorded = JSON.parse(readFileSync(FINGERPRINT_FILE, 'utf8')) as Fingerprints;

  it('were recorded over the corpus as it is now (over 1,000 texts, both audiences)', () => {
    expect(recorded.items).toBe(corpus.length);
    expect(new Set(corpus.map((item) => item.message)).size).toBeGreaterThan(1000);
  });

  it('match for a spread of gold questions, chain turns, triage texts and test strings', async () => {
    const services = await servicesFor(PACK_KNOWLEDGE);
    // Single messages spread over the corpus, and every turn of a few whole chains (in order).
    const chains = [...new Set(corpus.filter((item) => item.chain).map((item) => item.chain!))].filter((_chain, index) => index % EVERY === 0);
    const chosen = corpus.map((item, index) => ({ item, index })).filter(({ item, index }) => (item.chain ? chains.includes(item.chain) : index % EVERY === 0));
    const measured = await fingerprintItems(services, chosen.map(({ item }) => item));
    const changed = chosen.filter(({ index }, position) => recorded.hashes[index] !== measured.hashes[position]).map(({ item }) => item.id);
    expect(chosen.length).toBeGreaterThan(300);
    expect(changed).toEqual([]);
    // Several hundred whole answers: on a busy machine this takes well over the default 20 s.
  }, 90_000);

  it('tell apart answers that differ in any field but the conversation id', async () => {
    const services = await servicesFor(PACK_KNOWLEDGE);
    const answer = await services.answer({ message: 'What is the dose of denosumab for bone metastases?' });
    expect(answerFingerprint({ ...answer, conversationId: 'another' })).toBe(answerFingerprint(answer));
    expect(answerFingerprint({ ...answer, followUps: [...answer.followUps, 'One more?'] })).not.toBe(answerFingerprint(answer));
    expect(answerFingerprint({ ...answer, markdown: `${answer.markdown} ` })).not.toBe(answerFingerprint(answer));
  });
});
