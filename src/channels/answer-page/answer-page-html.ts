import type { Answer } from '../../domain/types.js';
import { WIDGET_CSS } from '../../widget/styles.js';

/** The page's policy: its own script and stylesheet only; nothing inline, nothing from elsewhere, no framing. */
export const ANSWER_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_CSS = `
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #17202b; background: #eef2f6; }
main { max-width: 760px; margin: 0 auto; padding: 32px 20px 48px; }
.brand { margin: 0 0 16px; font-size: 14px; font-weight: 600; color: #084766; }
.expiry { margin: 16px 0 0; font-size: 13px; color: #566273; }
noscript pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; padding: 16px; border-radius: 10px; }
`;

/** One stylesheet for the page and the shadow root: the widget's rules match only inside the root. */
export const ANSWER_PAGE_CSS = `${PAGE_CSS}\n${WIDGET_CSS}`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that can sit inside a <script> element: no "</script>", "<!--" or line separators survive as such. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The read-only answer page: the answer as data, rendered by the page's script; the markdown as a no-script fallback. */
export function answerPageHtml(answer: Answer, expiresAt: string): string {
  const expiry = expiresAt.slice(0, 10);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(answer.title)} · Guideline Chat</title>
<link rel="stylesheet" href="/a/assets/answer-page.css">
<script type="application/json" id="answer-data">${scriptSafeJson(answer)}</script>
<script src="/a/assets/answer-page.js" defer></script>
</head>
<body>
<main>
<p class="brand">Guideline Chat</p>
<div id="answer" aria-busy="true"></div>
<noscript><h1>${escapeHtml(answer.title)}</h1><pre>${escapeHtml(answer.markdown)}</pre></noscript>
<p class="expiry">A read-only copy of an answer from a chat. This link stops working when the conversation expires (${escapeHtml(expiry)}).</p>
</main>
</body>
</html>
`;
}
