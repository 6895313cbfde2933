import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspectKnowledgeFiles, readKnowledgeFolder, servable } from '../../src/knowledge/load-knowledge.js';
import { buildServices } from '../../src/services.js';
import { decodeArtifacts, encodeArtifacts, MalformedArtifacts } from '../../src/startup/artifacts-codec.js';
import type { StartupArtifacts } from '../../src/startup/startup-artifacts.js';
import { FIXTURE_KNOWLEDGE, PACK_KNOWLEDGE } from '../helpers/fixture-services.js';

async function artifactsOf(dir: string): Promise<StartupArtifacts> {
  const report = servable(inspectKnowledgeFiles(dir, await readKnowledgeFolder(dir)));
  return { report, built: buildServices(report.base, { recordArtifacts: true }).artifacts! };
}

const encoded = (artifacts: StartupArtifacts) => Buffer.concat(encodeArtifacts(artifacts));

describe('start-up artifacts as bytes', () => {
  it.each([
    ['the bundled knowledge', PACK_KNOWLEDGE],
    ['the test knowledge', FIXTURE_KNOWLEDGE],
  ])('decode to what was encoded, for %s (the knowledge report deep-equal, key order and all)', async (_name, dir) => {
    const artifacts = await artifactsOf(dir);
    const decoded = decodeArtifacts(encoded(artifacts));
    // Plain data only: a Map, a Date or a shared object in the report would not survive JSON.
    expect(isDeepStrictEqual(decoded.report, artifacts.report)).toBe(true);
    expect(JSON.stringify(decoded.report)).toBe(JSON.stringify(artifacts.report));
    expect([...decoded.built.words.written]).toEqual([...artifacts.built.words.written]);
    expect([...decoded.built.words.known]).toEqual([...artifacts.built.words.known]);
    expect([...decoded.built.words.trials]).toEqual([...artifacts.built.words.trials]);
    expect(decoded.built.postings.terms).toEqual(artifacts.built.postings.terms);
    decoded.built.postings.lists.forEach((list, termId) => {
      expect([...list.passages]).toEqual([...artifacts.built.postings.lists[termId]!.passages]);
      expect([...list.tf]).toEqual([...artifacts.built.postings.lists[termId]!.tf]);
    });
    expect(decoded.built.readings.strings).toEqual(artifacts.built.readings.strings);
    expect([...decoded.built.readings.ints]).toEqual([...artifacts.built.readings.ints]);
    expect([...decoded.built.readings.grades]).toEqual([...artifacts.built.readings.grades]);
  });

  it('refuse bytes whose sections do not fit together', async () => {
    const artifacts = await artifactsOf(FIXTURE_KNOWLEDGE);
    const bytes = encoded(artifacts);
    expect(() => decodeArtifacts(bytes.subarray(0, 20))).toThrow(MalformedArtifacts);
    expect(() => decodeArtifacts(bytes.subarray(0, bytes.length - 4))).toThrow(/section 5 runs past the end/);
    expect(() => decodeArtifacts(Buffer.concat([bytes, Buffer.alloc(8)]))).toThrow(/bytes after the last section/);
    const lists = artifacts.built.postings.lists;
    const farPosting = { ...artifacts, built: { ...artifacts.built, postings: { ...artifacts.built.postings, lists: [{ passages: Int32Array.of(artifacts.report.base.passages.length), tf: Float64Array.of(1) }, ...lists.slice(1)] } } };
    expect(() => decodeArtifacts(encoded(farPosting))).toThrow(/a posting of no passage/);
    const fewerTerms = { ...artifacts, built: { ...artifacts.built, postings: { ...artifacts.built.postings, terms: artifacts.built.postings.terms.slice(1) } } };
    expect(() => decodeArtifacts(encoded(fewerTerms))).toThrow(/postings of another size than the vocabulary/);
  });
});
