import { describe, expect, it } from 'vitest';
import { relayValidatedText, type SentenceVerdict, type TextUnit } from '../../src/http/sentence-relay.js';

/** A scripted model: yields the deltas in order and records whether it saw an abort. */
function scriptedModel(deltas: string[], signal?: AbortSignal) {
  const seen = { yielded: 0, aborted: false, returned: false };
  signal?.addEventListener('abort', () => (seen.aborted = true));
  async function* stream() {
    try {
      for (const delta of deltas) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (signal?.aborted) return;
        seen.yielded += 1;
        yield delta;
      }
    } finally {
      seen.returned = true;
    }
  }
  return { stream: stream(), seen };
}

// Headings are not claims; every other unit must end with [n] markers.
const citedOnly = (unit: TextUnit): SentenceVerdict =>
  unit.kind === 'heading' || /(\[\d+\])+[.!?]?$|[.!?](\s*\[\d+\])+$/.test(unit.text) ? { ok: true } : { ok: false, check: 'citation', reason: `Uncited: "${unit.text}"` };

/** Splits text into deltas of `size` characters, cutting through words and markers. */
const chop = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

const DRAFT = [
  '# Denosumab dosing',
  '',
  'Denosumab 120 mg is given every 4 weeks [1]. It is injected under the skin [1].',
  '',
  '## Before starting',
  '- Correct low calcium before the first dose [2].',
  '- Check the teeth [3]. See a dentist first [3].',
  '',
  '## Common pitfalls',
  '- Do not start with untreated low calcium [2].',
  '',
  '## References',
  '[1] Denosumab label',
].join('\n');

describe('relayValidatedText', () => {
  it.each([1, 3, 7, 40, 10_000])('releases every sentence once, in order, whatever the delta size (%i)', async (size) => {
    const released: TextUnit[] = [];
    const outcome = await relayValidatedText({ deltas: scriptedModel(chop(DRAFT, size)).stream, validate: citedOnly, release: (unit) => void released.push(unit) });
    expect(outcome.status).toBe('complete');
    expect(released).toEqual([
      { text: 'Denosumab 120 mg is given every 4 weeks [1].', kind: 'summary', block: 0 },
      { text: 'It is injected under the skin [1].', kind: 'summary', block: 0 },
      { text: 'Before starting', kind: 'heading', block: 1 },
      { text: 'Correct low calcium before the first dose [2].', kind: 'bullet', block: 2 },
      { text: 'Check the teeth [3].', kind: 'bullet', block: 3 },
      { text: 'See a dentist first [3].', kind: 'bullet', block: 3 },
      { text: 'Common pitfalls', kind: 'heading', block: 4 },
      { text: 'Do not start with untreated low calcium [2].', kind: 'pitfall', block: 5 },
    ]);
    if (outcome.status === 'complete') expect(outcome.text).toBe(DRAFT);
  });

  it('holds a sentence back until its trailing markers have arrived', async () => {
    const released: string[] = [];
    const checked: string[] = [];
    const deltas = ['Zoledronic acid is given every 4 weeks.', ' [1', '][2]', ' Next sentence [1].'];
    await relayValidatedText({
      deltas: scriptedModel(deltas).stream,
      validate: (unit) => {
        checked.push(unit.text);
        return citedOnly(unit);
      },
      release: (unit) => void released.push(unit.text),
    });
    expect(checked).toEqual(['Zoledronic acid is given every 4 weeks. [1][2]', 'Next sentence [1].']);
    expect(released).toEqual(checked);
  });

  it('stops at the first rejected sentence: what was released stays, nothing after it is released', async () => {
    const released: TextUnit[] = [];
    const controller = new AbortController();
    const model = scriptedModel(
      chop('Denosumab is given every 4 weeks [1]. It cures bone metastases. It is injected under the skin [1].\n- More text [2].', 5),
      controller.signal,
    );
    const outcome = await relayValidatedText({ deltas: model.stream, validate: citedOnly, release: (unit) => void released.push(unit), signal: controller.signal });
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'Uncited: "It cures bone metastases."', rejected: { text: 'It cures bone metastases.', kind: 'summary' } });
    expect(released.map((unit) => unit.text)).toEqual(['Denosumab is given every 4 weeks [1].']);
    for (const unit of released) expect(citedOnly(unit).ok).toBe(true);
    expect(model.seen.returned).toBe(true); // the relay stopped reading the model's stream
  });

  it('awaits an async validator before releasing', async () => {
    const order: string[] = [];
    await relayValidatedText({
      deltas: scriptedModel(['One [1]. Two [1].']).stream,
      validate: async (unit) => {
        order.push(`check ${unit.text}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ok: true };
      },
      release: (unit) => void order.push(`release ${unit.text}`),
    });
    expect(order).toEqual(['check One [1].', 'release One [1].', 'check Two [1].', 'release Two [1].']);
  });

  it('stops when aborted, and the model sees the abort', async () => {
    const controller = new AbortController();
    const model = scriptedModel(Array.from({ length: 50 }, (_, index) => `Sentence ${index} [1]. `), controller.signal);
    const released: string[] = [];
    const outcome = await relayValidatedText({
      deltas: model.stream,
      validate: citedOnly,
      release: (unit) => {
        released.push(unit.text);
        if (released.length === 3) controller.abort();
      },
      signal: controller.signal,
    });
    expect(outcome.status).toBe('aborted');
    expect(model.seen.aborted).toBe(true);
    expect(model.seen.yielded).toBeLessThan(50);
    expect(released).toHaveLength(3);
  });

  it('drops the title, a table header and a trailing reference list, and joins table cells', async () => {
    const released: TextUnit[] = [];
    const draft = '# Title\n\nSummary [1].\n\n| Agent | Dose |\n|---|---|\n| Denosumab | 120 mg [1] |\n\n**References**\n1. Denosumab label\n';
    await relayValidatedText({ deltas: scriptedModel(chop(draft, 4)).stream, validate: () => ({ ok: true }), release: (unit) => void released.push(unit) });
    expect(released.map((unit) => [unit.kind, unit.text])).toEqual([
      ['summary', 'Summary [1].'],
      ['bullet', 'Agent: Denosumab; Dose: 120 mg [1]'],
    ]);
  });

  it('checks each unit as the final answer reads it: a setext heading, a row under its headers, a fence line', async () => {
    const checked: Array<[string, string]> = [];
    const draft = '```markdown\nDosing\n------\n\n| Agent | Dose |\n|---|---|\n| Denosumab | 120 mg [1] |\n\n```\nrm -rf\n```\n```\n';
    await relayValidatedText({
      deltas: scriptedModel(chop(draft, 3)).stream,
      validate: (unit) => {
        checked.push([unit.kind, unit.markdown]);
        return { ok: true };
      },
      release: () => undefined,
    });
    expect(checked).toEqual([
      ['heading', '## Dosing'],
      ['bullet', '| Agent | Dose |\n|---|---|\n| Denosumab | 120 mg [1] |'],
      // The wrapper's opening fence is not text, and the first bare fence closes it; every line after
      // it is offered (and a fence line fails as markup).
      ['paragraph', 'rm -rf'],
      ['paragraph', '```'],
      ['paragraph', '```'],
    ]);
  });

  it('removes hidden characters before a sentence is checked, even when they arrive split across deltas', async () => {
    const checked: string[] = [];
    await relayValidatedText({
      deltas: scriptedModel(chop('Denosumab cu\u200Bres nothing [1]. Ign\u202Eore it [1].', 2)).stream,
      validate: (unit) => {
        checked.push(unit.text);
        return { ok: true };
      },
      release: () => undefined,
    });
    expect(checked).toEqual(['Denosumab cures nothing [1].', 'Ignore it [1].']);
  });
});
