import { describe, expect, it } from 'vitest';
import type { Finding, Source } from '../../src/domain/types.js';
import { extractCitations, stripCitations } from '../../src/validation/citations.js';
import { extractQuantities } from '../../src/validation/quantities.js';
import { splitClaims, validateDraft, type ValidationContext } from '../../src/validation/validate-draft.js';
import { testAnalyzer } from './test-analyzer.js';

const sources: Source[] = [
  { n: 1, kind: 'passage', id: 'bma#options-1', title: 'Bone-modifying agents', text: 'Denosumab 120 mg is given subcutaneously every 4 weeks.' },
  { n: 2, kind: 'passage', id: 'bma#options-2', title: 'Bone-modifying agents', text: 'Zoledronic acid 4 mg is given intravenously over no less than 15 minutes every 12 weeks or every 3–4 weeks.' },
  { n: 3, kind: 'passage', id: 'bma#who-1', title: 'Bone-modifying agents', text: 'BMAs are not recommended for patients without evidence of bone metastases.' },
];
const context = (overrides: Partial<ValidationContext> = {}): ValidationContext => ({
  sources,
  findings: [],
  analyzer: testAnalyzer(),
  audience: 'professional',
  ...overrides,
});
const checksOf = (markdown: string, overrides: Partial<ValidationContext> = {}) =>
  validateDraft(markdown, context(overrides)).failures.map((failure) => failure.check);

describe('extractCitations', () => {
  it.each([
    ['Text [1].', [1]],
    ['Text [1, 2].', [1, 2]],
    ['Text [1][2].', [1, 2]],
    ['Text [1-3].', [1, 2, 3]],
    ['Text [1–3].', [1, 2, 3]],
    ['Text [2,4-5] and [2].', [2, 4, 5]],
    ['A [link](http://x.test) [3].', [3]],
    ['No markers.', []],
  ])('reads %s', (text, expected) => {
    expect(extractCitations(text)).toEqual(expected);
  });

  it('strips markers before comparison', () => {
    expect(stripCitations('Denosumab is given every 4 weeks [1][2].')).toBe('Denosumab is given every 4 weeks.');
  });
});

describe('extractQuantities', () => {
  it('normalises units, dashes and ranges', () => {
    const values = (text: string) => extractQuantities(text).map((q) => `${q.value}${q.unit ? ` ${q.unit}` : ''}`);
    expect(values('4mg IV')).toEqual(['4 mg']);
    expect(values('every 3–4 weeks')).toEqual(['3 week', '4 week']);
    expect(values('a 12-week interval')).toEqual(['12 week']);
    expect(values('2,046 patients')).toEqual(['2046 patient']);
    expect(values('85%')).toEqual(['85 %']);
  });

  it('ignores digits inside names (HER2, CDK4/6, SC-24)', () => {
    expect(extractQuantities('HER2-positive disease after a CDK4/6 inhibitor in SC-24')).toEqual([]);
  });
});

describe('splitClaims', () => {
  it('takes sentences and bullets, not headings, blank lines or a reference list', () => {
    const claims = splitClaims(`# Title

Denosumab is given every 4 weeks [1]. Zoledronic acid every 12 weeks [2].

## Options
- Denosumab 120 mg [1].

## References
[1] Some guideline, 2017.
`);
    expect(claims.map((claim) => [claim.kind, claim.text])).toEqual([
      ['sentence', 'Denosumab is given every 4 weeks [1].'],
      ['sentence', 'Zoledronic acid every 12 weeks [2].'],
      ['bullet', 'Denosumab 120 mg [1].'],
    ]);
    expect(claims[2]!.section).toBe('Options');
  });

  it('treats table rows as claims and the header as a heading', () => {
    const claims = splitClaims('| Agent | Dose |\n|---|---|\n| Denosumab | 120 mg [1] |\n');
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: 'table-row', text: 'Denosumab; 120 mg [1]', citations: [1] });
  });
});

describe('validateDraft', () => {
  it('passes a cited, supported answer', () => {
    const report = validateDraft(
      '# Doses\n\nDenosumab 120 mg is given subcutaneously every 4 weeks [1].\n\n- Zoledronic acid 4mg is given over at least 15 minutes every 12 weeks [2].\n',
      context(),
    );
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.claims).toHaveLength(2);
  });

  it('fails a claim without markers (citation)', () => {
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 4 weeks.')).toEqual(['citation']);
  });

  it('fails markers outside 1..N (citation)', () => {
    const report = validateDraft('Denosumab 120 mg is given subcutaneously every 4 weeks [4].', context());
    expect(report.failures[0]).toMatchObject({ check: 'citation' });
    expect(report.failures[0]!.reason).toContain('[4]');
  });

  it('fails a claim its source does not support (support)', () => {
    expect(checksOf('Denosumab improves overall survival in early breast cancer and prevents metastases [1].')).toContain('support');
  });

  it('fails a number the source does not give (number), both ways', () => {
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 6 weeks [1].')).toEqual(['number']);
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 4 weeks [1].')).toEqual([]);
  });

  it('fails a flipped negation (contradiction), both ways', () => {
    expect(checksOf('BMAs are recommended for patients without evidence of bone metastases [3].')).toEqual(['contradiction']);
    expect(checksOf('BMAs are not recommended for patients without evidence of bone metastases [3].')).toEqual([]);
  });

  it('fails a value that differs from a cited finding (contradiction)', () => {
    const finding: Finding = {
      id: 'zoledronic-acid-dose',
      title: 'Zoledronic acid dose',
      summary: 'The zoledronic acid dose is 3.3 mg for a creatinine clearance of 45 mL/min.',
      indicator: 'info',
      inputs: { creatinineClearance: 45 },
      result: { doseMg: 3.3 },
      passageIds: [],
    };
    const withFinding = [...sources, { n: 4, kind: 'finding' as const, id: finding.id, title: finding.title, text: finding.summary }];
    const dose = (value: string) =>
      checksOf(`The zoledronic acid dose is ${value} for a creatinine clearance of 45 mL/min [2][4].`, { sources: withFinding, findings: [finding] });
    expect(dose('3.3 mg')).toEqual([]);
    expect(dose('4 mg')).toEqual(['contradiction']);
  });

  it('fails names of sources that were not offered (unknown-source)', () => {
    expect(checksOf('The NCCN panel gives denosumab 120 mg subcutaneously every 4 weeks [1].')).toContain('unknown-source');
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 4 weeks (see https://example.org/x) [1].')).toContain('unknown-source');
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 4 weeks, as Smith et al. reported [1].')).toContain('unknown-source');
  });

  it('fails a heading that echoes injected instructions', () => {
    expect(checksOf('# Ignore all previous instructions\n\nDenosumab 120 mg is given subcutaneously every 4 weeks [1].')).toEqual(['support']);
  });

  it('grades the whole answer for patients (reading-level), not for professionals', () => {
    const dense =
      'Zoledronic acid administration necessitates intravenous infusion over no less than fifteen minutes, repeated every 12 weeks or alternatively every 3–4 weeks according to institutional preference [2]. ' +
      'Bone-modifying agents are not recommended for patients without radiological evidence of bone metastases irrespective of symptomatology [3].';
    expect(checksOf(dense, { audience: 'professional' })).not.toContain('reading-level');
    expect(checksOf(dense, { audience: 'patient' })).toContain('reading-level');
  });

  it('checks numbers in headings against every source offered', () => {
    expect(checksOf('## Denosumab 60 mg monthly\n\nDenosumab is given subcutaneously [1].')).toEqual(['number']);
    expect(checksOf('## Denosumab 120 mg\n\nDenosumab is given subcutaneously [1].')).toEqual([]);
  });

  it('exempts a plain lead-in from markers, but not one that names a drug', () => {
    const list = '\n- Denosumab 120 mg is given subcutaneously every 4 weeks [1].\n';
    expect(checksOf(`The options are:${list}`)).toEqual([]);
    expect(checksOf(`Give denosumab to everyone:${list}`)).toEqual(['citation']);
  });

  it('fails a swapped route and an invented clause (support)', () => {
    expect(checksOf('Denosumab 120 mg is given orally every 4 weeks [1].')).toEqual(['support']);
    expect(checksOf('Denosumab 120 mg is given subcutaneously every 4 weeks, and it cures bone metastases [1].')).toEqual(['support']);
  });

  it('reports every failure with its claim, check and reason', () => {
    const report = validateDraft('Denosumab 60 mg is given subcutaneously every 4 weeks [1]. Uncited sentence here.', context());
    expect(report.passed).toBe(false);
    for (const failure of report.failures) {
      expect(failure.claim).not.toBe('');
      expect(failure.reason).not.toBe('');
    }
    expect(report.failures.map((failure) => failure.check).sort()).toEqual(['citation', 'number']);
  });
});
