// Markup in a draft is a failure, not something to strip: a stripped comment or link still tells
// what the model was doing, and a renderer further on might not strip it.

type MarkupRule = { reason: string; pattern: RegExp };

const RULES: readonly MarkupRule[] = [
  { reason: 'contains an HTML comment', pattern: /<!--|-->/ },
  { reason: 'contains raw HTML', pattern: /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/?[A-Za-z][A-Za-z0-9-]*\s+[a-z-]+\s*=|<[!?][A-Za-z]/ },
  { reason: 'contains a link', pattern: /<(?:[a-z][a-z0-9+.-]*:|www\.)[^\s<>]*>/i },
  { reason: 'contains an image', pattern: /!\[[^\]\n]*\]\s*[([]/ },
  { reason: 'contains a link', pattern: /\]\([^)\n]*\)|\[(?=[^\]\n]*[A-Za-z])[^\]\n]+\]\[[^\]\n]*\]|^\s{0,3}\[(?=[^\]\n]*[A-Za-z])[^\]\n]+\]:\s*\S/m },
  { reason: 'contains a code block', pattern: /```|~~~/ },
];

export type MarkupProblem = { reason: string; line: string };

/** One problem per kind of markup found in the lines given (reference-list lines are left out by the caller). */
export function checkMarkup(lines: ReadonlyArray<string>): MarkupProblem[] {
  const problems: MarkupProblem[] = [];
  const reported = new Set<string>();
  for (const line of lines) {
    for (const rule of RULES) {
      if (reported.has(rule.reason) || !rule.pattern.test(line)) continue;
      reported.add(rule.reason);
      problems.push({ reason: `${rule.reason}; an answer is plain markdown text with [n] markers`, line });
    }
  }
  return problems;
}
