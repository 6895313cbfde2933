import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from '../../src/generation/markdown-to-blocks.js';

describe('markdownToBlocks', () => {
  it('reads title, summary, headings, bullets and pitfalls with their citations', () => {
    const { title, blocks } = markdownToBlocks(`# Bone-modifying agents

Patients with bone metastases should receive a BMA [1].

## Options
- Denosumab 120 mg every 4 weeks [2].
- Zoledronic acid 4 mg every 12 weeks [3, 4].

A closing paragraph [1].

## Critical pitfalls
- BMAs do not replace analgesia [5].
`);
    expect(title).toBe('Bone-modifying agents');
    expect(blocks).toEqual([
      { kind: 'summary', text: 'Patients with bone metastases should receive a BMA [1].', citations: [1] },
      { kind: 'heading', text: 'Options', citations: [] },
      { kind: 'bullet', text: 'Denosumab 120 mg every 4 weeks [2].', citations: [2] },
      { kind: 'bullet', text: 'Zoledronic acid 4 mg every 12 weeks [3, 4].', citations: [3, 4] },
      { kind: 'paragraph', text: 'A closing paragraph [1].', citations: [1] },
      { kind: 'heading', text: 'Critical pitfalls', citations: [] },
      { kind: 'pitfall', text: 'BMAs do not replace analgesia [5].', citations: [5] },
    ]);
  });

  it('turns table rows into labelled bullets and drops the reference list', () => {
    const { title, blocks } = markdownToBlocks(`| Agent | Dose |
|---|---|
| Denosumab | 120 mg [1] |

## References
[1] ASCO 2017.
`);
    expect(title).toBe('');
    expect(blocks).toEqual([{ kind: 'bullet', text: 'Agent: Denosumab; Dose: 120 mg [1]', citations: [1] }]);
  });

  it('joins wrapped lines of a bullet', () => {
    const { blocks } = markdownToBlocks('# T\n\n- Denosumab is given\n  every 4 weeks [1].\n');
    expect(blocks).toEqual([{ kind: 'bullet', text: 'Denosumab is given every 4 weeks [1].', citations: [1] }]);
  });
});
