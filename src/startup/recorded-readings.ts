import { CHOICE_ONLY, NONE, type HeadingReading, type PassageReading, type SentenceReader, type SentenceReading } from '../answer/sentence-reader.js';
import type { Intent } from '../domain/types.js';
import { splitSentences } from '../text/sentences.js';

// The readings a sentence reader gives while the sentence bank is built, recorded in the order they
// were asked for, and given back in that order by a reader that reads nothing. The bank asks for the
// same readings in the same order whenever it is built from the same knowledge, so a replay builds
// the same bank. A replay checks each call against the recording (what was asked, the length of the
// text) and throws a `ReplayMismatch` at the first difference.

/** Every string once in a table; everything else as numbers, call by call. */
export type RecordedReadings = { strings: readonly string[]; ints: Int32Array; grades: Float64Array };

export class ReplayMismatch extends Error {
  constructor(message: string) {
    super(`the recorded readings do not fit: ${message}`);
    this.name = 'ReplayMismatch';
  }
}

// What was asked for.
const PASSAGE = 1;
const HEADING = 2;
const TITLE = 3;
// A sentence's yes-or-no readings, one bit each.
const LIMITATION = 1;
const HARM = 2;
const QUANTITY = 4;
const INTERVAL = 8;
const QUESTION = 16;
const POINTER = 32;
const LATER = 64;

function flagsOf(sentence: SentenceReading): number {
  return (
    (sentence.statesLimitation ? LIMITATION : 0) |
    (sentence.statesHarm ? HARM : 0) |
    (sentence.quantity ? QUANTITY : 0) |
    (sentence.interval ? INTERVAL : 0) |
    (sentence.question ? QUESTION : 0) |
    (sentence.pointer ? POINTER : 0) |
    (sentence.advisesLater ? LATER : 0)
  );
}

/**
 * A reader that gives what `reader` gives, and records it. `recorded` hands the recording over once
 * reading is done (the recorder keeps nothing after: the services hold on to the reader they were built with).
 */
export function recordingReader(reader: SentenceReader): { reader: SentenceReader; recorded(): RecordedReadings } {
  let strings: string[] = [];
  let ids = new Map<string, number>();
  let ints: number[] = [];
  let grades: number[] = [];
  const record = (values: Iterable<string>): void => {
    const at = ints.length;
    ints.push(0);
    let count = 0;
    for (const value of values) {
      let id = ids.get(value);
      if (id === undefined) {
        id = strings.length;
        strings.push(value);
        ids.set(value, id);
      }
      ints.push(id);
      count += 1;
    }
    ints[at] = count;
  };
  return {
    reader: {
      passage(text) {
        const reading = reader.passage(text);
        ints.push(PASSAGE, text.length, reading.sentences.length);
        for (const sentence of reading.sentences) {
          ints.push(sentence.text.length, flagsOf(sentence));
          record(sentence.named);
          record(sentence.terms);
          // A sentence stating a limitation answers a choice only (CHOICE_ONLY): nothing to record.
          if (!sentence.statesLimitation) record(sentence.answers);
          record(sentence.defines);
          record(sentence.doses);
          record(sentence.reductionSteps);
          grades.push(sentence.grade);
        }
        // The whole text's concepts: those of its only sentence (the same set), or listed.
        const asSentence = reading.sentences.length === 1 && reading.named === reading.sentences[0]!.named;
        ints.push(asSentence ? 1 : 0);
        if (!asSentence) record(reading.named);
        return reading;
      },
      heading(section) {
        const reading = reader.heading(section);
        ints.push(HEADING, section.length);
        record(reading.named);
        record(reading.terms);
        record(reading.asks);
        return reading;
      },
      title(title) {
        const reading = reader.title(title);
        ints.push(TITLE, title.length);
        record(reading);
        return reading;
      },
    },
    recorded() {
      const recording = { strings, ints: Int32Array.from(ints), grades: Float64Array.from(grades) };
      [strings, ids, ints, grades] = [[], new Map(), [], []];
      return recording;
    },
  };
}

/**
 * A reader that gives the recorded readings back; `finish` checks that every one was asked for, and
 * lets the recording go.
 */
export function replayingReader(recorded: RecordedReadings): { reader: SentenceReader; finish(): void } {
  let { strings, ints, grades } = recorded;
  let at = 0;
  let gradeAt = 0;
  const next = (): number => {
    if (at >= ints.length) throw new ReplayMismatch('more was asked for than was recorded');
    return ints[at++]!;
  };
  const expect = (value: number, what: string): void => {
    if (next() !== value) throw new ReplayMismatch(what);
  };
  const set = <T extends string>(): Set<T> => {
    const count = next();
    if (count < 0 || count > ints.length - at) throw new ReplayMismatch('a set longer than the recording');
    const values = new Set<T>();
    for (let index = 0; index < count; index += 1) {
      const id = next();
      if (id < 0 || id >= strings.length) throw new ReplayMismatch('a string outside the table');
      values.add(strings[id] as T);
    }
    return values;
  };
  // The live reader gives the one shared empty set where a sentence defines or doses nothing.
  const setOrNone = (): ReadonlySet<string> => {
    const values = set();
    return values.size === 0 ? NONE : values;
  };
  const sentence = (text: string): SentenceReading => {
    expect(text.length, 'a sentence of another length');
    const flags = next();
    const named = set();
    const terms = set();
    const statesLimitation = (flags & LIMITATION) !== 0;
    const answers = statesLimitation ? CHOICE_ONLY : set<Intent>();
    const defines = setOrNone();
    const doses = setOrNone();
    const reductionSteps = setOrNone();
    if (gradeAt >= grades.length) throw new ReplayMismatch('more sentences than grades recorded');
    // Built in the live reader's key order, so both give objects of one shape.
    return {
      text,
      named,
      terms,
      statesLimitation,
      statesHarm: (flags & HARM) !== 0,
      answers,
      quantity: (flags & QUANTITY) !== 0,
      interval: (flags & INTERVAL) !== 0,
      defines,
      doses,
      reductionSteps,
      question: (flags & QUESTION) !== 0,
      pointer: (flags & POINTER) !== 0,
      advisesLater: (flags & LATER) !== 0,
      grade: grades[gradeAt++]!,
    };
  };
  return {
    reader: {
      passage(text): PassageReading {
        expect(PASSAGE, 'a passage was asked for where the recording has another reading');
        expect(text.length, 'a passage of another length');
        const texts = splitSentences(text);
        expect(texts.length, 'a passage of another number of sentences');
        const sentences = texts.map(sentence);
        const asSentence = next() === 1;
        if (asSentence && sentences.length !== 1) throw new ReplayMismatch('a passage of several sentences read as one');
        return { sentences, named: asSentence ? sentences[0]!.named : set() };
      },
      heading(section): HeadingReading {
        expect(HEADING, 'a heading was asked for where the recording has another reading');
        expect(section.length, 'a heading of another length');
        const named = set();
        const terms = set();
        const asks = set<Intent>();
        return { named, terms, asks };
      },
      title(title) {
        expect(TITLE, 'a title was asked for where the recording has another reading');
        expect(title.length, 'a title of another length');
        return set();
      },
    },
    finish() {
      if (at !== ints.length || gradeAt !== grades.length) throw new ReplayMismatch('fewer readings were asked for than were recorded');
      [strings, ints, grades, at, gradeAt] = [[], new Int32Array(0), new Float64Array(0), 0, 0];
    },
  };
}
