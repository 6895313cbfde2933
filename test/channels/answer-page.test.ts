import { afterEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { scriptSafeJson } from '../../src/channels/answer-page/answer-page-html.js';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { startChannelServer, type ChannelServer } from './channel-harness.js';

const BOT_TOKEN = '1:page-test';
const SECRET = 'page_secret';
let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
});

/** Asks one question through Telegram and returns the answer-page path from the reply. */
async function answerLink(question: string): Promise<string> {
  server = await startChannelServer((fetch) => [createTelegramChannel({ botToken: BOT_TOKEN, webhookSecret: SECRET, audience: 'professional' }, { fetch })], { publicUrl: 'https://chat.example.org' });
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
    body: JSON.stringify({ update_id: 1, message: { message_id: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false }, text: question } }),
  });
  await server.setup.idle();
  const match = /https:\/\/chat\.example\.org(\/a\/[A-Za-z0-9_-]{24})/.exec(texts.join('\n'));
  expect(match).not.toBeNull();
  return match![1]!;
}

describe('the answer page /a/<id>', () => {
  it('serves the answer with its references under a strict policy, with the assets it names', async () => {
    const path = await answerLink('What is the zoledronic acid dose in renal impairment?');
    const response = await fetch(`${server!.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    const data = /<script type="application\/json" id="answer-data">([^<]*)<\/script>/.exec(html);
    const answer = JSON.parse(data![1]!) as { question: string; references: Array<{ reviewStatus: string }> };
    expect(answer.question).toBe('What is the zoledronic acid dose in renal impairment?');
    expect(answer.references.length).toBeGreaterThan(0);
    // No inline script or style: only the page's own files, which the policy allows.
    expect(html).not.toMatch(/<script(?![^>]*(type="application\/json"|src="\/a\/assets\/answer-page\.js"))/);
    expect(html).not.toMatch(/<style|style="/);

    const script = await fetch(`${server!.url}/a/assets/answer-page.js`);
    expect(script.status).toBe(200);
    const code = await script.text();
    // The widget's renderer, bundled: its labels are in the page script.
    expect(code).toContain('Quoted passage');
    expect(code).toContain('Approved by medical reviewers');
    const css = await fetch(`${server!.url}/a/assets/answer-page.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.badge.review.approved');
  });

  it('is a 404 for an unknown, malformed or deleted conversation’s link', async () => {
    const path = await answerLink('How is denosumab given?');
    expect((await fetch(`${server!.url}/a/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await fetch(`${server!.url}/a/short`)).status).toBe(404);
    expect((await fetch(`${server!.url}/a/${'A'.repeat(23)}%3C`)).status).toBe(404);
    const thread = await server!.setup.state.thread('telegram:1');
    expect((await fetch(`${server!.url}${path}`)).status).toBe(200);
    await server!.conversations.delete(thread!.conversationId!);
    const gone = await fetch(`${server!.url}${path}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: { code: 'not_found', message: 'This answer link is unknown or has expired.' } });
  });
});

describe('scriptSafeJson', () => {
  it('cannot close the script element or open a comment, and parses back to the same value', () => {
    const value = { text: '</script><script>alert(1)</script> <!-- & \u2028' };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

