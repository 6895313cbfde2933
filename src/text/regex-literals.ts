// What a regular expression requires of a text, as fixed strings: worked out from the pattern's own
// source, so that a prefilter can skip the pattern on texts that cannot match it.
//
// Why it is sound: every string a node of the pattern matches either is one of the node's `exact`
// strings (when they are few) or contains one string of each of its clauses. A sequence matches the
// concatenation of what its items match, so it keeps the clauses of its items and the runs of exact
// items multiplied out; an alternation needs one branch, so one string of some branch's clause; a
// repetition at least once keeps its item's clauses, and an optional part requires nothing.
// Assertions (\b, ^, $, lookarounds) match no characters and require nothing; a character class of
// many characters, `.`, or a back-reference, requires nothing. Wherever the pattern matches, the text
// holds the matched string, and so one string of each clause of some branch.
import type { Clause, Conjunction, Requirement } from './prefilter.js';
import { union } from './prefilter.js';

type Node =
  /** One character of the list; undefined when it may be any of many. */
  | { kind: 'char'; chars: readonly string[] | undefined }
  /** Matches the empty string only: an assertion or lookaround. */
  | { kind: 'empty' }
  /** Matches something this reading does not describe (a back-reference). */
  | { kind: 'unknown' }
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'alternation'; branches: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number };

// Larger character classes (\w, \s, [a-z]) are read as any character; \d is the largest one listed.
const MAX_CLASS = 10;
// Exact strings of a node are multiplied out up to this many.
const MAX_EXACT = 32;
const DIGITS = [...'0123456789'];
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f' };

class Parser {
  private position = 0;

  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.position < this.source.length) throw new Error(`unexpected "${this.source[this.position]}" at ${this.position}`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.position + offset];
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.position += 1;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alternation', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? items[0]! : { kind: 'sequence', items };
  }

  private quantified(item: Node): Node {
    let bounds: [number, number] | undefined;
    const char = this.peek();
    if (char === '*') bounds = [0, Infinity];
    else if (char === '+') bounds = [1, Infinity];
    else if (char === '?') bounds = [0, 1];
    if (bounds) this.position += 1;
    else if (char === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!braces) return item;
      this.position += braces[0].length;
      const min = Number(braces[1]);
      bounds = [min, braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3])];
    } else return item;
    if (this.peek() === '?') this.position += 1; // lazy
    return this.quantified({ kind: 'repeat', item, min: bounds[0], max: bounds[1] });
  }

  private atom(): Node {
    const char = this.source[this.position++]!;
    if (char === '(') {
      let lookaround = false;
      if (this.peek() === '?') {
        const head = this.source.slice(this.position, this.position + 3);
        if (head.startsWith('?:')) this.position += 2;
        else if (head.startsWith('?=') || head.startsWith('?!')) {
          this.position += 2;
          lookaround = true;
        } else if (head === '?<=' || head === '?<!') {
          this.position += 3;
          lookaround = true;
        } else if (head.startsWith('?<')) this.position = this.source.indexOf('>', this.position) + 1;
        else throw new Error(`unknown group at ${this.position}`);
      }
      const inner = this.alternation();
      if (this.source[this.position++] !== ')') throw new Error('unclosed group');
      return lookaround ? { kind: 'empty' } : inner;
    }
    if (char === '[') return this.characterClass();
    if (char === '.') return { kind: 'char', chars: undefined };
    if (char === '^' || char === '$') return { kind: 'empty' };
    if (char === '\\') return this.escape();
    return { kind: 'char', chars: [char] };
  }

  /** One escaped character, or what it stands for; `inClass` reads \b as a backspace. */
  private escapedChars(inClass: boolean): readonly string[] | undefined | 'empty' | 'unknown' {
    const char = this.source[this.position++]!;
    if (char === 'd') return DIGITS;
    if ('DwWsS'.includes(char)) return undefined;
    if (char === 'b') return inClass ? ['\b'] : 'empty';
    if (char === 'B') return 'empty';
    if (SIMPLE_ESCAPES[char]) return [SIMPLE_ESCAPES[char]!];
    if (char === '0' && !/\d/.test(this.peek() ?? '')) return ['\0'];
    if (/\d/.test(char) || (char === 'k' && this.peek() === '<')) {
      if (inClass) throw new Error('a back-reference in a class');
      return 'unknown';
    }
    if (char === 'x' || char === 'u') {
      const digits = char === 'x' ? 2 : 4;
      const hex = this.source.slice(this.position, this.position + digits);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === digits) {
        this.position += digits;
        return [String.fromCharCode(parseInt(hex, 16))];
      }
      return [char];
    }
    if (char === 'c' && /[a-zA-Z]/.test(this.peek() ?? '')) return [String.fromCharCode(this.source.charCodeAt(this.position++) % 32)];
    return [char];
  }

  private escape(): Node {
    const read = this.escapedChars(false);
    if (read === 'empty') return { kind: 'empty' };
    if (read === 'unknown') return { kind: 'unknown' };
    return { kind: 'char', chars: read };
  }

  /** One member of a character class: an escape's characters (undefined when unknown) or one character. */
  private classMember(): readonly string[] | undefined {
    if (this.peek() !== '\\') return [this.source[this.position++]!];
    this.position += 1;
    const read = this.escapedChars(true);
    return read === 'empty' || read === 'unknown' ? undefined : read;
  }

  private characterClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.position += 1;
    const chars = new Set<string>();
    let many = negated;
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.position >= this.source.length) throw new Error('unclosed class');
      first = false;
      const from = this.classMember();
      // A range: one character, '-', one character.
      if (from?.length === 1 && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.position += 1;
        const to = this.classMember();
        if (to?.length !== 1) {
          many = true;
          continue;
        }
        const start = from[0]!.charCodeAt(0);
        const end = to[0]!.charCodeAt(0);
        if (end - start + 1 > MAX_CLASS) many = true;
        else for (let code = start; code <= end; code += 1) chars.add(String.fromCharCode(code));
        continue;
      }
      if (from === undefined) many = true;
      else from.forEach((char) => chars.add(char));
    }
    this.position += 1;
    return { kind: 'char', chars: many || chars.size > MAX_CLASS || chars.size === 0 ? undefined : [...chars] };
  }
}

/** What a node requires: its exact strings when few, and clauses that hold in every string it matches. */
type Info = { exact: readonly string[] | undefined; clauses: readonly Clause[] };

const NOTHING: Info = { exact: undefined, clauses: [] };

/** Short strings rule out few texts: a clause costs more the shorter its strings. */
function cost(clause: Clause): number {
  return clause.reduce((sum, literal) => sum + (literal.length >= 4 ? 1 : literal.length === 3 ? 3 : literal.length === 2 ? 8 : 20), 0);
}

function cross(left: readonly string[], right: readonly string[]): string[] {
  return [...new Set(left.flatMap((head) => right.map((tail) => head + tail)))];
}

/** The clause of a node's exact strings, or none when it may match the empty string. */
function exactClause(exact: readonly string[]): Clause | undefined {
  return exact.includes('') ? undefined : union([exact]);
}

function clausesOf(info: Info): readonly Clause[] {
  if (info.exact === undefined) return info.clauses;
  const clause = exactClause(info.exact);
  return clause ? [clause] : [];
}

function cheapest(clauses: readonly Clause[]): Clause | undefined {
  return clauses.length === 0 ? undefined : clauses.reduce((best, clause) => (cost(clause) < cost(best) ? clause : best));
}

function infoOf(node: Node): Info {
  switch (node.kind) {
    case 'char':
      return node.chars ? { exact: node.chars, clauses: [] } : NOTHING;
    case 'empty':
      return { exact: [''], clauses: [] };
    case 'unknown':
      return NOTHING;
    case 'sequence': {
      const clauses: Clause[] = [];
      let run: string[] | undefined = [''];
      let whole = true;
      const flush = () => {
        const clause = run && exactClause(run);
        if (clause) clauses.push(clause);
      };
      for (const item of node.items.map(infoOf)) {
        if (item.exact && run && run.length * item.exact.length <= MAX_EXACT) {
          run = cross(run, item.exact);
          continue;
        }
        whole = false;
        flush();
        run = item.exact ? [...item.exact] : undefined;
        if (!item.exact) clauses.push(...item.clauses);
      }
      if (whole) return { exact: run, clauses: [] };
      flush();
      return { exact: undefined, clauses };
    }
    case 'alternation': {
      const branches = node.branches.map(infoOf);
      if (branches.every((branch) => branch.exact) && branches.reduce((sum, branch) => sum + branch.exact!.length, 0) <= MAX_EXACT) {
        return { exact: [...new Set(branches.flatMap((branch) => branch.exact!))], clauses: [] };
      }
      const each = branches.map((branch) => cheapest(clausesOf(branch)));
      return each.some((clause) => clause === undefined) ? NOTHING : { exact: undefined, clauses: [union(each as Clause[])] };
    }
    case 'repeat': {
      const item = infoOf(node.item);
      if (node.min === 0) return node.max === 1 && item.exact && item.exact.length < MAX_EXACT ? { exact: [...new Set(['', ...item.exact])], clauses: [] } : NOTHING;
      if (node.min === 1 && node.max === 1) return item;
      if (item.exact && node.min === node.max && item.exact.length ** node.min <= MAX_EXACT) {
        let exact: string[] = [''];
        for (let count = 0; count < node.min; count += 1) exact = cross(exact, item.exact);
        return { exact, clauses: [] };
      }
      return { exact: undefined, clauses: clausesOf(item) };
    }
  }
}

/** A conjunction of a node's clauses, rarest first; undefined when it requires nothing. */
function conjunctionOf(node: Node): Conjunction | undefined {
  const clauses = [...new Map(clausesOf(infoOf(node)).map((clause) => [clause.join('\u0000'), clause])).values()];
  return clauses.length === 0 ? undefined : clauses.sort((a, b) => cost(a) - cost(b));
}

/**
 * What text must hold for a regular expression to match somewhere in it: one conjunction per branch of
 * the pattern's top-level alternation. Undefined when some branch requires nothing, or when the pattern
 * uses flags that change what its characters match (i, u, v, s, m are not read).
 */
export function regexRequirement(pattern: RegExp): Requirement {
  if (/[^gyd]/.test(pattern.flags)) return undefined;
  const root = new Parser(pattern.source).parse();
  const conjunctions = (root.kind === 'alternation' ? root.branches : [root]).map(conjunctionOf);
  return conjunctions.some((conjunction) => conjunction === undefined) ? undefined : (conjunctions as Conjunction[]);
}
