import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectTriage, loadTriage, loadTriageOf, TriageError } from '../../src/triage/load-triage.js';
import { CONCEPT, KNOWLEDGE, removeTriageFolders, triageFolder, WORDS } from '../helpers/triage-folder.js';

afterEach(removeTriageFolders);
const folder = triageFolder;

async function problemsOf(files: Record<string, string>): Promise<Array<{ file: string; field?: string; reason: string }>> {
  const dir = await folder(files);
  const report = await inspectTriage(dir, KNOWLEDGE);
  expect(report.triage).toBeUndefined();
  return report.problems.map(({ file, field, reason }) => ({ file: path.basename(file), ...(field ? { field } : {}), reason }));
}

describe('loading triage data', () => {
  it('loads a valid folder and triages with it', async () => {
    const triage = await loadTriage(await folder({ 'words.yaml': WORDS, 'weak-legs.yaml': CONCEPT }), KNOWLEDGE);
    expect(triage.triage('I cant walk', 'patient')).toEqual([
      { id: 'weak-legs', level: 'immediate', title: 'Weak legs', text: 'Weak legs can be serious. Get help now.', passageIds: ['warning#legs-1'] },
    ]);
    expect(triage.triage('What is leg weakness?', 'professional').map((alert) => alert.level)).toEqual(['information']);
    expect(triage.triage('my legs are fine', 'patient')).toEqual([]);
  });

  it('reports a passage the knowledge lacks, and a professional passage in patient wording, by file and field', async () => {
    const bad = CONCEPT.replace('patient: { text: Weak legs can be serious. Get help now., passages: ["warning#legs-1"] }', 'patient: { text: Weak legs can be serious. Get help now., passages: ["warning#legs-9", "guide#legs-1"] }');
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad })).toEqual([
      { file: 'weak-legs.yaml', field: 'alerts.immediate.patient.passages[0]', reason: 'cites "warning#legs-9", which is not a passage of the knowledge folder' },
      { file: 'weak-legs.yaml', field: 'alerts.immediate.patient.passages[1]', reason: 'cites "guide#legs-1", a professional document, in the patient wording' },
    ]);
  });

  it('reports a phrase that does not compile, naming the sign and its index', async () => {
    const bad = CONCEPT.replace('"{legs} are weak"', '"{arms} are weak"');
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad })).toEqual([
      { file: 'weak-legs.yaml', field: 'signs.weakness[1]', reason: '"{arms} are weak" uses {arms}, which is not a defined term' },
    ]);
  });

  it('reads a sign put down to a cause its concept names as no report, and reports a cause for an unknown sign', async () => {
    const explained = CONCEPT.replace('levels:', 'explainedBy:\n  weakness: [stroke]\nlevels:');
    const triage = await loadTriage(await folder({ 'words.yaml': WORDS, 'weak-legs.yaml': explained }), KNOWLEDGE);
    expect(triage.triage('my legs are weak since the stroke', 'patient')).toEqual([]);
    // The cause explains only the sentence it is in.
    expect(triage.triage('I had a stroke. My legs are weak', 'patient').map((alert) => alert.id)).toEqual(['weak-legs']);
    const unknown = CONCEPT.replace('levels:', 'explainedBy:\n  numbness: [stroke]\nlevels:');
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': unknown })).toEqual([
      { file: 'weak-legs.yaml', field: 'explainedBy.numbness', reason: 'names "numbness", which is not a sign or a reading of this concept' },
    ]);
    const bad = CONCEPT.replace('levels:', 'explainedBy:\n  weakness: ["{arms} hurt"]\nlevels:');
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad })).toEqual([
      { file: 'weak-legs.yaml', field: 'explainedBy.weakness[0]', reason: '"{arms} hurt" uses {arms}, which is not a defined term' },
    ]);
  });

  it('reports a level that names an unknown sign, and a level without an alert', async () => {
    const bad = CONCEPT.replace('information: topic', 'information: topic\n  same-day: { any: [numbness] }');
    const problems = await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad });
    expect(problems).toContainEqual({ file: 'weak-legs.yaml', field: 'alerts.same-day', reason: 'every level needs an alert and every alert a level ("same-day" has only one)' });
  });

  it("carries the concept's report question for the audience, and reports one that is not a question", async () => {
    const asked = CONCEPT.replace('priority: 1', 'priority: 1\nquestion:\n  patient: What should I do if my legs are weak?');
    const triage = await loadTriage(await folder({ 'words.yaml': WORDS, 'weak-legs.yaml': asked }), KNOWLEDGE);
    expect(triage.triage('I cant walk', 'patient')[0]?.question).toBe('What should I do if my legs are weak?');
    expect(triage.triage('I cant walk', 'professional')[0]).not.toHaveProperty('question');
    const bad = CONCEPT.replace('priority: 1', 'priority: 1\nquestion:\n  patient: Weak legs need help now.');
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad })).toEqual([
      { file: 'weak-legs.yaml', field: 'question.patient', reason: 'must be a question ending with "?"' },
    ]);
  });

  it('reports schema problems by field', async () => {
    const bad = CONCEPT.replace('priority: 1', 'priority: first').replace('id: weak-legs', 'id: Weak Legs');
    const problems = await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': bad });
    expect(problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['id', 'priority']));
    expect(problems.find((problem) => problem.field === 'id')?.reason).toBe('must be kebab-case');
  });

  it('reports invalid YAML, a missing words file, an unknown yieldsTo and a duplicate id', async () => {
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': 'id: [unclosed' })).toEqual([
      { file: 'weak-legs.yaml', reason: expect.stringMatching(/^is not valid YAML/) },
    ]);
    expect(await problemsOf({ 'weak-legs.yaml': CONCEPT })).toEqual([{ file: 'words.yaml', reason: 'is missing: the triage folder needs its shared words file' }]);
    expect(await problemsOf({ 'words.yaml': WORDS, 'weak-legs.yaml': `${CONCEPT}yieldsTo: [no-such-concept]\n` })).toEqual([
      { file: 'weak-legs.yaml', field: 'yieldsTo[0]', reason: 'names "no-such-concept", which is not a concept of this folder' },
    ]);
    expect(await problemsOf({ 'words.yaml': WORDS, 'a.yaml': CONCEPT, 'b.yaml': CONCEPT })).toContainEqual({
      file: 'b.yaml',
      field: 'id',
      reason: expect.stringMatching(/^"weak-legs" is already used by .*a\.yaml$/),
    });
  });

  it('reports a spelling listed under two words and a bad scope cue', async () => {
    const bad = WORDS.replace('"can\'t": [cant]', '"can\'t": [cant]\n  cannot: [cant]').replace('past: [last year]', 'past: ["last {year}"]');
    expect(await problemsOf({ 'words.yaml': bad, 'weak-legs.yaml': CONCEPT })).toEqual([
      { file: 'words.yaml', field: 'spellings.cannot[0]', reason: '"cant" is already a spelling of "can\'t"' },
      { file: 'words.yaml', field: 'scope.past[0]', reason: '"last {year}" uses {year}, which is not a defined term' },
    ]);
  });

  it('reports a no-cancer cue without the word "cancer", which the scope check would never read', async () => {
    const bad = WORDS.replace('noCancer: [no cancer]', 'noCancer: [no cancer, healthy]');
    expect(await problemsOf({ 'words.yaml': bad, 'weak-legs.yaml': CONCEPT })).toEqual([
      { file: 'words.yaml', field: 'scope.noCancer[1]', reason: '"healthy" must hold the word "cancer"' },
    ]);
  });

  it('throws a TriageError listing every problem, for the server to refuse to start', async () => {
    const dir = await folder({ 'words.yaml': WORDS, 'weak-legs.yaml': CONCEPT.replace('warning#legs-1', 'warning#gone-1') });
    const error = await loadTriage(dir, KNOWLEDGE).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).message).toContain('alerts.immediate.patient.passages[0]');
  });

  it('serves a knowledge folder without triage data without triage, and says so as a quality problem', async () => {
    const knowledgeDir = await folder({});
    const { triage, problems } = await loadTriageOf(knowledgeDir, KNOWLEDGE);
    expect(triage).toBeUndefined();
    expect(problems).toEqual([{ file: path.join(knowledgeDir, 'triage'), reason: 'is missing, so red-flag triage is off for this knowledge folder', severity: 'quality' }]);
    await mkdir(path.join(knowledgeDir, 'triage'));
    await writeFile(path.join(knowledgeDir, 'triage', 'words.yaml'), WORDS);
    await expect(loadTriageOf(knowledgeDir, KNOWLEDGE)).rejects.toBeInstanceOf(TriageError);
  });
});
