import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/domain/types.js';
import { renumberCitations } from '../../src/generation/renumber-citations.js';
import { extractCitations } from '../../src/validation/citations.js';

const source = (n: number, id: string): Source => ({ n, kind: 'passage', id, title: `Title ${id}`, text: `Text ${id}` });
const offered = [source(1, 'a#1'), source(2, 'b#1'), source(3, 'c#1'), source(4, 'd#1'), source(5, 'a#1')];

describe('renumberCitations', () => {
  it('numbers cited sources 1..N in order of first use and rewrites every marker form', () => {
    const { markdown, cited } = renumberCitations(
      '# T\n\nFirst [4]. Second [2][4]. Third [2-4].\n\n- Bullet [3, 2].\n',
      offered,
    );
    expect(markdown).toBe('# T\n\nFirst [1]. Second [1, 2]. Third [1, 2, 3].\n\n- Bullet [2, 3].\n');
    expect(cited.map((s) => [s.n, s.id])).toEqual([
      [1, 'd#1'],
      [2, 'b#1'],
      [3, 'c#1'],
    ]);
  });

  it('gives a passage offered twice one number', () => {
    const { markdown, cited } = renumberCitations('One [5]. Two [1].', offered);
    expect(markdown).toBe('One [1]. Two [1].\n');
    expect(cited).toHaveLength(1);
    expect(cited[0]).toMatchObject({ n: 1, id: 'a#1' });
  });

  it('drops a reference list the model wrote and markers that were not offered', () => {
    const { markdown, cited } = renumberCitations('Claim [2] [9].\n\n## References\n[1] Some paper 2017.\n[2] Another.\n', offered);
    expect(markdown).toBe('Claim [1].\n');
    expect(cited.map((s) => s.id)).toEqual(['b#1']);
  });

  it('leaves every marker pointing inside 1..N', () => {
    const { markdown, cited } = renumberCitations('A [3]. B [1][3]. C [4–5].', offered);
    const numbers = extractCitations(markdown);
    expect(Math.max(...numbers)).toBe(cited.length);
    expect(new Set(numbers).size).toBe(cited.length);
  });
});
