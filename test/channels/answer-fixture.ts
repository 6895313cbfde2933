import type { Answer, Reference } from '../../src/domain/types.js';

// Every character that is special in Telegram MarkdownV2, plus the HTML and mrkdwn specials.
export const SPECIALS = '*_[]()~>#+-=|{}.!';
export const TRICKY = `Dose 4 mg (IV) ~ q4w; CrCl <30 & >60 mL/min: see *table* _here_ #1 +/- = |x| {y}. Done!`;

function reference(n: number): Reference {
  return {
    n,
    docId: `doc-${n}`,
    passageId: `doc-${n}#section-${n}`,
    title: `Guideline number ${n} <on> bones & kidneys`,
    publisher: 'ASCO',
    year: 2017,
    type: 'guideline',
    reviewStatus: n % 2 === 0 ? 'under-review' : 'approved',
    updated: '2025-11-22',
    url: `https://example.org/guideline-${n}`,
    quote: `Quoted passage ${n}.`,
  };
}

/** An answer with `bullets` bullets of about `bulletChars` characters each, every one cited. */
export function answerFixture(options: { bullets?: number; bulletChars?: number; references?: number; urgent?: string; text?: string } = {}): Answer {
  const count = options.references ?? 3;
  const references = Array.from({ length: count }, (_, index) => reference(index + 1));
  const filler = 'word '.repeat(Math.max(0, Math.floor(((options.bulletChars ?? 120) - 10) / 5))).trim();
  const bullets = Array.from({ length: options.bullets ?? 3 }, (_, index) => ({
    kind: 'bullet' as const,
    text: `${options.text ?? filler} ${index} [${(index % count) + 1}]`,
    citations: [(index % count) + 1],
  }));
  return {
    conversationId: 'c-1',
    question: 'What is the dose?',
    standaloneQuestion: 'What is the dose?',
    audience: 'professional',
    title: 'What is the dose?',
    blocks: [{ kind: 'summary', text: `The bottom line [1].`, citations: [1] }, { kind: 'heading', text: 'Dosing', citations: [] }, ...bullets, { kind: 'pitfall', text: 'Do not forget the pitfall [1].', citations: [1] }],
    markdown: '',
    references,
    findings: [],
    understoodFacts: [],
    notices: [...(options.urgent ? [{ kind: 'urgent' as const, text: options.urgent }] : []), { kind: 'disclaimer', text: 'This is not a diagnosis.' }],
    followUps: ['How often is it given?', 'What about denosumab?'],
    mode: 'extractive',
    validation: { status: 'passed', attempts: 0, claims: 3, failures: [] },
  };
}

/** Citation markers cut in two at a message boundary: "[1" at the end or "2]" at the start. */
export function brokenMarkers(message: string): boolean {
  return /\[\d*$/.test(message.trimEnd()) || /^\d*\]/.test(message.trimStart());
}
