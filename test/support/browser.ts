import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from './processes.js';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests leave their screenshots. */
export const RESULTS = path.join(ROOT, 'test-results');
export const hasChromium = fs.existsSync(CHROMIUM);

/**
 * A browser journey that fails in CI is run once more (ADR 0038): on a 2-core machine at a load of 10
 * a journey can miss a wait for reasons of the machine, not the app. The summary names every test that
 * passed only on its second try, so a flaky journey is seen, and one that fails twice still fails CI.
 */
export const JOURNEY_RETRY = { retry: process.env.CI ? 1 : 0 };

if (!hasChromium) {
  console.warn(`Browser tests skipped: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`);
}

/** Headless Chromium with the flags this machine's closed network needs; screenshots folder made. */
export function launchChromium(): Promise<Browser> {
  fs.mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/**
 * Waits until every picture on the page has loaded (or failed), lazy ones included, before a
 * full-page screenshot. Scrolling through the page once is not enough on a loaded machine: a late
 * frame can skip past a lazy picture, which then never starts (CI, stop 22). So each picture still
 * waiting is brought into view for two frames, again until none waits; a timeout names them.
 */
export async function loadEveryPicture(page: Page, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const waiting = await page.evaluate(async () => {
      const pending = Array.from(document.images).filter((image) => !image.complete);
      for (const image of pending) {
        image.scrollIntoView({ block: 'center' });
        await new Promise((seen) => requestAnimationFrame(() => requestAnimationFrame(seen)));
      }
      window.scrollTo(0, 0);
      return pending.map((image) => image.currentSrc || image.src);
    });
    if (waiting.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`pictures still loading after ${timeout} ms: ${waiting.join(', ')}`);
    await page.waitForTimeout(250);
  }
}
