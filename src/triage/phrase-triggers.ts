// Trigger words of phrases: what prepared text must hold for a list of phrases to match, worked out
// from the phrase language itself, so that a message without them can skip the list's pattern
// without changing what triage finds.
//
// Why it is complete: a compiled phrase matches a run of whole tokens of prepared text, each preceded
// and followed by a space (phrases start after a space, and every word, group and gap ends with one).
// A phrase matches only if each of its required tokens (not optional, not a gap, not `!…`) matches,
// and a token matches only if one of its choices does: a word `legs` puts " legs " in the text,
// `weak*` puts " weak", `20##` puts " 20", a {term} or a (…|…) group one of its phrases. So wherever
// a phrase matches, the text holds one trigger word of each required token, and a list of phrases
// needs that of at least one phrase. Misspellings need no entry of their own: triage rewrites them to
// the spelling on the left of words.yaml before any pattern, or this check, reads the text.
import { either, union, type Clause, type Requirement } from '../text/prefilter.js';
import { STOP_WORDS } from '../text/stop-words.js';
import { MAX_TERM_DEPTH, readToken, TERM, tokenize, type Terms } from './phrase-pattern.js';

/** Common words cost more: a clause made of them rules out few messages. */
function cost(clause: Clause): number {
  return clause.reduce((sum, trigger) => {
    const word = trigger.trim();
    const common = STOP_WORDS.has(word) || word.length <= 2 || (!trigger.endsWith(' ') && word.length <= 3);
    return sum + (common ? 25 : 1);
  }, 0);
}

function cheapest(clauses: readonly Clause[]): Clause {
  return clauses.reduce((best, clause) => (cost(clause) < cost(best) ? clause : best));
}

/** One clause that holds wherever the requirement does: the cheapest clause of each conjunction, joined. */
function collapse(requirement: Requirement): Clause | undefined {
  return requirement === undefined ? undefined : union(requirement.map(cheapest));
}

/** What a word of the phrase language puts in prepared text wherever it matches. */
function wordRequirement(word: string): Requirement {
  const wildcard = word.endsWith('*');
  const body = wildcard ? word.slice(0, -1) : word;
  // `#` is any digit: what comes before the first one is a prefix of the word.
  const digit = body.indexOf('#');
  const literal = digit >= 0 ? body.slice(0, digit) : body;
  if (literal === '') return undefined;
  return [[[wildcard || digit >= 0 ? ` ${literal}` : ` ${literal} `]]];
}

type Memo = Map<string, Requirement>;
// What each term requires, worked out once for all the signs that use the same terms (a map of terms
// is never changed once its phrases are compiled).
const memos = new WeakMap<Terms, Memo>();

function termRequirement(name: string, terms: Terms, depth: number, memo: Memo): Requirement {
  const key = `${name}@${depth}`;
  if (!memo.has(key)) {
    const entries = terms.get(name);
    memo.set(key, entries ? either(entries.map((entry) => phraseRequirement(entry, terms, depth + 1, memo))) : undefined);
  }
  return memo.get(key);
}

/**
 * What one phrase requires. A phrase that is a single term or group keeps the requirement of each of
 * its phrases apart (one conjunction each); a longer one requires a clause for each required token.
 */
function phraseRequirement(template: string, terms: Terms, depth: number, memo: Memo): Requirement {
  if (depth > MAX_TERM_DEPTH) return undefined;
  const tokens: Requirement[] = [];
  for (const token of tokenize(template)) {
    const read = readToken(token);
    if (read.kind === 'gap' || read.kind === 'exclude' || read.optional) continue;
    tokens.push(
      either(
        read.kind === 'group'
          ? read.phrases.map((phrase) => phraseRequirement(phrase, terms, depth + 1, memo))
          : read.choices.map((choice) => {
              const term = TERM.exec(choice);
              return term ? termRequirement(term[1]!, terms, depth, memo) : wordRequirement(choice);
            }),
      ),
    );
  }
  if (tokens.length === 1) return tokens[0];
  const clauses = tokens.map(collapse).filter((clause): clause is Clause => clause !== undefined);
  if (clauses.length === 0) return undefined;
  // The rarest clause first, so that checking a conjunction stops early.
  return [[...new Map(clauses.map((clause) => [clause.join('\n'), clause])).values()].sort((a, b) => cost(a) - cost(b))];
}

/**
 * What prepared text must hold for any phrase of a list (a sign) to match: some conjunction whose
 * every clause has a string in the text. Undefined when some phrase requires nothing (it is always tried).
 */
export function phraseTriggers(templates: readonly string[], terms: Terms): Requirement {
  let memo = memos.get(terms);
  if (!memo) {
    memo = new Map();
    memos.set(terms, memo);
  }
  return either(templates.map((template) => phraseRequirement(template, terms, 0, memo)));
}
