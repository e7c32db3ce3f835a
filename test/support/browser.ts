import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
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
