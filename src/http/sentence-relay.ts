import type { BlockKind, ValidationCheck } from '../domain/types.js';
import { splitSentences } from '../text/sentences.js';
import { tableRowText } from '../validation/markdown-structure.js';
import { isWrapperFence, normalizeVisibleText } from '../validation/visible-text.js';

/** One piece of streamed text: a sentence (or a heading) and the kind of block it belongs to. */
export type TextUnit = {
  text: string;
  kind: BlockKind;
  /** 0-based index of the block it belongs to: units with the same index are one paragraph or bullet. */
  block: number;
};

/** A unit as it is checked: with the markdown it is read from (a heading's level, a table row's header). */
export type CheckedUnit = TextUnit & { markdown: string };

/** A rejection carries the check and a reason as clients may see them, never the model's text. */
export type SentenceVerdict = { ok: true } | { ok: false; check: ValidationCheck; reason: string };

export type RelayOutcome =
  | { status: 'complete'; text: string; released: TextUnit[] }
  | { status: 'rejected'; check: ValidationCheck; reason: string; rejected: TextUnit; released: TextUnit[] }
  | { status: 'aborted'; released: TextUnit[] };

export type RelayOptions = {
  /** The model's draft as it arrives: markdown text deltas of any size. */
  deltas: AsyncIterable<string>;
  /** Checks one complete sentence, heading or table row; only text that passes is released. */
  validate(unit: CheckedUnit): SentenceVerdict | Promise<SentenceVerdict>;
  /** Called with each unit that passed, in order. */
  release(unit: TextUnit): void | Promise<void>;
  signal?: AbortSignal;
};

const PITFALL_HEADING = /pitfall/i;
const REFERENCES_HEADING = /^\W*(references?|sources?|bibliography|citations?)\W*$/i;
// "References", "**References:**" on a line of its own: what follows is the model's own list.
const REFERENCES_LINE = /^[*_]{0,2}references?:?[*_]{0,2}:?$/i;
const LIST_ITEM = /^(?:[-*+\u2022]|\d+[.)])\s+/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const THEMATIC_BREAK = /^(?:[-*_]\s*){3,}$/;
const SETEXT_UNDERLINE = /^(=+|-+)$/;
const BLOCKQUOTE = /^>\s?/;

/**
 * Holds a markdown draft back until each sentence is complete, validates it, and releases only
 * sentences that pass. The first rejected sentence stops the relay (the caller aborts the model and
 * switches to the fallback answer); sentences already released were each validated on their own.
 *
 * Text is normalised (visible-text.ts) as it arrives, so hidden characters split across deltas are
 * gone before a sentence is checked. A sentence is complete when the next one has started on the same
 * line (the splitter needs the following capital, so trailing [n] markers are never cut off), when its
 * line ends, or at the end. A line that may be a setext heading waits for the line under it.
 */
export async function relayValidatedText(options: RelayOptions): Promise<RelayOutcome> {
  const released: TextUnit[] = [];
  const reader = createMarkdownReader();
  let text = '';
  let buffer = '';

  const offer = async (units: CheckedUnit[]): Promise<RelayOutcome | undefined> => {
    for (const { markdown, ...unit } of units) {
      if (options.signal?.aborted) return { status: 'aborted', released };
      const verdict = await options.validate({ ...unit, markdown });
      if (!verdict.ok) return { status: 'rejected', check: verdict.check, reason: verdict.reason, rejected: unit, released };
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
      const stopped = await offer(reader.line(normalizeVisibleText(buffer.slice(0, newline)), true));
      if (stopped) return stopped;
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
    const stopped = await offer(reader.line(normalizeVisibleText(buffer), false));
    if (stopped) return stopped;
  }
  if (options.signal?.aborted) return { status: 'aborted', released };
  const stopped = (await offer(reader.line(normalizeVisibleText(buffer), true))) ?? (await offer(reader.end()));
  if (stopped) return stopped;
  return { status: 'complete', text, released };
}

/**
 * Reads markdown line by line into text units. For an unfinished line it returns only the sentences
 * that are certainly complete, and remembers how many of the line's sentences it has handed out.
 * Headings and table rows are released whole when their line ends; a table's header row is not
 * released, but each row is released and checked under its column headers, as the final answer shows it.
 */
function createMarkdownReader() {
  let block = -1;
  let inPitfalls = false;
  let seenSection = false;
  let summaryTaken = false;
  let stopped = false; // after a "References" heading: the final answer lists references itself
  let started = false; // a non-blank line has been seen
  let wrapped = false; // the draft opened with a fence around the whole answer
  let lineKind: BlockKind | undefined;
  let handedOut = 0;
  let header: string[] | undefined; // the column headers of the table being read
  let previousWasTable = false;
  let pending: string | undefined; // a finished one-line paragraph that a setext underline may turn into a heading

  const headingUnit = (text: string, level: number): CheckedUnit[] => {
    if (level === 1 && !seenSection && block === -1) return []; // the title: the service writes its own
    if (REFERENCES_HEADING.test(text)) {
      stopped = true;
      return [];
    }
    seenSection = true;
    inPitfalls = PITFALL_HEADING.test(text);
    block += 1;
    return [{ text, kind: 'heading', block, markdown: `${'#'.repeat(level)} ${text}` }];
  };

  const proseKind = (trimmed: string): BlockKind => {
    if (LIST_ITEM.test(trimmed)) return inPitfalls ? 'pitfall' : 'bullet';
    if (!seenSection && !summaryTaken && !inPitfalls) {
      summaryTaken = true;
      return 'summary';
    }
    return inPitfalls ? 'pitfall' : 'paragraph';
  };

  // The prose units of a line: `finished` says whether the line has ended.
  const prose = (trimmed: string, finished: boolean): CheckedUnit[] => {
    if (lineKind === undefined) {
      lineKind = proseKind(trimmed);
      block += 1;
    }
    const sentences = splitSentences(trimmed.replace(LIST_ITEM, ''));
    // An unfinished line's last sentence may still grow.
    const complete = finished ? sentences.length : Math.max(0, sentences.length - 1);
    const units = sentences.slice(handedOut, Math.max(handedOut, complete)).filter(Boolean);
    handedOut = Math.max(handedOut, complete);
    const kind = lineKind;
    return units.map((sentence) => ({ text: sentence, kind, block, markdown: sentence }));
  };

  const flushPending = (): CheckedUnit[] => {
    if (pending === undefined) return [];
    const line = pending;
    pending = undefined;
    const units = prose(line, true);
    reset();
    return units;
  };

  const tableRow = (trimmed: string, continuesTable: boolean): CheckedUnit[] => {
    if (TABLE_SEPARATOR.test(trimmed)) return [];
    const cells = trimmed.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
    if (!continuesTable) {
      header = cells; // a table's first row names its columns: checked with each row, not released
      return [];
    }
    block += 1;
    const kind = inPitfalls ? 'pitfall' : 'bullet';
    const columns = header ?? [];
    const markdown = `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n| ${cells.join(' | ')} |`;
    return [{ text: tableRowText(cells, columns), kind, block, markdown }];
  };

  // A whole line, once it has ended and is not prose being handed out sentence by sentence.
  const wholeLine = (trimmed: string): CheckedUnit[] | undefined => {
    const isTable = trimmed.startsWith('|');
    const wasTable = previousWasTable;
    previousWasTable = isTable;
    if (!isTable) header = undefined;
    if (isTable) return tableRow(trimmed, wasTable);
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(trimmed);
    if (heading) return headingUnit(heading[2]!.trim(), heading[1]!.length);
    return undefined;
  };

  return {
    /** The units of `line` not handed out yet; `finished` says whether the line has ended. */
    line(rawLine: string, finished: boolean): CheckedUnit[] {
      const trimmed = rawLine.trim().replace(BLOCKQUOTE, '').trim();
      if (stopped) return [];
      if (lineKind !== undefined) {
        const units = prose(trimmed, finished);
        if (finished) reset();
        return units;
      }
      if (!finished) {
        // An unfinished line is prose only once it holds a complete sentence and the start of the
        // next: a heading, table row, fence or setext heading shows what it is when its line ends.
        const whole = /^(#|\||```|~~~)/.test(trimmed);
        if (whole || pending !== undefined || splitSentences(trimmed.replace(LIST_ITEM, '')).length < 2) return [];
        return prose(trimmed, false);
      }

      const out: CheckedUnit[] = [];
      if (pending !== undefined) {
        const underline = SETEXT_UNDERLINE.exec(trimmed);
        if (underline) {
          const text = pending;
          pending = undefined;
          reset();
          return headingUnit(text, underline[1]!.startsWith('=') ? 1 : 2);
        }
        out.push(...flushPending());
      }
      if (trimmed === '') {
        previousWasTable = false;
        reset();
        return out;
      }
      if (!started) {
        started = true;
        if (isWrapperFence(trimmed)) {
          wrapped = true;
          return out;
        }
      }
      if (wrapped && /^(```|~~~)\s*$/.test(trimmed)) {
        wrapped = false;
        return out;
      }
      if (REFERENCES_LINE.test(trimmed) || /^\[\d+\]/.test(trimmed)) {
        if (REFERENCES_LINE.test(trimmed)) stopped = true;
        reset();
        return out;
      }
      if (THEMATIC_BREAK.test(trimmed) && !trimmed.startsWith('|')) return out;
      const wholeUnits = wholeLine(trimmed);
      if (wholeUnits) return [...out, ...wholeUnits];
      // A one-line paragraph may be a setext heading: it waits for the next line.
      if (!LIST_ITEM.test(trimmed)) {
        pending = trimmed;
        return out;
      }
      const units = prose(trimmed, true);
      reset();
      return [...out, ...units];
    },
    /** What is still held back when the draft ends. */
    end(): CheckedUnit[] {
      return stopped ? [] : flushPending();
    },
  };

  function reset(): void {
    lineKind = undefined;
    handedOut = 0;
  }
}
