import type { Answer, Block, Finding, Notice, Reference } from '../domain/types.js';
import { element, icon, ICONS } from './dom.js';

// Builds the answer page from an Answer. Every string from the service goes in as text.

const MARKERS = /((?:\s*\[\d+\])+)/g;

export const REVIEW_LABELS: Record<string, string> = {
  approved: 'Approved by medical reviewers',
  'under-review': 'Under medical review',
  submitted: 'Submitted for review',
};

export const TYPE_LABELS: Record<string, string> = {
  guideline: 'Guideline',
  consensus: 'Consensus statement',
  'drug-label': 'Drug label',
  trial: 'Clinical trial',
  'patient-information': 'Patient information',
};

export type RenderContext = {
  /** Unique per answer, so citation targets never collide across turns. */
  idPrefix: string;
  references: Reference[];
  onCite(n: number): void;
};

/** Text with its [n] markers turned into superscript buttons that jump to the reference. */
export function citedText(text: string, context: RenderContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const [index, part] of text.split(MARKERS).entries()) {
    if (index % 2 === 0) {
      if (part) fragment.appendChild(document.createTextNode(part));
      continue;
    }
    const numbers = [...part.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    const sup = element('sup', { class: 'citations' });
    for (const [position, n] of numbers.entries()) {
      if (position > 0) sup.appendChild(document.createTextNode(','));
      const reference = context.references.find((candidate) => candidate.n === n);
      if (!reference) {
        sup.appendChild(element('span', { class: 'citation-missing', text: String(n) }));
        continue;
      }
      sup.appendChild(
        element('button', {
          class: 'citation',
          text: String(n),
          attributes: {
            type: 'button',
            'data-ref': String(n),
            'aria-label': `Source ${n}: ${reference.title}`,
            'aria-controls': `${context.idPrefix}-ref-${n}`,
          },
          on: { click: () => context.onCite(n) },
        }),
      );
    }
    fragment.appendChild(sup);
  }
  return fragment;
}

type Section = { heading?: string; blocks: Block[] };

type Part = { kind: 'bottom-line'; blocks: Block[] } | ({ kind: 'section' } & Section);

/** Consecutive summary blocks become the bottom line; the rest is cut into sections at each heading, in order. */
export function renderBlocks(blocks: Block[], context: RenderContext): HTMLElement {
  const container = element('div', { class: 'blocks' });
  const parts: Part[] = [];
  for (const block of blocks) {
    const last = parts.at(-1);
    if (block.kind === 'summary') {
      if (last?.kind === 'bottom-line') last.blocks.push(block);
      else parts.push({ kind: 'bottom-line', blocks: [block] });
      continue;
    }
    if (block.kind === 'heading') {
      parts.push({ kind: 'section', heading: block.text, blocks: [] });
      continue;
    }
    // A pitfall never sits in an ordinary section (or the reverse): it opens its own, titled "Critical pitfalls".
    if (last?.kind !== 'section' || (last.blocks.length > 0 && (block.kind === 'pitfall') !== isPitfallSection(last))) {
      parts.push({ kind: 'section', blocks: [block] });
      continue;
    }
    last.blocks.push(block);
  }

  for (const part of parts) {
    if (part.kind === 'bottom-line') {
      const paragraph = element('p');
      for (const [index, block] of part.blocks.entries()) {
        if (index > 0) paragraph.appendChild(document.createTextNode(' '));
        paragraph.appendChild(citedText(block.text, context));
      }
      container.appendChild(
        element('section', { class: 'bottom-line', attributes: { 'aria-label': 'Bottom line' } }, [element('h4', { class: 'eyebrow', text: 'Bottom line' }), paragraph]),
      );
      continue;
    }
    const section = part;
    if (section.blocks.length === 0) continue;
    const pitfalls = isPitfallSection(section);
    const heading = section.heading ?? (pitfalls ? 'Critical pitfalls' : undefined);
    const node = element('section', { class: pitfalls ? 'section pitfalls' : 'section' });
    if (heading) {
      node.appendChild(element('h4', {}, [pitfalls ? icon(ICONS.alert) : null, heading]));
    }
    let list: HTMLUListElement | undefined;
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') {
        list = undefined;
        node.appendChild(element('p', {}, [citedText(block.text, context)]));
        continue;
      }
      if (!list) {
        list = element('ul');
        node.appendChild(list);
      }
      list.appendChild(element('li', { class: block.kind }, [citedText(block.text, context)]));
    }
    container.appendChild(node);
  }
  return container;
}

function isPitfallSection(section: Section): boolean {
  return section.blocks.length > 0 && section.blocks.every((block) => block.kind === 'pitfall');
}

export function renderNotice(notice: Notice): HTMLElement {
  if (notice.kind === 'urgent') {
    return element('div', { class: 'notice urgent', attributes: { role: 'alert' } }, [
      icon(ICONS.alert),
      element('div', {}, [element('strong', { text: 'Urgent' }), element('p', { text: notice.text })]),
    ]);
  }
  if (notice.kind === 'warning-signs') {
    return element('div', { class: 'notice warning-signs', attributes: { role: 'note' } }, [
      element('strong', { text: 'Warning signs to know' }),
      element('p', { text: notice.text }),
    ]);
  }
  return element('p', { class: `notice ${notice.kind}`, text: notice.text });
}

/** Only http(s) reference URLs become links; anything else stays plain text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function renderReferences(references: Reference[], context: RenderContext): HTMLElement {
  const list = element('ol', { class: 'references' });
  for (const reference of references) {
    const url = safeUrl(reference.url);
    const title = url
      ? element('a', { text: reference.title, attributes: { href: url, target: '_blank', rel: 'noopener noreferrer external' } })
      : element('span', { text: reference.title });
    const review = REVIEW_LABELS[reference.reviewStatus] ?? reference.reviewStatus;
    list.appendChild(
      element('li', { class: 'reference', attributes: { id: `${context.idPrefix}-ref-${reference.n}`, tabindex: '-1', 'data-n': String(reference.n) } }, [
        element('span', { class: 'reference-number', text: String(reference.n), attributes: { 'aria-hidden': 'true' } }),
        element('div', { class: 'reference-body' }, [
          element('div', { class: 'reference-title' }, [title]),
          element('div', { class: 'reference-meta' }, [
            element('span', { class: 'badge type', text: TYPE_LABELS[reference.type] ?? reference.type }),
            element('span', { class: `badge review ${reference.reviewStatus}`, text: review }),
            element('span', { class: 'source', text: `${reference.publisher} · ${reference.year} · updated ${reference.updated}` }),
          ]),
          element('details', { class: 'quote' }, [
            element('summary', { text: reference.passages.length === 1 ? 'Quoted passage' : `${reference.passages.length} quoted passages` }),
            ...reference.passages.map((passage) => element('blockquote', { text: passage.quote, attributes: { 'data-passage': passage.id } })),
          ]),
        ]),
      ]),
    );
  }
  return element('section', { class: 'section references-section', attributes: { 'aria-label': 'References' } }, [
    element('h4', { text: 'References' }),
    list,
  ]);
}

function renderFindings(findings: Finding[]): HTMLElement {
  return element('section', { class: 'section findings', attributes: { 'aria-label': 'Calculated from the case' } }, [
    element('h4', { text: 'Calculated from the case' }),
    element(
      'ul',
      {},
      findings.map((finding) =>
        element('li', { class: `finding ${finding.indicator}` }, [element('strong', { text: `${finding.title}: ` }), finding.summary]),
      ),
    ),
  ]);
}

function latestUpdate(references: Reference[]): string | undefined {
  return references.map((reference) => reference.updated).sort().at(-1);
}

export type AnswerActions = { onFollowUp(question: string): void };

/** The final answer page: urgent first, then the answer, its sources, the caveats and what to ask next. */
export function renderAnswer(answer: Omit<Answer, 'markdown'>, context: RenderContext, actions: AnswerActions): HTMLElement[] {
  const nodes: HTMLElement[] = [];
  const notices = (kind: Notice['kind']) => answer.notices.filter((notice) => notice.kind === kind).map(renderNotice);
  nodes.push(...notices('urgent'), ...notices('warning-signs'), ...notices('out-of-scope'), ...notices('not-covered'), ...notices('professional-source'));
  nodes.push(element('h3', { class: 'answer-title', text: answer.title }));
  const updated = latestUpdate(answer.references);
  const meta = [
    answer.audience === 'patient' ? 'Written for patients' : 'For healthcare professionals',
    `${answer.references.length} source${answer.references.length === 1 ? '' : 's'}`,
    updated ? `last updated ${updated}` : undefined,
  ].filter(Boolean);
  nodes.push(element('p', { class: 'answer-meta', text: meta.join(' · ') }));
  if (answer.standaloneQuestion && answer.standaloneQuestion.trim() !== answer.question.trim()) {
    nodes.push(element('p', { class: 'understood', text: `Answering: ${answer.standaloneQuestion}` }));
  }
  nodes.push(renderBlocks(answer.blocks, context));
  if (answer.findings.length > 0) nodes.push(renderFindings(answer.findings));
  if (answer.references.length > 0) nodes.push(renderReferences(answer.references, context));
  nodes.push(...notices('pending-review'), ...notices('disclaimer'));
  if (answer.followUps.length > 0) {
    nodes.push(
      element('section', { class: 'follow-ups', attributes: { 'aria-label': 'Suggested follow-up questions' } }, [
        element('h4', { class: 'eyebrow', text: 'You could also ask' }),
        element(
          'div',
          { class: 'chips' },
          answer.followUps.map((question) =>
            element('button', { class: 'chip', text: question, attributes: { type: 'button' }, on: { click: () => actions.onFollowUp(question) } }),
          ),
        ),
      ]),
    );
  }
  return nodes;
}
