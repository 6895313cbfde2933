// Prefilters: what a text must hold for a pattern to match, as fixed strings, checked for many patterns
// in one pass over the text. A pattern whose requirement does not hold cannot match, so it is skipped;
// a requirement is only ever derived from the pattern itself (see phrase-triggers and regex-literals),
// never listed by hand.
import { createLiteralScanner } from './literal-scanner.js';

/** Strings of which the text holds at least one. */
export type Clause = readonly string[];
/** Clauses that all hold. */
export type Conjunction = readonly Clause[];
/** Some conjunction holds wherever the pattern matches; undefined when nothing can be required of the text. */
export type Requirement = readonly Conjunction[] | undefined;

/** One clause for several clauses of which one holds. */
export function union(clauses: readonly Clause[]): Clause {
  // A string that holds another string of the clause adds nothing: where it occurs, so does the other.
  // Shortest first, so each string is compared only with the shorter ones kept (a dropped string holds
  // a kept one, which any string holding it holds too).
  const kept: string[] = [];
  for (const literal of [...new Set(clauses.flat())].sort((a, b) => a.length - b.length)) {
    if (!kept.some((other) => literal.includes(other))) kept.push(literal);
  }
  return kept.sort();
}

/** Any of several requirements; undefined (nothing required) when one of them is. */
export function either(requirements: readonly Requirement[]): Requirement {
  if (requirements.some((requirement) => requirement === undefined)) return undefined;
  const conjunctions = requirements.flatMap((requirement) => requirement!);
  // Conjunctions of one clause each are one clause: any of their strings will do.
  const single = conjunctions.filter((conjunction) => conjunction.length === 1);
  if (single.length < 2) return conjunctions;
  return [[union(single.map((conjunction) => conjunction[0]!))], ...conjunctions.filter((conjunction) => conjunction.length !== 1)];
}

/** Both requirements: each conjunction of one with each of the other. */
export function both(left: Requirement, right: Requirement): Requirement {
  if (left === undefined) return right;
  if (right === undefined) return left;
  return left.flatMap((first) => right.map((second) => [...first, ...second]));
}

/** Whether a requirement holds in a text, string by string: the plain reading that a prefilter must agree with. */
export function holdsIn(requirement: Requirement, text: string): boolean {
  return requirement === undefined || requirement.some((conjunction) => conjunction.every((clause) => clause.some((literal) => text.includes(literal))));
}

export type Prefilter = {
  /** What a text holds, for `mayMatch`: one pass over the text for all requirements. */
  scan(text: string): Uint8Array;
  /** False only when the requirement of that index (in the list given) does not hold in the scanned text. */
  mayMatch(index: number, found: Uint8Array): boolean;
};

export function createPrefilter(requirements: readonly Requirement[]): Prefilter {
  // Every distinct clause is one group of the scanner; a conjunction is the list of its clauses' groups.
  const ids = new Map<string, number>();
  const clauses: Clause[] = [];
  const conjunctions = requirements.map((requirement) =>
    requirement?.map((conjunction) =>
      Int32Array.from(conjunction, (clause) => {
        const key = clause.join('\u0000');
        let id = ids.get(key);
        if (id === undefined) {
          id = clauses.length;
          ids.set(key, id);
          clauses.push(clause);
        }
        return id;
      }),
    ),
  );
  const scanner = createLiteralScanner(clauses);
  return {
    scan: (text) => scanner.scan(text),
    mayMatch(index, found) {
      const list = conjunctions[index];
      if (!list) return true;
      for (const conjunction of list) {
        let holds = true;
        for (let position = 0; position < conjunction.length && holds; position += 1) holds = found[conjunction[position]!] === 1;
        if (holds) return true;
      }
      return false;
    },
  };
}
