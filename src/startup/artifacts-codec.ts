import type { KnowledgeReport } from '../knowledge/load-knowledge.js';
import type { Posting } from '../retrieval/search-index.js';
import type { StartupArtifacts } from './startup-artifacts.js';

// Start-up artifacts as bytes: one JSON section (the knowledge report, the knowledge's words, the
// vocabulary of the index, the readings' string table), then the numbers as typed arrays (the index's
// postings, the readings). Decoding checks every length and every index into another section, and
// throws a `MalformedArtifacts` on the first that does not hold.

export class MalformedArtifacts extends Error {
  constructor(message: string) {
    super(`start-up artifacts malformed: ${message}`);
    this.name = 'MalformedArtifacts';
  }
}

type TextSection = {
  report: KnowledgeReport;
  words: { written: string[]; known: string[]; trials: string[] };
  terms: readonly string[];
  strings: readonly string[];
};

// The sections, in order: JSON, posting starts (Int32, one per term and one for the end), posting
// passages (Int32), posting frequencies (Float64), reading numbers (Int32), sentence grades (Float64).
const SECTIONS = 6;
const SIZE_BYTES = 8;

function bytesOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** The artifacts as chunks of bytes, to be written one after another. */
export function encodeArtifacts({ report, built }: StartupArtifacts): Buffer[] {
  const { words, postings, readings } = built;
  const text: TextSection = {
    report,
    words: { written: [...words.written], known: [...words.known], trials: [...words.trials] },
    terms: postings.terms,
    strings: readings.strings,
  };
  const starts = new Int32Array(postings.lists.length + 1);
  postings.lists.forEach((list, termId) => (starts[termId + 1] = starts[termId]! + list.passages.length));
  const total = starts[postings.lists.length]!;
  const passages = new Int32Array(total);
  const frequencies = new Float64Array(total);
  postings.lists.forEach((list, termId) => {
    passages.set(list.passages, starts[termId]!);
    frequencies.set(list.tf, starts[termId]!);
  });
  const sections = [Buffer.from(JSON.stringify(text), 'utf8'), bytesOf(starts), bytesOf(passages), bytesOf(frequencies), bytesOf(readings.ints), bytesOf(readings.grades)];
  const sizes = Buffer.alloc(SECTIONS * SIZE_BYTES);
  sections.forEach((section, index) => sizes.writeBigUInt64LE(BigInt(section.length), index * SIZE_BYTES));
  return [sizes, ...sections];
}

/** The artifacts back from the bytes of `encodeArtifacts`. */
export function decodeArtifacts(payload: Buffer): StartupArtifacts {
  if (payload.length < SECTIONS * SIZE_BYTES) throw new MalformedArtifacts('shorter than its table of sections');
  const sections: Buffer[] = [];
  let at = SECTIONS * SIZE_BYTES;
  for (let index = 0; index < SECTIONS; index += 1) {
    const size = Number(payload.readBigUInt64LE(index * SIZE_BYTES));
    if (size > payload.length - at) throw new MalformedArtifacts(`section ${index} runs past the end`);
    sections.push(payload.subarray(at, at + size));
    at += size;
  }
  if (at !== payload.length) throw new MalformedArtifacts('bytes after the last section');
  const [json, startBytes, passageBytes, frequencyBytes, readingBytes, gradeBytes] = sections as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];

  const text = JSON.parse(json.toString('utf8')) as TextSection;
  const starts = int32s(startBytes);
  const passages = int32s(passageBytes);
  const frequencies = float64s(frequencyBytes);
  const passageCount = text.report.base.passages.length;
  if (starts.length !== text.terms.length + 1 || starts[0] !== 0 || starts[text.terms.length] !== passages.length || frequencies.length !== passages.length) {
    throw new MalformedArtifacts('postings of another size than the vocabulary');
  }
  const lists: Posting[] = [];
  for (let termId = 0; termId < text.terms.length; termId += 1) {
    const from = starts[termId]!;
    const to = starts[termId + 1]!;
    if (to < from) throw new MalformedArtifacts('postings out of order');
    lists.push({ passages: passages.subarray(from, to), tf: frequencies.subarray(from, to) });
  }
  for (const passageIndex of passages) if (passageIndex < 0 || passageIndex >= passageCount) throw new MalformedArtifacts('a posting of no passage');

  return {
    report: text.report,
    built: {
      words: { written: new Set(text.words.written), known: new Set(text.words.known), trials: new Set(text.words.trials) },
      postings: { terms: text.terms, lists },
      readings: { strings: text.strings, ints: int32s(readingBytes), grades: float64s(gradeBytes) },
    },
  };
}

// Copied out (ArrayBuffer.slice), so that each array starts on its own aligned buffer.
function int32s(bytes: Buffer): Int32Array {
  if (bytes.length % Int32Array.BYTES_PER_ELEMENT !== 0) throw new MalformedArtifacts('a section of whole 32-bit numbers is not');
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

function float64s(bytes: Buffer): Float64Array {
  if (bytes.length % Float64Array.BYTES_PER_ELEMENT !== 0) throw new MalformedArtifacts('a section of whole 64-bit numbers is not');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}
