import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadServices, type BuiltServices } from '../src/services.js';
import { differences, FINGERPRINT_FILE, fingerprintCorpus, fingerprintItems, type Fingerprints } from './output-fingerprint.js';

// Usage: npm run bench:output            compare the pipeline's output with the recorded fingerprints
//        npm run bench:output -- --cached  the same, with services read from the start-up cache (written
//                                          by a first start into a scratch folder, read by a second)
//        npm run bench:output -- --update  record them again (after a change meant to alter output,
//                                          such as new knowledge or guide data)
const update = process.argv.includes('--update');
const cached = process.argv.includes('--cached');

async function servicesFromCache(): Promise<BuiltServices> {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'output-cache-'));
  try {
    await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules', cacheDir });
    const messages: string[] = [];
    const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules', cacheDir, logger: { debug: (_details, message) => messages.push(message) } });
    if (messages.join('; ') !== 'start-up cache read') throw new Error(`the second start did not read the start-up cache: ${messages.join('; ')}`);
    console.log('services read from the start-up cache');
    return services;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const services = cached ? await servicesFromCache() : await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
const items = fingerprintCorpus();
const started = performance.now();
const measured = await fingerprintItems(services, items);
const seconds = (performance.now() - started) / 1000;
const messages = new Set(items.map((item) => item.message)).size;
console.log(`${items.length} answers (${messages} distinct texts, both audiences) fingerprinted in ${seconds.toFixed(1)} s; combined ${measured.combined}`);

if (update) {
  // One hash a line keeps the file's diffs readable.
  const lines = measured.hashes.map((hash) => JSON.stringify(hash)).join(',\n');
  writeFileSync(FINGERPRINT_FILE, `{"items": ${measured.items}, "combined": "${measured.combined}", "hashes": [\n${lines}\n]}\n`);
  console.log(`recorded ${measured.items} fingerprints in ${FINGERPRINT_FILE}`);
} else {
  const recorded = JSON.parse(readFileSync(FINGERPRINT_FILE, 'utf8')) as Fingerprints;
  const changed = differences(items, recorded, measured);
  if (changed.length === 0) console.log(`identical: all ${measured.items} fingerprints match`);
  else {
    console.log(`${changed.length} differ; first few:`);
    for (const id of changed.slice(0, 20)) console.log(`  ${id}`);
    process.exitCode = 1;
  }
}
