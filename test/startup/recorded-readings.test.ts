import { describe, expect, it } from 'vitest';
import { createSentenceReader, type SentenceReader } from '../../src/answer/sentence-reader.js';
import { createConceptMatcher } from '../../src/question/concept-matcher.js';
import { recordingReader, replayingReader, ReplayMismatch } from '../../src/startup/recorded-readings.js';
import { createAnalyzer } from '../../src/text/analyzer.js';
import { servicesFor, PACK_KNOWLEDGE } from '../helpers/fixture-services.js';

const { knowledge } = await servicesFor(PACK_KNOWLEDGE);
const guide = knowledge.guide!;
const live = createSentenceReader(guide, createConceptMatcher(guide.concepts, new Set()), createAnalyzer(knowledge.synonyms));
const plain = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (item instanceof Set ? { set: [...(item as Set<unknown>)] } : item));

/** Every passage, heading and title of the knowledge read through `reader`, in knowledge order. */
function readAll(reader: SentenceReader): unknown[] {
  return [...knowledge.passages.flatMap((passage) => [reader.passage(passage.text), reader.heading(passage.section)]), ...knowledge.documents.map((document) => reader.title(document.title))];
}

describe('recorded readings', () => {
  it('are given back as they were read, shared empty sets and all', () => {
    const recording = recordingReader(live);
    const read = readAll(recording.reader);
    const replay = replayingReader(recording.recorded());
    const replayed = readAll(replay.reader);
    replay.finish();
    expect(plain(replayed)).toBe(plain(read));
    // Where the live reader shares one set (a sentence that defines or doses nothing, a one-sentence
    // passage's concepts), the replay shares one too.
    const sentences = replayed.flatMap((reading) => ((reading as { sentences?: unknown[] }).sentences ?? []) as Array<{ defines: unknown; doses: unknown }>);
    expect(new Set(sentences.filter((sentence) => (sentence.defines as Set<string>).size === 0).map((sentence) => sentence.defines)).size).toBe(1);
    const single = replayed.filter((reading): reading is { sentences: Array<{ named: unknown }>; named: unknown } => (reading as { sentences?: unknown[] }).sentences?.length === 1);
    expect(single.length).toBeGreaterThan(100);
    for (const reading of single) expect(reading.named).toBe(reading.sentences[0]!.named);
  });

  // (What a text says is vouched for by the cache key; a replay checks that it is asked for the same calls.)
  it('refuse a text of another length, a reading of another kind, and more or fewer readings than recorded', () => {
    const [first] = knowledge.passages;
    const recording = recordingReader(live);
    recording.reader.passage(first!.text);
    recording.reader.heading(first!.section);
    const recorded = recording.recorded();

    expect(() => replayingReader(recorded).reader.passage(`${first!.text}!`)).toThrow(ReplayMismatch);
    expect(() => replayingReader(recorded).reader.heading(first!.section)).toThrow(/a heading was asked for where the recording has another reading/);

    const short = replayingReader(recorded);
    short.reader.passage(first!.text);
    expect(() => short.finish()).toThrow(/fewer readings were asked for/);
    short.reader.heading(first!.section);
    short.finish();
    expect(() => short.reader.title('A title')).toThrow(/more was asked for than was recorded/);
  });

  it('refuse numbers that point outside the string table', () => {
    const { title } = knowledge.documents.find((document) => live.title(document.title).size > 0)!;
    const recording = recordingReader(live);
    recording.reader.title(title);
    const recorded = recording.recorded();
    // The title's call, its length, how many concepts, then their strings.
    expect(recorded.ints[2]).toBeGreaterThan(0);
    const ints = Int32Array.from(recorded.ints);
    ints[3] = recorded.strings.length;
    expect(() => replayingReader({ ...recorded, ints }).reader.title(title)).toThrow(/a string outside the table/);
  });
});
