import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodType } from 'zod';
import type { KnowledgeBase, KnowledgeDocument, Passage } from '../domain/types.js';
import { formatProblem, type Problem } from '../knowledge/problem.js';
import { hasNegationCue } from '../rules/negation.js';
import type { ScopeCues } from './message-scope.js';
import { compilePhrases, PhraseError, phraseWords, type Terms } from './phrase-pattern.js';
import { createLearnedReader, learnedReaderSchema, type LearnedReader } from './learned-reader.js';
import { phraseTriggers } from './phrase-triggers.js';
import { createTriage, type CompiledConcept, type CompiledPhrases, type Triage, type TriageOptions } from './triage.js';
import {
  ALERT_LEVELS,
  conceptFileSchema,
  READINGS,
  WORDS_FILE,
  wordsFileSchema,
  type Condition,
  type ConceptFile,
  type WordsFile,
} from './triage-schema.js';

export class TriageError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The triage data has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'TriageError';
  }
}

/** Where a knowledge folder keeps its red-flag concepts. */
export function triageDirOf(knowledgeDir: string): string {
  return path.join(knowledgeDir, 'triage');
}

type Collector = { file: string; problems: Problem[] };

function report(collector: Collector, field: string, reason: string): void {
  collector.problems.push({ file: collector.file, field, reason, severity: 'error' });
}

function posix(file: string): string {
  return file.split(path.sep).join('/');
}

function parseFile<T>(collector: Collector, content: string, schema: ZodType<T>): T | undefined {
  let data: unknown;
  try {
    // Plain data only: no custom tags, so a triage file can never run code.
    data = parseYaml(content, { schema: 'core', customTags: [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : 'unreadable';
    collector.problems.push({ file: collector.file, reason: `is not valid YAML: ${reason}`, severity: 'error' });
    return undefined;
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(collector, issue.path.map(String).join('.') || 'file', issue.message);
    return undefined;
  }
  return parsed.data;
}

/** Whether a phrase compiles; reports it by field and index when not. */
function compiles(collector: Collector, field: string, template: string, terms: Terms): boolean {
  try {
    compilePhrases([template], terms);
    return true;
  } catch (error) {
    report(collector, field, `"${template}" ${error instanceof PhraseError ? error.message : 'cannot be compiled'}`);
    return false;
  }
}

/** Phrases split by whether they carry a negation of their own ("legs not working"), compiled, with their trigger words unless `checkOnly`. */
function compileList(collector: Collector, field: string, templates: readonly string[], terms: Terms, checkOnly = false): CompiledPhrases | undefined {
  if (!templates.map((template, index) => compiles(collector, `${field}[${index}]`, template, terms)).every(Boolean)) return undefined;
  const negating = templates.filter((template) => hasNegationCue(` ${phraseWords(template, terms)} `));
  const plain = templates.filter((template) => !negating.includes(template));
  return {
    ...(plain.length > 0 ? { plain: compilePhrases(plain, terms) } : {}),
    ...(negating.length > 0 ? { negating: compilePhrases(negating, terms) } : {}),
    ...(checkOnly
      ? {}
      : {
          triggers: {
            ...(plain.length > 0 ? { plain: phraseTriggers(plain, terms) } : {}),
            ...(negating.length > 0 ? { negating: phraseTriggers(negating, terms) } : {}),
          },
        }),
  };
}

function conditionNames(condition: Condition, into: string[] = []): string[] {
  if (typeof condition === 'string') into.push(condition);
  else if ('any' in condition) condition.any.forEach((part) => conditionNames(part, into));
  else if ('all' in condition) condition.all.forEach((part) => conditionNames(part, into));
  else condition.of.forEach((part) => conditionNames(part, into));
  return into;
}

function compileScope(collector: Collector, words: WordsFile, terms: Terms): ScopeCues | undefined {
  // Openers are tested at the start of a sentence; the other cues anywhere in it.
  const anchored = new Set<keyof ScopeCues>(['hypotheticalOpeners', 'questionOpeners']);
  const cues: Partial<ScopeCues> = {};
  // An optional cue list the file leaves out is simply absent.
  const listed = Object.entries(words.scope).filter((entry): entry is [keyof ScopeCues, string[]] => entry[1] !== undefined);
  for (const [name, templates] of listed) {
    // A sentence without the word "cancer" is never read for a no-cancer cue (see message-scope).
    if (name === 'noCancer') templates.forEach((template, index) => template.includes('cancer') || report(collector, `scope.noCancer[${index}]`, `"${template}" must hold the word "cancer"`));
    if (templates.map((template, index) => compiles(collector, `scope.${name}[${index}]`, template, terms)).every(Boolean)) {
      cues[name] = compilePhrases(templates, terms, { anchored: anchored.has(name) });
    }
  }
  return Object.keys(cues).length === listed.length ? (cues as ScopeCues) : undefined;
}

/** Rewrites misspellings and shorthand to one spelling; longer variants first, so "can not" wins over "not". */
function compileSpellings(collector: Collector, spellings: WordsFile['spellings']): { pattern: RegExp; canonical: Map<string, string> } {
  const canonical = new Map<string, string>();
  for (const [word, variants] of Object.entries(spellings)) {
    variants.forEach((variant, index) => {
      const clean = variant.trim();
      if (clean !== clean.toLowerCase() || /[^a-z0-9' &/.-]/.test(clean)) {
        report(collector, `spellings.${word}[${index}]`, `"${variant}" must be lower-case words`);
        return;
      }
      const first = canonical.get(clean);
      if (first !== undefined && first !== word) report(collector, `spellings.${word}[${index}]`, `"${variant}" is already a spelling of "${first}"`);
      canonical.set(clean, word);
    });
  }
  if (canonical.size === 0) return { pattern: /(?!)/g, canonical };
  const escaped = [...canonical.keys()].sort((a, b) => b.length - a.length).map((variant) => variant.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return { pattern: new RegExp(`(?<= )(?:${escaped.join('|')})(?= )`, 'g'), canonical };
}

/** The knowledge's passages and documents by id, made once for every concept file to check its citations against. */
type KnowledgeLookup = { passages: ReadonlyMap<string, Passage>; documents: ReadonlyMap<string, KnowledgeDocument> };

function lookupOf(knowledge: KnowledgeBase): KnowledgeLookup {
  return { passages: new Map(knowledge.passages.map((passage) => [passage.id, passage])), documents: new Map(knowledge.documents.map((document) => [document.id, document])) };
}

function compileConcept(collector: Collector, concept: ConceptFile, sharedTerms: ReadonlyMap<string, string[]>, { passages, documents }: KnowledgeLookup): CompiledConcept | undefined {
  const before = collector.problems.length;
  const terms = new Map(sharedTerms);
  for (const [name, entries] of Object.entries(concept.terms)) {
    if (terms.has(name)) report(collector, `terms.${name}`, `is already a term of ${WORDS_FILE}`);
    terms.set(name, entries);
  }
  const signs = Object.entries(concept.signs).map(([name, templates]) => ({ name, phrases: compileList(collector, `signs.${name}`, templates, terms) }));
  const explainedBy = new Map<string, RegExp>();
  // A stated reading can be put down to another cause too ("our dog has a temperature, 39.4").
  const readings = new Set<string>(READINGS.filter((reading) => concept.readings[reading] !== undefined));
  for (const [name, templates] of Object.entries(concept.explainedBy)) {
    if (!(name in concept.signs) && !readings.has(name)) report(collector, `explainedBy.${name}`, `names "${name}", which is not a sign or a reading of this concept`);
    else if (templates.map((template, index) => compiles(collector, `explainedBy.${name}[${index}]`, template, terms)).every(Boolean)) explainedBy.set(name, compilePhrases(templates, terms));
  }
  const readingsExplainedBy = new Map([...explainedBy].filter(([name]) => readings.has(name)));
  const topic = concept.topic.length > 0 ? compileList(collector, 'topic', concept.topic, terms) : undefined;
  const readerList = (field: 'notForReader' | 'readerNeeds') => {
    const templates = concept[field];
    return templates && templates.map((template, index) => compiles(collector, `${field}[${index}]`, template, terms)).every(Boolean) ? compilePhrases(templates, terms) : undefined;
  };
  const notForReader = readerList('notForReader');
  const readerNeeds = readerList('readerNeeds');

  const known = new Set([...Object.keys(concept.signs), ...(concept.topic.length > 0 ? ['topic'] : []), ...readings]);
  for (const level of ALERT_LEVELS) {
    const condition = concept.levels[level];
    if (!condition) continue;
    for (const name of conditionNames(condition)) {
      if (!known.has(name)) report(collector, `levels.${level}`, `names "${name}", which is not a sign, "topic" or a reading of this concept (${[...known].join(', ')})`);
    }
  }

  for (const level of ALERT_LEVELS) {
    const alert = concept.alerts[level];
    if (!alert) continue;
    for (const audience of ['patient', 'professional'] as const) {
      alert[audience].passages.forEach((id, index) => {
        const field = `alerts.${level}.${audience}.passages[${index}]`;
        const passage = passages.get(id);
        if (!passage) {
          report(collector, field, `cites "${id}", which is not a passage of the knowledge folder`);
          return;
        }
        const audienceOfDocument = documents.get(passage.docId)?.audience;
        if (audience === 'patient' && audienceOfDocument === 'professional') report(collector, field, `cites "${id}", a professional document, in the patient wording`);
      });
    }
  }
  if (collector.problems.length > before) return undefined;
  return {
    id: concept.id,
    description: concept.description,
    priority: concept.priority,
    scopes: new Set(concept.scopes),
    yieldsTo: concept.yieldsTo,
    signs: signs.map(({ name, phrases }) => ({ name, phrases: phrases!, ...(explainedBy.has(name) ? { explainedBy: explainedBy.get(name)! } : {}) })),
    ...(topic ? { topic } : {}),
    ...(notForReader ? { notForReader } : {}),
    ...(readerNeeds ? { readerNeeds } : {}),
    readings: concept.readings,
    ...(readingsExplainedBy.size > 0 ? { readingsExplainedBy } : {}),
    levels: concept.levels,
    alerts: concept.alerts,
    question: concept.question,
  };
}

export const LEARNED_READER_FILE = 'learned-reader.json';

/** The learned second reader, when the folder holds one; its problems are reported like any file's. */
async function readLearnedReader(dir: string, conceptIds: ReadonlySet<string>, problems: Problem[]): Promise<LearnedReader | undefined> {
  const file = path.join(dir, LEARNED_READER_FILE);
  const collector = { file: posix(file), problems };
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    problems.push({ file: collector.file, reason: `is not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`, severity: 'error' });
    return undefined;
  }
  const parsed = learnedReaderSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(collector, issue.path.map(String).join('.') || 'file', issue.message);
    return undefined;
  }
  const before = problems.length;
  parsed.data.models.forEach((model, index) => {
    if (!conceptIds.has(model.concept)) report(collector, `models.${index}.concept`, `names "${model.concept}", which is not a concept of this folder`);
  });
  return problems.length === before ? createLearnedReader(parsed.data) : undefined;
}

export type TriageReport = { triage?: Triage; problems: Problem[]; files: number };

/**
 * Reads a triage folder (the shared words file and one file per concept), compiles every phrase and
 * checks every cited passage against the knowledge base. Reports all problems by file, field and
 * reason; never throws for bad content (see `loadTriage`).
 */
export async function inspectTriage(dir: string, knowledge: KnowledgeBase, options: TriageOptions = {}): Promise<TriageReport> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return { problems: [{ file: dir, reason: 'cannot be read as a folder', severity: 'error' }], files: 0 };
  }
  const problems: Problem[] = [];
  const wordsFile = posix(path.join(dir, WORDS_FILE));
  if (!names.includes(WORDS_FILE)) {
    return { problems: [{ file: wordsFile, reason: 'is missing: the triage folder needs its shared words file', severity: 'error' }], files: names.length };
  }
  const wordsCollector = { file: wordsFile, problems };
  const words = parseFile(wordsCollector, await readFile(path.join(dir, WORDS_FILE), 'utf8'), wordsFileSchema);
  // Concepts use the shared terms: without them every phrase would fail again, so stop here.
  if (!words) return { problems, files: names.length };
  const sharedTerms = new Map(Object.entries(words.terms));
  const spellings = compileSpellings(wordsCollector, words.spellings);
  Object.entries(words.terms).forEach(([name, templates]) => compileList(wordsCollector, `terms.${name}`, templates, sharedTerms, true));
  const scope = compileScope(wordsCollector, words, sharedTerms);

  const concepts: CompiledConcept[] = [];
  const fileOfId = new Map<string, string>();
  const lookup = lookupOf(knowledge);
  for (const name of names.filter((candidate) => candidate !== WORDS_FILE)) {
    const collector = { file: posix(path.join(dir, name)), problems };
    const concept = parseFile(collector, await readFile(path.join(dir, name), 'utf8'), conceptFileSchema);
    if (!concept) continue;
    const first = fileOfId.get(concept.id);
    if (first) report(collector, 'id', `"${concept.id}" is already used by ${first}`);
    fileOfId.set(concept.id, collector.file);
    const compiled = compileConcept(collector, concept, sharedTerms, lookup);
    if (compiled) concepts.push(compiled);
  }
  for (const concept of concepts) {
    concept.yieldsTo.forEach((id, index) => {
      if (!fileOfId.has(id)) problems.push({ file: fileOfId.get(concept.id)!, field: `yieldsTo[${index}]`, reason: `names "${id}", which is not a concept of this folder`, severity: 'error' });
    });
  }
  if (concepts.length === 0 && problems.length === 0) problems.push({ file: dir, reason: 'holds no concept files (*.yaml besides words.yaml)', severity: 'error' });
  const learned = options.learned === undefined ? await readLearnedReader(dir, new Set(fileOfId.keys()), problems) : options.learned;
  if (problems.length > 0 || !scope) return { problems, files: names.length };
  return { triage: createTriage({ concepts, scope, spellings }, { ...options, ...(learned ? { learned } : {}) }), problems, files: names.length };
}

/** Loads a triage folder for serving; throws a `TriageError` listing every problem by file and field. */
export async function loadTriage(dir: string, knowledge: KnowledgeBase, options: TriageOptions = {}): Promise<Triage> {
  const { triage, problems } = await inspectTriage(dir, knowledge, options);
  if (!triage || problems.length > 0) throw new TriageError(problems);
  return triage;
}

/**
 * The triage of a knowledge folder for serving. A folder without a triage subfolder serves without
 * red-flag triage, reported as a quality problem so the server logs it; a broken one throws.
 */
export async function loadTriageOf(knowledgeDir: string, knowledge: KnowledgeBase): Promise<{ triage?: Triage; problems: Problem[] }> {
  const dir = triageDirOf(knowledgeDir);
  if (!(await hasTriageFolder(knowledgeDir))) {
    return { problems: [{ file: dir, reason: 'is missing, so red-flag triage is off for this knowledge folder', severity: 'quality' }] };
  }
  return { triage: await loadTriage(dir, knowledge), problems: [] };
}

/** Whether a knowledge folder has triage data at all. */
export async function hasTriageFolder(knowledgeDir: string): Promise<boolean> {
  return stat(triageDirOf(knowledgeDir)).then(
    (found) => found.isDirectory(),
    () => false,
  );
}
