import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectKnowledge, loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { KnowledgeError, type Problem } from '../../src/knowledge/problem.js';
import { FIXTURE_KNOWLEDGE } from '../helpers/fixture-services.js';

const VALID_FRONT_MATTER = {
  id: 'sample-doc',
  title: 'Sample document',
  type: 'guideline',
  publisher: 'ASCO',
  source: '"Van Poznak C, et al. J Clin Oncol 2017;35:3978-86"',
  year: '2017',
  audience: 'professional',
  topics: '[bone metastases]',
  review: '\n  status: submitted',
  updated: '2026-11-26',
};
const VALID_BODY = '## Dose and schedule\n- Denosumab 120 mg is given subcutaneously every 4 weeks.\n';

function documentText(fields: Record<string, string | undefined>, body = VALID_BODY): string {
  const lines = Object.entries({ ...VALID_FRONT_MATTER, ...fields })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

const folders: string[] = [];
async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'knowledge-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function problemsOf(files: Record<string, string>): Promise<Problem[]> {
  return (await inspectKnowledge(await folderWith(files))).problems;
}

describe('knowledge loader', () => {
  it('loads the fixture folder into documents, passages and synonyms without problems', async () => {
    const { base, problems } = await inspectKnowledge(FIXTURE_KNOWLEDGE);
    expect(problems).toEqual([]);
    expect(base.documents.map((document) => document.id).sort()).toEqual(['bone-agents', 'bone-medicines-patient', 'bone-radiotherapy']);
    const dose = base.passages.find((passage) => passage.id === 'bone-agents#dose-and-schedule-1');
    expect(dose).toMatchObject({ docId: 'bone-agents', section: 'Dose and schedule', pitfall: false });
    expect(dose?.text).toBe('Denosumab 120 mg is given subcutaneously every 4 weeks.');
    expect(base.passages.find((passage) => passage.id === 'bone-agents#common-pitfalls-1')?.pitfall).toBe(true);
    expect(base.synonyms).toContainEqual(['zoledronic acid', 'zoledronate', 'Zometa']);
    const agents = base.documents.find((document) => document.id === 'bone-agents');
    expect(agents).toMatchObject({ publisher: 'ASCO', year: 2017, review: { status: 'approved' }, file: 'professional/bone-agents.md' });
  });

  it('keeps passage ids stable across rebuilds and when text is added to another section', async () => {
    const first = await inspectKnowledge(FIXTURE_KNOWLEDGE);
    const again = await inspectKnowledge(FIXTURE_KNOWLEDGE);
    expect(again.base.passages.map((passage) => passage.id)).toEqual(first.base.passages.map((passage) => passage.id));

    const before = await inspectKnowledge(await folderWith({ 'a.md': documentText({}) }));
    const grown = documentText({}, `## Background\n- Bone metastases are common in breast cancer.\n\n${VALID_BODY}`);
    const after = await inspectKnowledge(await folderWith({ 'a.md': grown }));
    const dose = 'sample-doc#dose-and-schedule-1';
    expect(before.base.passages.find((passage) => passage.id === dose)?.text).toBe(after.base.passages.find((passage) => passage.id === dose)?.text);
  });

  it('joins wrapped lines into one passage and splits paragraphs and bullets apart', async () => {
    const body = '## Dosing\nDenosumab 120 mg is given\nsubcutaneously every 4 weeks.\n\nZoledronic acid 4 mg is given intravenously.\n- Pamidronate 90 mg is given intravenously.\n';
    const { base } = await inspectKnowledge(await folderWith({ 'a.md': documentText({}, body) }));
    expect(base.passages.map((passage) => passage.text)).toEqual([
      'Denosumab 120 mg is given subcutaneously every 4 weeks.',
      'Zoledronic acid 4 mg is given intravenously.',
      'Pamidronate 90 mg is given intravenously.',
    ]);
    expect(base.passages.map((passage) => passage.id)).toEqual(['sample-doc#dosing-1', 'sample-doc#dosing-2', 'sample-doc#dosing-3']);
  });

  it.each([
    ['a missing field', { publisher: undefined }, 'publisher', 'is missing'],
    ['a bad review status', { review: '\n  status: maybe' }, 'review.status', 'submitted'],
    ['a bad document type', { type: 'blog' }, 'type', 'guideline'],
    ['a non-kebab id', { id: 'Sample Doc' }, 'id', 'kebab-case'],
    ['a bad audience', { audience: 'everyone' }, 'audience', 'professional'],
    ['a year that is not a number', { year: 'recent' }, 'year', ''],
    ['a bad date', { updated: '26/11/2026' }, 'updated', 'YYYY-MM-DD'],
    ['a bad url', { url: 'not a url' }, 'url', ''],
    ['an unknown field', { colour: 'blue' }, 'front matter', 'colour'],
    ['no topics', { topics: '[]' }, 'topics', 'at least one topic'],
  ])('reports %s with file, field and reason', async (_name, fields, field, reason) => {
    const problems = await problemsOf({ 'guides/a.md': documentText(fields) });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guides/a.md', field, severity: 'error', reason: expect.stringContaining(reason) }));
  });

  it('reports a file with no front matter and one with broken YAML', async () => {
    const problems = await problemsOf({ 'plain.md': '## Heading\nText.\n', 'broken.md': '---\nid: [unclosed\n---\n## A\nText.\n' });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'plain.md', reason: expect.stringContaining('no front matter') }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.md', field: 'front matter', reason: expect.stringContaining('not valid YAML') }));
  });

  it('reports a duplicate document id naming both files', async () => {
    const problems = await problemsOf({ 'a.md': documentText({}), 'b.md': documentText({}) });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'b.md', field: 'id', reason: expect.stringContaining('a.md') }));
  });

  it('reports an empty section and a document without text', async () => {
    const problems = await problemsOf({
      'empty-section.md': documentText({}, `## Nothing here\n\n${VALID_BODY}`),
      'no-text.md': documentText({ id: 'no-text' }, ''),
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'empty-section.md', field: 'section "Nothing here"', reason: expect.stringContaining('no text') }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'no-text.md', field: 'body', reason: 'has no text' }));
  });

  it('reports a broken synonyms file: bad YAML, empty group, wrong shape', async () => {
    expect(await problemsOf({ 'a.md': documentText({}), 'synonyms.yaml': 'groups: [[a, b' })).toContainEqual(
      expect.objectContaining({ file: 'synonyms.yaml', reason: expect.stringContaining('cannot be parsed') }),
    );
    expect(await problemsOf({ 'a.md': documentText({}), 'synonyms.yaml': 'groups:\n  - []\n' })).toContainEqual(
      expect.objectContaining({ file: 'synonyms.yaml', field: 'groups.0', reason: expect.stringContaining('at least two terms') }),
    );
    expect(await problemsOf({ 'a.md': documentText({}), 'synonyms.yaml': 'words: [a, b]\n' })).toContainEqual(
      expect.objectContaining({ file: 'synonyms.yaml', severity: 'error' }),
    );
  });

  it('reports a folder that does not exist or holds no documents', async () => {
    expect((await inspectKnowledge(path.join(os.tmpdir(), 'no-such-knowledge-folder'))).problems[0]?.reason).toContain('cannot be read');
    expect((await problemsOf({ 'notes.txt': 'hello' }))[0]?.reason).toContain('no knowledge documents');
  });

  it('loadKnowledge throws a KnowledgeError listing every blocking problem', async () => {
    const dir = await folderWith({ 'a.md': documentText({ publisher: undefined }), 'b.md': documentText({ id: 'b', review: '\n  status: maybe' }) });
    const error = await loadKnowledge(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems).toHaveLength(2);
    expect((error as KnowledgeError).message).toContain('a.md [publisher]: is missing');
  });
});

describe('knowledge quality checks', () => {
  it('flags a sentence that starts with a dangling pronoun', async () => {
    const body = '## Dosing\n- Denosumab 120 mg is given subcutaneously. It is given every 4 weeks.\n';
    const problems = await problemsOf({ 'a.md': documentText({}, body) });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'quality', field: 'passage sample-doc#dosing-1', reason: expect.stringContaining('starts with a pronoun') }));
  });

  it.each([
    ['4mg', 'no space'],
    ['30 ml/min', 'mL/min'],
    ['12 mg/dl', 'mg/dL'],
    ['27 %', '"%"'],
    ['8 gy', 'Gy'],
  ])('flags the non-canonical unit %s', async (written, reason) => {
    const body = `## Dosing\n- Zoledronic acid is dosed at ${written} in this example.\n`;
    const problems = await problemsOf({ 'a.md': documentText({}, body) });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'quality', reason: expect.stringContaining(reason) }));
  });

  it('accepts canonical units and self-contained sentences', async () => {
    const body = '## Dosing\n- Zoledronic acid 4 mg is given when creatinine clearance is 50–60 mL/min. Calcium above 14 mg/dL is severe. Pain relief after 8 Gy reached 27.3%.\n';
    expect(await problemsOf({ 'a.md': documentText({}, body) })).toEqual([]);
  });

  it('flags a patient document above grade 8 and passes a plain one', async () => {
    const hard = '## Treatment\n- Bisphosphonate administration necessitates comprehensive preliminary odontological evaluation, considering osteonecrosis susceptibility and multidisciplinary coordination.\n';
    const plain = '## Treatment\n- See your dentist before you start. Brush your teeth every day. Tell your nurse if your jaw hurts.\n';
    const problems = await problemsOf({
      'hard.md': documentText({ id: 'hard', audience: 'patient', type: 'patient-information' }, hard),
      'plain.md': documentText({ id: 'plain', audience: 'patient', type: 'patient-information' }, plain),
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'hard.md', field: 'readability', severity: 'quality' }));
    expect(problems.filter((problem) => problem.file === 'plain.md')).toEqual([]);
  });
});

describe('the bundled knowledge pack', () => {
  it('passes every check, with both approved and under-review documents and patient documents at grade 8 or below', async () => {
    const { PACK_KNOWLEDGE } = await import('../helpers/fixture-services.js');
    const { base, problems } = await inspectKnowledge(PACK_KNOWLEDGE);
    expect(problems).toEqual([]);
    const statuses = base.documents.map((document) => document.review.status);
    expect(statuses.filter((status) => status === 'approved').length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((status) => status === 'under-review').length).toBeGreaterThanOrEqual(3);
    expect(base.documents.some((document) => document.audience === 'patient')).toBe(true);
    for (const document of base.documents) {
      expect(document.source.length, document.id).toBeGreaterThan(0);
      expect(document.year, document.id).toBeGreaterThan(1980);
    }
  });
});
