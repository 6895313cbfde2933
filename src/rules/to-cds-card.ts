import type { Finding } from '../domain/types.js';

/** A CDS Hooks card (https://cds-hooks.hl7.org): what `POST /v1/rules/evaluate` returns per finding. */
export type CdsCard = {
  uuid: string;
  summary: string; // at most 140 characters, as CDS Hooks requires
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; topic?: { code: string; display: string } };
  detail: string; // markdown
};

export const CDS_SUMMARY_MAX = 140;

/** Shortens to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function shorten(text: string, max = CDS_SUMMARY_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/, '')}…`;
}

function describe(values: Record<string, string | number | boolean>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('; ');
}

/**
 * Turns a finding into a CDS Hooks card. The summary is the finding's own sentence when it fits,
 * else its title plus the shortened sentence; the detail keeps the full sentence, inputs, result and sources.
 * `passageTitle` may name each passage's document for the detail (defaults to the passage id).
 */
export function toCdsCard(finding: Finding, options: { sourceLabel?: string; passageTitle?: (passageId: string) => string | undefined } = {}): CdsCard {
  const summary = finding.summary.length <= CDS_SUMMARY_MAX ? finding.summary : shorten(finding.summary);
  const sources = finding.passageIds.map((id) => {
    const title = options.passageTitle?.(id);
    return title ? `- ${title} (${id})` : `- ${id}`;
  });
  const detail = [
    finding.summary,
    '',
    Object.keys(finding.inputs).length > 0 ? `**Inputs:** ${describe(finding.inputs)}` : undefined,
    Object.keys(finding.result).length > 0 ? `**Result:** ${describe(finding.result)}` : undefined,
    '',
    '**Sources:**',
    ...sources,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
  return {
    uuid: finding.id,
    summary,
    indicator: finding.indicator,
    source: { label: options.sourceLabel ?? 'Guideline Chat rules', topic: { code: finding.id, display: finding.title } },
    detail,
  };
}
