import type { Answer } from '../../domain/types.js';
import { element } from '../../widget/dom.js';
import { renderAnswer, type RenderContext } from '../../widget/render-answer.js';

// Browser entry of /a/assets/answer-page.js: renders the answer embedded in the page with the
// widget's own renderer and styles, inside a shadow root like the widget.

const ID_PREFIX = 'answer';

function highlight(root: ShadowRoot, n: number): void {
  const target = root.getElementById(`${ID_PREFIX}-ref-${n}`);
  if (!target) return;
  for (const other of Array.from(root.querySelectorAll('.reference.highlighted'))) other.classList.remove('highlighted');
  target.classList.add('highlighted');
  const details = target.querySelector('details');
  if (details) details.open = true;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

function show(): void {
  const host = document.getElementById('answer');
  const data = document.getElementById('answer-data')?.textContent;
  if (!host || !data) return;
  const answer = JSON.parse(data) as Answer;
  const root = host.attachShadow({ mode: 'open' });
  // A stylesheet from this origin, because the page's policy allows no inline style.
  root.appendChild(element('link', { attributes: { rel: 'stylesheet', href: '/a/assets/answer-page.css' } }));
  const context: RenderContext = { idPrefix: ID_PREFIX, references: answer.references, onCite: (n) => highlight(root, n) };
  // The page is read-only: follow-ups are asked in the chat the link came from.
  const nodes = renderAnswer({ ...answer, followUps: [] }, context, { onFollowUp: () => {} });
  root.appendChild(element('article', { class: 'card answer' }, nodes));
  host.removeAttribute('aria-busy');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
else show();
