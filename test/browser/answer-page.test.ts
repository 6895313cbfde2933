import path from 'node:path';
import nock from 'nock';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { startChannelServer, type ChannelServer } from '../channels/channel-harness.js';
import { ARTIFACTS, launchChromium, openPage } from './browser.js';

const BOT_TOKEN = '1:browser-page-test';
const SECRET = 'browser_page_secret';

let browser: Browser;
let server: ChannelServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startChannelServer((fetch) => [createTelegramChannel({ botToken: BOT_TOKEN, webhookSecret: SECRET, audience: 'professional' }, { fetch })], {
    publicUrl: 'https://chat.example.org',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  nock.cleanAll();
});

async function answerPagePath(question: string): Promise<string> {
  const texts: string[] = [];
  nock('https://api.telegram.org')
    .post(`/bot${BOT_TOKEN}/sendMessage`, (body: { text: string }) => {
      texts.push(body.text);
      return true;
    })
    .times(10)
    .reply(200, { ok: true });
  await fetch(`${server.url}/channels/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: Date.now(), message: { message_id: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false }, text: question } }),
  });
  await server.setup.idle();
  const match = /https:\/\/chat\.example\.org(\/a\/[A-Za-z0-9_-]{24})/.exec(texts.join('\n'));
  if (!match) throw new Error('the reply carried no answer link');
  return match[1]!;
}

describe('the answer page in a browser', () => {
  it('renders the answer with the widget’s renderer under its strict policy: references, review badges, working citations', async () => {
    const pagePath = await answerPagePath('What is the zoledronic acid dose in renal impairment?');
    const { page, offsite, pageErrors, close } = await openPage(browser, { width: 900, height: 1200 });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${server.url}${pagePath}`);
    const root = page.locator('#answer');
    await root.locator('.answer-title').waitFor();
    expect(await root.locator('.reference').count()).toBeGreaterThan(0);
    expect(await root.locator('.badge.review').first().textContent()).toMatch(/Approved by medical reviewers|Under medical review|Submitted for review/);
    // The widget's stylesheet applies: the badge is styled, not plain text.
    const badgeRadius = await root.locator('.badge.review').first().evaluate((node) => getComputedStyle(node).borderRadius);
    expect(badgeRadius).not.toBe('0px');
    // A citation jumps to its reference.
    await root.locator('button.citation').first().click();
    expect(await root.locator('.reference.highlighted').count()).toBe(1);
    // Read-only: no follow-up buttons, no input.
    expect(await root.locator('.chip, textarea').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'answer-page.png'), fullPage: true });
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(offsite).toEqual([]);
    await close();
  });
});
