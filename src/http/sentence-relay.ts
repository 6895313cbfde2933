import type { BlockKind } from '../domain/types.js';
import { splitSentences } from '../text/sentences.js';

/** One piece of streamed text: a sentence (or a heading) and the kind of block it belongs to. */
export type TextUnit = {
  text: string;
  kind: BlockKind;
  /** 0-based index of the block it belongs to: units with the same index are one paragraph or bullet. */
  block: number;
};

export type SentenceVerdict = { ok: true } | { ok: false; reason: string };

export type RelayOutcome =
  | { status: 'complete'; text: string; released: TextUnit[] }
  | { status: 'rejected'; reason: string; rejected: TextUnit; released: TextUnit[] }
  | { status: 'aborted'; released: TextUnit[] };

export type RelayOptions = {
  /** The model's draft as it arrives: markdown text deltas of any size. */
  deltas: AsyncIterable<string>;
  /** Checks one complete sentence or heading; only text that passes is released. */
  validate(unit: TextUnit): SentenceVerdict | Promise<SentenceVerdict>;
  /** Called with each unit that passed, in order. */
  release(unit: TextUnit): void | Promise<void>;
  signal?: AbortSignal;
};

const PITFALL_HEADING = /pitfall/i;
const REFERENCES_HEADING = /^references?$/i;
// "References", "**References:**" on a line of its own: what follows is the model's own list.
const REFERENCES_LINE = /^[*_]{0,2}references?:?[*_]{0,2}:?$/i;
const LIST_ITEM = /^(?:[-*+]|\d+[.)])\s+/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}/;

/**
 * Holds a markdown draft back until each sentence is complete, validates it, and releases only
 * sentences that pass. The first rejected sentence stops the relay (the caller aborts the model and
 * switches to the fallback answer); sentences already released were each validated on their own.
 *
 * A sentence is complete when the next one has started on the same line (the splitter needs the
 * following capital, so trailing [n] markers are never cut off), when its line ends, or at the end.
 */
export async function relayValidatedText(options: RelayOptions): Promise<RelayOutcome> {
  const released: TextUnit[] = [];
  const reader = createMarkdownReader();
  let text = '';
  let buffer = '';

  const offer = async (units: TextUnit[]): Promise<RelayOutcome | undefined> => {
    for (const unit of units) {
      if (options.signal?.aborted) return { status: 'aborted', released };
      const verdict = await options.validate(unit);
      if (!verdict.ok) return { status: 'rejected', reason: verdict.reason, rejected: unit, released };
      released.push(unit);
      await options.release(unit);
    }
    return undefined;
  };

  for await (const delta of options.deltas) {
    if (options.signal?.aborted) return { status: 'aborted', released };
    text += delta;
    buffer += delta;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const stopped = await offer(reader.line(buffer.slice(0, newline), true));
      if (stopped) return stopped;
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
    const stopped = await offer(reader.line(buffer, false));
    if (stopped) return stopped;
  }
  if (options.signal?.aborted) return { status: 'aborted', released };
  const stopped = await offer(reader.line(buffer, true));
  if (stopped) return stopped;
  return { status: 'complete', text, released };
}

/**
 * Reads markdown line by line into text units. For an unfinished line it returns only the sentences
 * that are certainly complete, and remembers how many of the line's sentences it has handed out.
 * Headings and table rows are released whole when their line ends.
 */
function createMarkdownReader() {
  let block = -1;
  let inPitfalls = false;
  let seenSection = false;
  let summaryTaken = false;
  let stopped = false; // after a "References" heading: the final answer lists references itself
  let lineKind: BlockKind | undefined;
  let handedOut = 0;
  let skipping = false; // the current line is not answer text (title, references)
  let inTable = false; // the previous line was a table row

  // Classifies a line; called once per line, when its kind can no longer change.
  const classify = (trimmed: string): BlockKind | undefined => {
    const tableRow = trimmed.startsWith('|');
    const headerRow = tableRow && !inTable; // a table's first row names its columns: not a claim
    inTable = tableRow;
    if (REFERENCES_LINE.test(trimmed)) stopped = true;
    if (stopped || headerRow || trimmed === '' || TABLE_SEPARATOR.test(trimmed) || /^\[\d+\]/.test(trimmed)) return undefined;
    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (heading) {
      const text = heading[2]!.trim();
      if (heading[1]!.length === 1 && !seenSection && block === -1) return undefined; // the title
      if (REFERENCES_HEADING.test(text)) {
        stopped = true;
        return undefined;
      }
      seenSection = true;
      inPitfalls = PITFALL_HEADING.test(text);
      return 'heading';
    }
    if (LIST_ITEM.test(trimmed) || trimmed.startsWith('|')) return inPitfalls ? 'pitfall' : 'bullet';
    if (!seenSection && !summaryTaken && !inPitfalls) {
      summaryTaken = true;
      return 'summary';
    }
    return inPitfalls ? 'pitfall' : 'paragraph';
  };

  return {
    /** The units of `line` not handed out yet; `finished` says whether the line has ended. */
    line(line: string, finished: boolean): TextUnit[] {
      const trimmed = line.trim();
      const whole = trimmed.startsWith('#') || trimmed.startsWith('|');
      if (skipping) {
        if (finished) reset();
        return [];
      }
      if (lineKind === undefined) {
        // Wait until the line shows what it is: a whole-line kind ends, or a word follows the marker.
        if (!finished && (whole || !/\S\s+\S/.test(trimmed))) return [];
        lineKind = classify(trimmed);
        if (lineKind === undefined) {
          skipping = !finished;
          return [];
        }
        block += 1;
      }
      const kind = lineKind;
      const body = bodyOf(trimmed);
      const sentences = kind === 'heading' || trimmed.startsWith('|') ? [body] : splitSentences(body);
      // An unfinished line's last sentence may still grow.
      const complete = finished ? sentences.length : Math.max(0, sentences.length - 1);
      const units = handedOut < complete ? sentences.slice(handedOut, complete).map((sentence) => ({ text: sentence, kind, block })) : [];
      handedOut = Math.max(handedOut, complete);
      if (finished) reset();
      return units.filter((unit) => unit.text.length > 0);
    },
  };

  function reset(): void {
    lineKind = undefined;
    handedOut = 0;
    skipping = false;
  }
}

/** A line's text without its markdown prefix; table cells joined like the final answer's blocks. */
function bodyOf(trimmed: string): string {
  const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
  if (heading) return heading[1]!.trim();
  if (LIST_ITEM.test(trimmed)) return trimmed.replace(LIST_ITEM, '');
  if (trimmed.startsWith('|')) {
    return trimmed.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()).filter(Boolean).join('; ');
  }
  return trimmed;
}
