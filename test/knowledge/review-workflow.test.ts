import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { recordReview } from '../../src/knowledge/record-review.js';
import { checkReview } from '../../src/knowledge/review-check.js';
import { reviewDocument } from '../../src/knowledge/review-document.js';
import { reviewHash } from '../../src/knowledge/review-hash.js';
import { loadServices } from '../../src/services.js';
import { FIXTURE_KNOWLEDGE } from '../helpers/fixture-services.js';

const BODY = '## Dose and schedule\n- Denosumab 120 mg is given subcutaneously every 4 weeks.\n';
const DOCUMENT = `---
id: sample-doc
title: Sample document
type: guideline
publisher: ASCO
source: "Van Poznak C, et al. J Clin Oncol 2017;35:3978-86"
year: 2017
audience: professional
topics: [bone metastases, denosumab]
review:
  status: submitted
updated: 2026-01-02
---
${BODY}`;

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function copyOfFixture(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'review-'));
  folders.push(dir);
  await cp(FIXTURE_KNOWLEDGE, dir, { recursive: true });
  return dir;
}

describe('review hash', () => {
  it('ignores line endings and trailing spaces but not a changed number', () => {
    expect(reviewHash(BODY)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reviewHash(BODY.replace(/\n/g, '  \r\n'))).toBe(reviewHash(BODY));
    expect(reviewHash(BODY.replace('120 mg', '60 mg'))).not.toBe(reviewHash(BODY));
  });
});

describe('which status a document is served with', () => {
  const approved = { status: 'approved' as const, by: 'Dr Reviewer', date: '2026-02-03', hash: reviewHash(BODY) };

  it('keeps an approval whose hash matches the text', () => {
    expect(checkReview('a.md', 'a', approved, BODY)).toEqual({ status: 'approved', problems: [] });
  });

  it('serves an edited approved text as submitted and names who approved what, and when', () => {
    const { status, problems } = checkReview('a.md', 'a', approved, BODY.replace('4 weeks', '12 weeks'));
    expect(status).toBe('submitted');
    expect(problems).toEqual([expect.objectContaining({ file: 'a.md', field: 'review.hash', severity: 'quality' })]);
    expect(problems[0]?.reason).toContain('Dr Reviewer approved it on 2026-02-03');
    expect(problems[0]?.reason).toContain('npm run knowledge:review -- approve a');
  });

  it('does not count an approval without a hash, a reviewer or a date', () => {
    for (const review of [
      { status: 'approved' as const, by: 'Dr Reviewer', date: '2026-02-03' },
      { status: 'approved' as const, date: '2026-02-03', hash: reviewHash(BODY) },
      { status: 'approved' as const, by: 'Dr Reviewer', hash: reviewHash(BODY) },
    ]) {
      const { status, problems } = checkReview('a.md', 'a', review, BODY);
      expect(status).toBe('submitted');
      expect(problems).toHaveLength(1);
    }
  });

  it('reports a hash left on a document that is not approved', () => {
    const { status, problems } = checkReview('a.md', 'a', { status: 'under-review', hash: reviewHash(BODY) }, BODY);
    expect(status).toBe('under-review');
    expect(problems).toEqual([expect.objectContaining({ field: 'review.hash' })]);
  });
});

describe('recording a review', () => {
  it('approves with reviewer, date, hash and updated date, leaving the body byte for byte', () => {
    const approved = recordReview(DOCUMENT, 'approve', { by: 'Dr Reviewer', date: '2026-02-03' });
    expect(approved).toContain(`review:\n  status: approved\n  by: Dr Reviewer\n  date: 2026-02-03\n  hash: ${reviewHash(BODY)}\nupdated: 2026-02-03\n`);
    expect(approved).toContain('topics: [bone metastases, denosumab]');
    expect(approved.endsWith(`---\n${BODY}`)).toBe(true);
  });

  it('drops the hash of an earlier approval on any other transition', () => {
    const approved = recordReview(DOCUMENT, 'approve', { by: 'Dr Reviewer', date: '2026-02-03' });
    const reopened = recordReview(approved, 'start-review', { by: 'Dr Second', date: '2026-02-04' });
    expect(reopened).toContain('review:\n  status: under-review\n  by: Dr Second\n  date: 2026-02-04\nupdated: 2026-02-03\n');
    const submitted = recordReview(reopened, 'submit', { date: '2026-02-05' });
    expect(submitted).toContain('review:\n  status: submitted\n  date: 2026-02-05\nupdated');
    expect(submitted).not.toContain('hash:');
  });

  it('refuses an approval without a reviewer, a bad date, or a file without front matter', () => {
    expect(() => recordReview(DOCUMENT, 'approve', { date: '2026-02-03' })).toThrow(/--by/);
    expect(() => recordReview(DOCUMENT, 'approve', { by: ' ', date: '2026-02-03' })).toThrow(/--by/);
    expect(() => recordReview(DOCUMENT, 'approve', { by: 'Dr Reviewer', date: '3 Feb 2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => recordReview(BODY, 'submit', { date: '2026-02-03' })).toThrow(/front matter/);
  });

  it('names an unknown document id', async () => {
    const dir = await copyOfFixture();
    await expect(reviewDocument(dir, 'no-such-doc', 'submit', { date: '2026-02-03' })).rejects.toThrow(/no document with id "no-such-doc"/);
  });
});

describe('approve, edit, pending again (end to end)', () => {
  const question = { message: 'single fraction 8 Gy radiotherapy retreatment' };
  const statusOf = async (dir: string) => (await inspectKnowledge(dir)).base.documents.find((document) => document.id === 'bone-radiotherapy')?.review.status;
  const pendingNotice = async (dir: string) =>
    (await (await loadServices({ knowledgeDir: dir })).answer(question)).notices.some((notice) => notice.kind === 'pending-review');

  it('pins an approval to the text, returns an edited text to submitted with a pending notice, and re-approves', async () => {
    const dir = await copyOfFixture();
    expect(await statusOf(dir)).toBe('under-review');
    expect(await pendingNotice(dir)).toBe(true);

    await reviewDocument(dir, 'bone-radiotherapy', 'approve', { by: 'Dr Reviewer', date: '2026-02-03' });
    expect((await inspectKnowledge(dir)).problems).toEqual([]);
    expect(await statusOf(dir)).toBe('approved');
    expect(await pendingNotice(dir)).toBe(false);

    const file = path.join(dir, 'professional', 'bone-radiotherapy.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('8 Gy', '6 Gy'));
    const { problems } = await inspectKnowledge(dir);
    expect(problems).toEqual([expect.objectContaining({ file: 'professional/bone-radiotherapy.md', field: 'review.hash' })]);
    expect(await statusOf(dir)).toBe('submitted');
    expect(await pendingNotice(dir)).toBe(true);

    await reviewDocument(dir, 'bone-radiotherapy', 'approve', { by: 'Dr Reviewer', date: '2026-02-04' });
    expect((await inspectKnowledge(dir)).problems).toEqual([]);
    expect(await statusOf(dir)).toBe('approved');
  });

  it('records a review from the command line and exits non-zero with a message on bad input', async () => {
    const dir = await copyOfFixture();
    const run = (args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/knowledge-review.ts', ...args, '--dir', dir]);
    const { stdout } = await run(['approve', 'bone-radiotherapy', '--by', 'Dr Reviewer', '--date', '2026-02-03']);
    expect(stdout).toContain('bone-radiotherapy (professional/bone-radiotherapy.md): approve recorded on 2026-02-03 by Dr Reviewer.');
    expect(await statusOf(dir)).toBe('approved');
    await expect(run(['approve', 'bone-radiotherapy'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--by') });
    await expect(run(['publish', 'bone-radiotherapy'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown action "publish"') });
  }, 60_000);
});
