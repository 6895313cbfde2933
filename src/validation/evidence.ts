import type { Finding, Source } from '../domain/types.js';

/** The text a claim may rest on: the cited sources, plus the full finding behind a cited finding. */
export function evidenceText(source: Source, findings: readonly Finding[]): string {
  const parts = [source.title, source.text];
  if (source.kind === 'finding') {
    const finding = findings.find((candidate) => candidate.id === source.id);
    if (finding) parts.push(findingText(finding));
  }
  return parts.join('\n');
}

/** A finding as plain text: summary, inputs and result, so its values can be matched. */
export function findingText(finding: Finding): string {
  const values = (record: Record<string, string | number | boolean>) =>
    Object.entries(record).map(([key, value]) => `${key}: ${String(value)}`);
  return [finding.title, finding.summary, ...values(finding.inputs), ...values(finding.result)].join('\n');
}
