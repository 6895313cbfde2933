import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { loadServices } from '../../src/services.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { parseEvents, streamedAnswer } from '../conversation/read-events.js';
import { ARTIFACTS, countInShadow, launchChromium, openPage, widget } from './browser.js';
import { startStubSite, type StubSite } from './stub-site.js';

const SEED_QUESTION = 'What bone-modifying agent and dose for breast cancer bone metastases?';
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ![pixel](https://evil.example/pixel.png) denosumab dose';

let browser: Browser;
let server: RunningServer;
let hostileServer: RunningServer;
let hostileKnowledge: string;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer(await servicesFor(PACK_KNOWLEDGE));
  hostileKnowledge = await writeHostileKnowledge();
  hostileServer = await startServer(await loadServices({ knowledgeDir: hostileKnowledge }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await hostileServer?.close();
  if (hostileKnowledge) await rm(hostileKnowledge, { recursive: true, force: true });
});

function chatBody(request: Request): { message: string; audience: string; conversationId?: string } {
  return JSON.parse(request.postData() ?? '{}') as { message: string; audience: string; conversationId?: string };
}

async function ask(page: Page, question: string): Promise<{ body: ReturnType<typeof chatBody>; answer: Omit<Answer, 'markdown'> }> {
  const input = widget(page).locator('textarea');
  await input.fill(question);
  const [request, response] = await Promise.all([
    page.waitForRequest((candidate) => candidate.url().endsWith('/v1/chat') && candidate.method() === 'POST'),
    page.waitForResponse((candidate) => candidate.url().endsWith('/v1/chat')),
    input.press('Enter'),
  ]);
  return { body: chatBody(request), answer: await finalAnswer(await response.text()) };
}

/** The Answer of a chat response: the JSON body, or put together from a server-sent event stream. */
async function finalAnswer(body: string): Promise<Omit<Answer, 'markdown'>> {
  if (!body.startsWith('event:') && !body.startsWith(':')) return JSON.parse(body) as Answer;
  return streamedAnswer(parseEvents(body));
}

function withoutMarkers(text: string): string {
  return text.replace(/\s*(\[\d+\])+\s*$/, '');
}

function lastAnswer(page: Page) {
  return widget(page).locator('article.answer').last();
}

describe('the widget on the demo page', () => {
  it('asks who you are, then answers the seed question as a cited answer page', async () => {
    const { page, offsite, pageErrors, close } = await openPage(browser);
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await expect.poll(() => chat.getByRole('heading', { name: 'Which best describes you?' }).isVisible()).toBe(true);
      await expect.poll(() => chat.locator('textarea').isDisabled()).toBe(true);
      await chat.locator('.choice[data-audience="professional"]').click();
      await expect.poll(() => chat.locator('.audience-switch [aria-pressed="true"]').textContent()).toBe('Professional');

      const { body, answer } = await ask(page, SEED_QUESTION);
      expect(body).toEqual({ message: SEED_QUESTION, audience: 'professional' });
      const article = lastAnswer(page);
      await article.locator('.answer-title').waitFor();
      expect(await article.locator('.answer-title').textContent()).toBe(answer.title);
      const bottomLine = (await article.locator('.bottom-line p').textContent()) ?? '';
      const firstSummary = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
      expect(bottomLine).toContain(withoutMarkers(firstSummary));
      expect(bottomLine).not.toMatch(/\[\d+\]/); // markers became superscript buttons
      expect(await article.locator('.section h4').count()).toBeGreaterThan(1);
      expect(await article.locator('.pitfalls li').count()).toBeGreaterThan(0);
      expect(await article.locator('.references li.reference').count()).toBe(answer.references.length);
      expect(await article.locator('.badge.review').first().textContent()).toMatch(/Approved|review/);
      expect(await article.locator('.notice.disclaimer').count()).toBe(1);
      expect(await article.locator('.follow-ups .chip').count()).toBe(answer.followUps.length);

      await article.evaluate((node) => node.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-answer.png') });

      // A citation jumps to its reference, highlights it and opens the quoted passage.
      const citation = article.locator('.section li .citation').first();
      const n = Number(await citation.getAttribute('data-ref'));
      await citation.click();
      const reference = article.locator(`li.reference[data-n="${n}"]`);
      await expect.poll(() => reference.getAttribute('class')).toContain('highlighted');
      expect(await reference.locator('details').getAttribute('open')).toBe('');
      expect(await reference.locator('blockquote').first().textContent()).toBe(answer.references.find((entry) => entry.n === n)?.passages[0]?.quote);
      expect(await reference.evaluate((node) => node.getRootNode() instanceof ShadowRoot && (node.getRootNode() as ShadowRoot).activeElement === node)).toBe(true);
      expect(await article.locator('li.reference.highlighted').count()).toBe(1);

      await page.waitForTimeout(600); // let the smooth scroll and highlight transition settle for the picture
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-citation.png') });
      expect(offsite).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('continues the conversation from a follow-up button and from the follow-up input', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await chat.locator('.choice[data-audience="professional"]').click();
      const first = await ask(page, SEED_QUESTION);
      await lastAnswer(page).locator('.answer-title').waitFor();
      expect(await chat.locator('.composer label').textContent()).toBe('Have a follow-up question?');

      const chip = lastAnswer(page).locator('.follow-ups .chip').first();
      const suggestion = (await chip.textContent()) ?? '';
      const [request] = await Promise.all([page.waitForRequest((candidate) => candidate.url().endsWith('/v1/chat')), chip.click()]);
      expect(chatBody(request)).toEqual({ message: suggestion, audience: 'professional', conversationId: first.answer.conversationId });
      await expect.poll(() => chat.locator('article.answer .answer-title').count()).toBe(2);
      expect(await chat.locator('.question').nth(1).textContent()).toBe(suggestion);

      const third = await ask(page, 'and how long should the infusion take?');
      expect(third.body.conversationId).toBe(first.answer.conversationId);
      await expect.poll(() => chat.locator('article.answer .answer-title').count()).toBe(3);
    } finally {
      await close();
    }
  });

  it('switches audience, words the next answer for patients, and remembers the choice', async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await chat.locator('.choice[data-audience="professional"]').click();
      await ask(page, SEED_QUESTION);
      await lastAnswer(page).locator('.answer-title').waitFor();

      await chat.getByRole('button', { name: 'Patient', exact: true }).click();
      expect(await chat.locator('.system-note').textContent()).toContain('worded for patients');
      const { body, answer } = await ask(page, 'How is denosumab given?');
      expect(body.audience).toBe('patient');
      expect(answer.audience).toBe('patient');
      await expect.poll(() => chat.locator('article.answer .answer-meta').last().textContent()).toContain('Written for patients');

      await page.reload();
      await chat.locator('.audience-switch').waitFor();
      expect(await chat.locator('.audience-switch [aria-pressed="true"]').textContent()).toBe('Patient');
      expect(await countInShadow(page, '.chooser')).toBe(0);
      expect(await chat.locator('textarea').isEnabled()).toBe(true);
    } finally {
      await close();
    }
  });

  it('works by keyboard alone at phone width (375 px)', async () => {
    const { page, close } = await openPage(browser, { width: 375, height: 740 });
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await chat.locator('.choice').first().waitFor();
      await chat.locator('.choice').first().press('Escape');
      await expect.poll(() => chat.locator('.launcher').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.querySelector('guideline-chat')?.shadowRoot?.activeElement?.className)).toBe('launcher');
      expect(await chat.locator('.launcher').getAttribute('aria-expanded')).toBe('false');

      await page.keyboard.press('Enter');
      await expect.poll(() => chat.locator('.panel').isVisible()).toBe(true);
      const box = await chat.locator('.panel').boundingBox();
      expect(box?.width).toBeLessThanOrEqual(375);
      await page.keyboard.press('Tab'); // from "Patient" to "Healthcare professional"
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.querySelector('guideline-chat')?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');
      await page.keyboard.type(SEED_QUESTION);
      await page.keyboard.press('Enter');
      await lastAnswer(page).locator('.answer-title').waitFor();
      expect(await chat.locator('.audience-switch [aria-pressed="true"]').textContent()).toBe('Professional');
      const overflow = await chat.locator('.conversation').evaluate((node) => node.scrollWidth - node.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await lastAnswer(page).evaluate((node) => node.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await page.screenshot({ path: path.join(ARTIFACTS, 'widget-phone.png') });
    } finally {
      await close();
    }
  });
});

describe('errors', () => {
  it.each([
    ['network down', (page: Page) => page.route('**/v1/chat', (route) => route.abort('internetdisconnected')), "Can't reach"],
    ['429', (page: Page) => page.route('**/v1/chat', (route) => route.fulfill({ status: 429, headers: { 'retry-after': '7' }, json: { error: { code: 'rate_limited', message: 'slow' } } })), 'Wait about 7 seconds'],
    ['500', (page: Page) => page.route('**/v1/chat', (route) => route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'x' } } })), "couldn't answer"],
    ['502 from a proxy', (page: Page) => page.route('**/v1/chat', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' })), "couldn't answer"],
  ])('shows %s as a retry message, and retrying answers', async (_name, breakIt, message) => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await chat.locator('.choice[data-audience="professional"]').click();
      await breakIt(page);
      await chat.locator('textarea').fill(SEED_QUESTION);
      await chat.locator('textarea').press('Enter');
      const alert = chat.locator('.error[role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(message);
      expect(await chat.locator('.question').textContent()).toBe(SEED_QUESTION);

      await page.unroute('**/v1/chat');
      await chat.getByRole('button', { name: 'Try again' }).click();
      await lastAnswer(page).locator('.answer-title').waitFor();
      expect(await countInShadow(page, '.error')).toBe(0);
      expect(await chat.locator('.question').count()).toBe(1);
    } finally {
      await close();
    }
  });
});

describe('untrusted text stays text', () => {
  it('renders HTML, script and markdown-image payloads in the question as inert text', async () => {
    const { page, offsite, close } = await openPage(browser);
    try {
      await page.goto(server.url);
      const chat = widget(page);
      await chat.locator('.choice[data-audience="professional"]').click();
      await ask(page, HOSTILE);
      await lastAnswer(page).locator('.answer-title').waitFor();
      expect(await chat.locator('.question').textContent()).toBe(HOSTILE);
      await expectInert(page, offsite);
    } finally {
      await close();
    }
  });

  it('renders payloads inside knowledge passages, titles and publishers as inert text', async () => {
    const { page, offsite, close } = await openPage(browser);
    try {
      await page.goto(hostileServer.url);
      const chat = widget(page);
      await chat.locator('.choice[data-audience="professional"]').click();
      const { answer } = await ask(page, 'zoledronic acid infusion creatinine dose');
      const article = lastAnswer(page);
      await article.locator('.answer-title').waitFor();
      const text = (await article.textContent()) ?? '';
      expect(answer.references.flatMap((reference) => reference.passages.map((passage) => passage.quote)).join(' ')).toContain('<img src=x onerror');
      expect(text).toContain('<img src=x onerror="window.__xss=1">');
      expect(text).toContain('<script>window.__xss=2</script>');
      expect(text).toContain('![leaflet](https://evil.example/pixel.png)');
      expect(text).toContain('Test <script>window.__xss=4</script> Publisher');
      await article.locator('.quote summary').first().click();
      await article.locator('.reference-title').first().hover();
      await expectInert(page, offsite);
    } finally {
      await close();
    }
  });
});

async function expectInert(page: Page, offsite: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await countInShadow(page, 'img, script, iframe, object, embed, b, [onerror], [onmouseover]')).toBe(0);
  const hrefs = await page.evaluate(() =>
    Array.from(document.querySelector('guideline-chat')?.shadowRoot?.querySelectorAll('a') ?? []).map((anchor) => anchor.href),
  );
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  expect(offsite.filter((url) => url.includes('evil.example'))).toEqual([]);
}

describe('embedded on another site', () => {
  let site: StubSite;
  afterAll(() => site?.close());

  it('loads widget.js across origins and streams an answer progressively from the event stream', async () => {
    const answer = (await (
      await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: SEED_QUESTION, audience: 'professional' }) })
    ).json()) as Answer;
    // A hostile reference URL and title travel through the stream too: neither may become a live link or markup.
    const references = answer.references.map((reference, index) =>
      index === 0 ? { ...reference, url: 'javascript:window.__xss=5', title: `${reference.title} <img src=x onerror="window.__xss=6">` } : reference,
    );
    const urgent = 'New back pain with leg weakness needs same-day assessment for spinal cord compression. [1]';
    const final = { ...answer, references, notices: [{ kind: 'urgent' as const, text: urgent }, ...answer.notices] };
    let releaseAnswer: () => void = () => undefined;
    const answerGate = new Promise<void>((resolve) => (releaseAnswer = resolve));

    site = await startStubSite(
      (url) => `<!doctype html><html><body><h1>A clinic's page</h1>
        <script src="${server.url}/widget.js" data-api="${url}" data-audience="professional" data-title="Ask our guidelines" data-open="true" async></script></body></html>`,
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        response.write(': ping\n\n');
        send('meta', { conversationId: answer.conversationId, standaloneQuestion: SEED_QUESTION, audience: 'professional' });
        send('references', { references });
        for (const block of answer.blocks.slice(0, 3)) send('text', { text: block.text, kind: block.kind });
        void answerGate.then(() => {
          send('answer', final);
          send('done', {});
          response.end();
        });
      },
    );

    const { page, close } = await openPage(browser);
    try {
      await page.goto(site.url);
      const chat = widget(page);
      expect(await chat.locator('h2').textContent()).toBe('Ask our guidelines');
      await chat.locator('textarea').fill(SEED_QUESTION);
      const [request] = await Promise.all([page.waitForRequest((candidate) => candidate.url().endsWith('/v1/chat')), chat.locator('textarea').press('Enter')]);
      expect(request.headers().accept).toContain('text/event-stream');

      // The streamed sentences show while the answer is still being written.
      const article = lastAnswer(page);
      const streamedSummary = withoutMarkers(answer.blocks.find((block) => block.kind === 'summary')?.text ?? '');
      await expect.poll(() => article.locator('.bottom-line').textContent()).toContain(streamedSummary);
      expect(await article.getAttribute('aria-busy')).toBe('true');
      expect(await article.locator('.status').textContent()).toContain('Writing the answer');
      expect(await article.locator('.answer-title').count()).toBe(0);
      expect(await article.locator('.bottom-line .citation').count()).toBeGreaterThan(0);

      releaseAnswer();
      await article.locator('.answer-title').waitFor();
      expect(await article.locator('.status').count()).toBe(0);
      expect(await article.locator(':scope > :first-child').getAttribute('class')).toBe('notice urgent');
      expect(await article.locator('.notice.urgent').getAttribute('role')).toBe('alert');
      expect(await article.locator('.notice.urgent').textContent()).toContain('spinal cord compression');
      expect(await article.locator('.references li').count()).toBe(answer.references.length);
      const first = article.locator('li.reference[data-n="1"] .reference-title');
      expect(await first.locator('a').count()).toBe(0);
      expect(await first.textContent()).toContain('<img src=x');
      const linked = references.find((reference, index) => index > 0 && reference.url);
      if (linked) {
        const link = article.locator(`li.reference[data-n="${linked.n}"] .reference-title a`);
        expect(await link.getAttribute('href')).toBe(linked.url);
        expect(await link.getAttribute('rel')).toContain('noopener');
      }
      await expectInert(page, []);
    } finally {
      await close();
    }
  });

  it('cannot read the API from an origin that is not in WIDGET_ORIGINS, and says so', async () => {
    const other = await startStubSite(
      () => `<!doctype html><html><body>
        <script src="${server.url}/widget.js" data-api="${server.url}" data-audience="patient" data-open="true" async></script></body></html>`,
    );
    const { page, close } = await openPage(browser);
    try {
      await page.goto(other.url);
      const chat = widget(page);
      await chat.locator('textarea').fill('How is denosumab given?');
      await chat.locator('textarea').press('Enter');
      await chat.locator('.error').waitFor();
      expect(await chat.locator('.error').textContent()).toContain("Can't reach");
    } finally {
      await close();
      await other.close();
    }
  });

  it('can read the API from an origin that is in WIDGET_ORIGINS', async () => {
    let allowedServer: RunningServer | undefined;
    const allowedSite = await startStubSite(
      () => `<!doctype html><html><body>
        <script src="${allowedServer?.url}/widget.js" data-api="${allowedServer?.url}" data-audience="patient" data-open="true" async></script></body></html>`,
    );
    allowedServer = await startServer(await servicesFor(PACK_KNOWLEDGE), { widgetOrigins: [allowedSite.url] });
    const { page, close } = await openPage(browser);
    try {
      await page.goto(allowedSite.url);
      const chat = widget(page);
      await chat.locator('textarea').fill('How is denosumab given?');
      await chat.locator('textarea').press('Enter');
      await lastAnswer(page).locator('.answer-title').waitFor();
      expect(await lastAnswer(page).locator('.answer-meta').textContent()).toContain('Written for patients');
    } finally {
      await close();
      await allowedSite.close();
      await allowedServer.close();
    }
  });
});

/** A knowledge folder whose passages, title and publisher carry HTML, script and markdown-image payloads. */
async function writeHostileKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guideline-chat-hostile-'));
  await mkdir(path.join(dir, 'professional'));
  await writeFile(
    path.join(dir, 'professional', 'hostile-passages.md'),
    `---
id: hostile-passages
title: Zoledronic acid <b onmouseover="window.__xss=3">dosing</b> sheet
type: guideline
publisher: Test <script>window.__xss=4</script> Publisher
source: "Hostile fixture"
year: 2024
audience: professional
topics: [zoledronic acid]
review:
  status: approved
  by: Medical Advisory Board
  date: 2025-01-01
updated: 2025-01-01
---
## Zoledronic acid infusion
- Zoledronic acid 4 mg is infused over at least 15 minutes <img src=x onerror="window.__xss=1"> for bone metastases.
- Zoledronic acid needs a creatinine check before each dose <script>window.__xss=2</script> ![leaflet](https://evil.example/pixel.png) in bone metastases.
`,
  );
  return dir;
}
