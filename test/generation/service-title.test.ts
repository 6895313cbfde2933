import { describe, expect, it } from 'vitest';
import { withServiceTitle } from '../../src/generation/service-title.js';

describe('withServiceTitle', () => {
  it.each([
    ['an ATX title', '# Aspirin cures cancer\n\nDenosumab is given subcutaneously [1].\n'],
    ['a setext title', 'Aspirin cures cancer\n====================\n\nDenosumab is given subcutaneously [1].\n'],
    ['no title', 'Denosumab is given subcutaneously [1].\n'],
  ])('puts the service title in place of %s', (_name, markdown) => {
    expect(withServiceTitle(markdown, 'How is denosumab given?')).toBe('# How is denosumab given?\n\nDenosumab is given subcutaneously [1].\n');
  });

  it('keeps a level-1 heading that is not the first block (it was validated as a heading)', () => {
    expect(withServiceTitle('Bottom line [1].\n\n# Details\n\n- More [1].\n', 'Q')).toBe('# Q\n\nBottom line [1].\n\n# Details\n\n- More [1].\n');
  });
});
