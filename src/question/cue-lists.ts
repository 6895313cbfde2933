import { createPrefilter } from '../text/prefilter.js';
import { compileCueTest, cueRequirement, isAscii } from './cue-pattern.js';

/** Which of the lists a text holds a cue of, by the lists' order. */
export type CueListReading = (list: number) => boolean;

/**
 * Many cue lists read on the same texts (every knowledge sentence, at start-up): one pass over a text
 * finds which lists' words it holds (see text/prefilter), and only the patterns of those lists are
 * tried. What `compileCues(list).test(text)` says for each list, for about a quarter of the tests.
 */
export function compileCueLists(lists: ReadonlyArray<readonly string[]>): { read(text: string): CueListReading } {
  const tests = lists.map(compileCueTest);
  const prefilter = createPrefilter(lists.map(cueRequirement));
  return {
    read(text) {
      const ascii = isAscii(text);
      const found = prefilter.scan(text);
      return (list) => {
        const test = tests[list];
        return test !== undefined && prefilter.mayMatch(list, found) && test(text, ascii);
      };
    },
  };
}
