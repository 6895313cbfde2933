import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve('test-artifacts');

/** Debian's Chromium, headless, with everything that would reach the network switched off. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  // Playwright gives every launch a fresh temporary user-data dir, so no profile survives a run.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh context (own storage) whose page may only talk to loopback: anything else is aborted and
 * recorded, so a test can assert that no remote image or script was ever requested.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 880 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]).*/, (route) => {
    offsite.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return { context, page, offsite, pageErrors, close: () => context.close() };
}

/** The widget's shadow root, reached through Playwright's shadow-piercing CSS locators. */
export function widget(page: Page): Locator {
  return page.locator('guideline-chat');
}

/** Every element inside the widget's shadow root, by tag name, counted in the page. */
export function countInShadow(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (query) => document.querySelector('guideline-chat')?.shadowRoot?.querySelectorAll(query).length ?? -1,
    selector,
  );
}
