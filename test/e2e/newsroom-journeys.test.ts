import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IIM, samplePhoto, withIptc } from '../../src/capabilities/media/media-samples.js';
import { journeyDialects } from '../support/databases.js';
import {
  type Api,
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  screenshots,
  shows,
  signIn,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';

/**
 * The newsroom app in Chromium on the real server (SQLite, then PostgreSQL): a reporter writes an article
 * with the keyboard (a photo dropped in, its credit read from the file's IPTC; a subhead from the `/` menu)
 * and submits it for review; then writes on while offline, reloads, and finds every word, saved once the
 * network returns. Every screen is checked by axe. Screenshots at 1280 and 1024 px wide go to
 * test-results/newsroom-<dialect>-*.png.
 */

const REPORTER = {
  email: 'rhea.reporter@example.com',
  name: 'Rhea Reporter',
  password: 'a long reporter passphrase',
};

/** Drops a file on an element as a person dragging it from their desktop would. */
async function dropFile(page: Page, selector: string, name: string, bytes: Buffer, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name, type }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { b64: bytes.toString('base64'), name, type },
  );
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

describe.skipIf(!hasChromium)('newsroom app in Chromium', JOURNEY_RETRY, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of journeyDialects('postgres')) {
    describe(dialect, () => {
      let running: NewsroomServer | undefined;
      let server: Started;
      let admin: Api;

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [{ ...REPORTER, role: 'reporter' }]);
        ({ server, admin } = running);
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      const shots = (page: Page, journey: string) => screenshots(page, dialect, journey);

      it('journey 1: a reporter writes an article with the keyboard and submits it for review', {
        timeout: 180_000,
      }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = shots(page, 'write');
        try {
          await page.goto(`${server.baseUrl}/newsroom/`);
          await page.getByLabel('Email').waitFor();
          await checkAxe(page, 'sign-in');
          await screenshot('sign-in');

          // Sign in, all by keyboard.
          await page.getByLabel('Email').focus();
          await page.keyboard.type(REPORTER.email);
          await page.keyboard.press('Tab');
          await page.keyboard.type(REPORTER.password);
          await page.keyboard.press('Enter');
          await page.getByRole('heading', { name: 'Story budget' }).waitFor();
          await page.getByRole('heading', { name: 'Published today' }).waitFor();
          await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
          await checkAxe(page, 'budget');
          await screenshot('budget');

          // New article: the headline in the dialog, then the editor.
          await page.getByRole('button', { name: 'New article' }).focus();
          await page.keyboard.press('Enter');
          await page.getByRole('dialog').getByLabel('Headline').waitFor();
          await page.keyboard.type('Harbour council approves new ferry timetable');
          await page.keyboard.press('Enter');
          await page.waitForURL(/\/newsroom\/story\/[^/]+$/);
          const id = page.url().split('/').at(-1)!;
          const status = page.getByRole('status');
          await shows(status, 'Saved');

          await page.getByLabel('Dek').focus();
          await page.keyboard.type('Crossings return to every hour from March after a year of cuts.');
          await page.keyboard.press('Tab');
          await page.keyboard.type('PORTSMOUTH, England —');
          // The photo is dropped in (the one step a mouse does); its credit comes from the file's IPTC.
          const photo = withIptc(await samplePhoto({ width: 900, height: 600 }), [
            [IIM.credit, 'Harbour Photo Agency'],
            [IIM.byline, 'Ann Lens'],
          ]);
          await dropFile(page, 'section.lead-photo', 'ferry.jpg', photo, 'image/jpeg');
          await shows(page.getByLabel('Credit'), 'Harbour Photo Agency', 15_000);
          await page.getByLabel('Caption').focus();
          await page.keyboard.type('The ferry at the town quay, Tuesday.');
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          await page.keyboard.type('A white ferry moored beside a stone quay.');

          // Tags: Enter takes the typed word, a comma too.
          await page.getByRole('combobox', { name: 'Tags' }).focus();
          await page.keyboard.type('Ferries');
          await page.keyboard.press('Enter');
          await page.keyboard.type('Transport,');
          await shows(page.getByRole('list', { name: 'Chosen tags' }), 'Ferries✕Transport✕');

          const body = page.getByRole('textbox', { name: 'Body' });
          await body.focus();
          await page.keyboard.type('The council voted eight to one on Tuesday to restore the hourly ferry.');
          await page.keyboard.press('Enter');
          // The subhead from the `/` menu: a listbox the editor points at, so a screen reader reads the choice.
          await page.keyboard.type('/sub');
          const menu = page.getByRole('listbox', { name: 'Insert' });
          await menu.waitFor();
          await expect.poll(() => body.getAttribute('aria-activedescendant')).toBe('body-insert-menu-h2');
          await checkAxe(page, 'editor with the / menu');
          await screenshot('slash-menu');
          await page.keyboard.press('Enter');
          await menu.waitFor({ state: 'detached' });
          await page.keyboard.type('What changes for passengers');
          await page.keyboard.press('Enter');
          await page.keyboard.type('The first boat leaves at six; the last returns before midnight.');
          await shows(status, 'Saved', 10_000);
          await shows(
            page.getByRole('region', { name: 'Body' }).getByRole('heading', { level: 2 }),
            'What changes for passengers',
          );
          await checkAxe(page, 'editor');
          await screenshot('editor');

          // The session ends mid-story: the save asks to sign in again in place, then goes through.
          await context.clearCookies();
          const cleared = Date.now();
          const authTrail: string[] = [];
          page.on('response', (r) => {
            if (r.status() === 401 || r.url().includes('/auth/')) {
              const path = new URL(r.url()).pathname;
              authTrail.push(`${Date.now() - cleared} ms ${r.request().method()} ${path} ${r.status()}`);
            }
          });
          // One input event, not a key at a time: the first request after the cookies go (the comments'
          // refresh, 194 ms later in one CI run) opens the dialog, which takes the focus, and the keys
          // still to come went into its Email field ("...on Monday.reporter@..."), so the sign-in failed.
          await page.keyboard.insertText(' Tickets go on sale on Monday.');
          const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
          await dialog.waitFor({ timeout: 10_000 });
          await checkAxe(page, 'sign-in again');
          await screenshot('session-ended');
          await dialog.getByLabel('Email').focus();
          await page.keyboard.type(REPORTER.email);
          await page.keyboard.press('Tab');
          await page.keyboard.type(REPORTER.password);
          await page.keyboard.press('Enter');
          // A password sign-in hashes with argon2: at a load of 20 on two cores it took most of 30 s.
          await dialog.waitFor({ state: 'detached', timeout: 60_000 }).catch(async (error: unknown) => {
            // What the dialog says (an error, a busy button) and what the server logged tell why.
            const said = await dialog.textContent().catch(() => '(gone)');
            await screenshot('session-ended-stuck');
            const trail = authTrail.join('\n');
            const why = `The sign-in dialog stayed open, saying: ${said}\n${trail}\n${server.output().slice(-4000)}`;
            // Printed as well as thrown: in CI a journey is tried twice, and a pass on the second try
            // would otherwise leave no trace of why the first one failed.
            console.error(why);
            throw new Error(why, { cause: error });
          });
          await shows(status, 'Saved', 10_000);

          // Submit, and while it is on its way ask for it again from the command palette: one step is
          // sent, not two (the second used to come back as a conflict shown to the reporter).
          const submits: string[] = [];
          const answers: number[] = [];
          let release = () => {};
          const held = new Promise<void>((resolve) => {
            release = resolve;
          });
          await page.route('**/api/admin/v1/articles/*/submit', async (route) => {
            submits.push(route.request().url());
            await held;
            const response = await route.fetch();
            answers.push(response.status());
            await route.fulfill({ response });
          });
          await page.getByRole('button', { name: 'Submit for review' }).focus();
          await page.keyboard.press('Enter');
          await expect.poll(() => submits.length).toBe(1);
          await page.keyboard.press('Control+k');
          const palette = page.getByRole('dialog', { name: 'Command palette' });
          await palette.waitFor();
          await page.keyboard.type('Submit for review');
          await page.keyboard.press('Enter');
          await palette.waitFor({ state: 'detached' });
          expect(submits).toHaveLength(1);
          release();
          await shows(page.locator('.story-head .status'), 'In review');
          // The one step may be asked twice, one after the other, by design (ADR 0031): when live text was
          // still unsaved the server saves it first and answers 409 REVISION_CONFLICT, and the app asks
          // again on the new revision (a slow CI machine, stop 23). Never a second step beside the first.
          expect(answers.slice(0, -1).every((status) => status === 409)).toBe(true);
          expect(answers.at(-1)).toBe(200);
          expect(submits).toHaveLength(answers.length);
          expect(await page.getByRole('alert').count()).toBe(0);
          await page.unroute('**/api/admin/v1/articles/*/submit');
          await screenshot('submitted');

          const saved = await admin.call('GET', `/articles/${id}`);
          expect(saved.json.status).toBe('in_review');
          expect(saved.json.dek).toBe('Crossings return to every hour from March after a year of cuts.');
          expect(saved.json.dateline).toBe('PORTSMOUTH, England —');
          expect(saved.json.tags.map((t) => t.name)).toEqual(['Ferries', 'Transport']);
          expect(saved.json.leadImage).toEqual({
            mediaId: expect.any(String),
            credit: 'Harbour Photo Agency',
            caption: 'The ferry at the town quay, Tuesday.',
            alt: 'A white ferry moored beside a stone quay.',
          });
          expect(saved.json.body.content).toEqual([
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'The council voted eight to one on Tuesday to restore the hourly ferry.',
                },
              ],
            },
            {
              type: 'heading',
              attrs: { level: 2 },
              content: [{ type: 'text', text: 'What changes for passengers' }],
            },
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'The first boat leaves at six; the last returns before midnight. Tickets go on sale on Monday.',
                },
              ],
            },
          ]);
        } finally {
          await context.close();
        }
      });

      it('journey 2: offline, the reporter types on and reloads; nothing is lost, and it is saved back online', {
        timeout: 180_000,
      }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = shots(page, 'offline');
        try {
          await signIn(page, server.baseUrl, REPORTER);
          await page.getByRole('button', { name: 'New article' }).click();
          await page.getByRole('dialog').getByLabel('Headline').fill('Storm closes the coast road');
          await page.keyboard.press('Enter');
          await page.waitForURL(/\/newsroom\/story\/[^/]+$/);
          const id = page.url().split('/').at(-1)!;
          const status = page.getByRole('status');
          await shows(status, 'Saved');
          // The service worker must hold the app's files before the network goes.
          await page.evaluate(async () => {
            await navigator.serviceWorker.ready;
          });

          await context.setOffline(true);
          const body = page.getByRole('textbox', { name: 'Body' });
          await body.focus();
          await page.keyboard.type('Waves broke over the sea wall at dawn.');
          await page.getByLabel('Dek').focus();
          await page.keyboard.type('Police say it stays shut until the tide turns.');
          await shows(status, 'Offline', 10_000);
          await screenshot('offline');

          await page.reload();
          await shows(page.getByLabel('Dek'), 'Police say it stays shut until the tide turns.');
          await shows(body, 'Waves broke over the sea wall at dawn.');
          await shows(status, 'Offline');
          await checkAxe(page, 'editor offline');
          await screenshot('reloaded-offline');

          await context.setOffline(false);
          await shows(status, 'Saved', 15_000);
          const saved = await admin.call('GET', `/articles/${id}`);
          expect(saved.json.dek).toBe('Police say it stays shut until the tide turns.');
          expect(saved.json.body.content).toEqual([
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'Waves broke over the sea wall at dawn.' }],
            },
          ]);
          await screenshot('saved-online');
        } finally {
          await context.close();
        }
      });
    });
  }
});
