import type { Answer, Block } from '../domain/types.js';
import { documentReferences, type DocumentReference } from './document-references.js';
// The widget's wording, so that a reference reads the same in a chat and on the answer page.
import { REVIEW_LABELS, TYPE_LABELS } from '../widget/render-answer.js';

/** A titled part of the answer: bullets and paragraphs under one heading, or the pitfalls. */
export type OutlineSection = { heading?: string; pitfalls: boolean; items: Array<{ kind: 'bullet' | 'paragraph'; text: string }> };

/** An answer put in reading order for text renderers; every text still carries its [n] markers. */
export type AnswerOutline = {
  /** Urgent notices: they lead every reply in which they fire. */
  urgent: string[];
  /** Notices that replace an answer (out of scope, not covered): read before the title. */
  leading: string[];
  title: string;
  /** How a follow-up was understood, when it was rewritten. */
  understood?: string;
  summary?: string;
  sections: OutlineSection[];
  findings: Array<{ title: string; summary: string }>;
  references: DocumentReference[];
  /** Review status, disclaimer and other caveats, read after the references. */
  trailing: string[];
  followUps: string[];
};

const LEADING_KINDS = new Set(['out-of-scope', 'not-covered']);

export function outlineAnswer(answer: Answer): AnswerOutline {
  const notices = (test: (kind: string) => boolean) => answer.notices.filter((notice) => test(notice.kind)).map((notice) => notice.text);
  const summary = answer.blocks
    .filter((block) => block.kind === 'summary')
    .map((block) => block.text)
    .join(' ');
  const rewritten = answer.standaloneQuestion.trim() !== answer.question.trim() ? answer.standaloneQuestion.trim() : '';
  return {
    urgent: notices((kind) => kind === 'urgent'),
    leading: notices((kind) => LEADING_KINDS.has(kind)),
    title: answer.title,
    ...(rewritten ? { understood: rewritten } : {}),
    ...(summary ? { summary } : {}),
    sections: sectionsOf(answer.blocks),
    findings: answer.findings.map(({ title, summary: text }) => ({ title, summary: text })),
    references: documentReferences(answer),
    trailing: notices((kind) => kind !== 'urgent' && !LEADING_KINDS.has(kind)),
    followUps: answer.followUps,
  };
}

/** Cuts the non-summary blocks into sections at each heading; pitfalls always sit in a section of their own. */
function sectionsOf(blocks: readonly Block[]): OutlineSection[] {
  const sections: OutlineSection[] = [];
  for (const block of blocks) {
    if (block.kind === 'summary') continue;
    if (block.kind === 'heading') {
      sections.push({ heading: block.text, pitfalls: false, items: [] });
      continue;
    }
    const pitfall = block.kind === 'pitfall';
    let current = sections.at(-1);
    if (!current || (current.items.length > 0 && current.pitfalls !== pitfall)) {
      current = { pitfalls: pitfall, items: [] };
      sections.push(current);
    } else if (current.items.length === 0) {
      current.pitfalls = pitfall;
    }
    current.items.push({ kind: block.kind === 'paragraph' ? 'paragraph' : 'bullet', text: block.text });
  }
  return sections.filter((section) => section.items.length > 0);
}

/** "Approved by medical reviewers" for a status, or the status itself when unknown. */
export function reviewLabel(status: string): string {
  return REVIEW_LABELS[status] ?? status;
}

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}
