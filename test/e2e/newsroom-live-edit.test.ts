import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Journey 4 of issue 13 in Chromium on the real server (SQLite, then PostgreSQL): an editor edits a live
 * article's headline and a paragraph; the autosave reports Saved, yet readers (a new plain HTTP request each
 * time) keep the live text until the editor presses Update, and get the new text on the very next request.
 * Screenshots at 1280 and 1024 px go to test-results/newsroom-<dialect>-live-edit-*.png.
 */

const EDITOR = {
  email: 'lena.editor@example.com',
  name: 'Lena Editor',
  password: 'a long editor passphrase',
};
const OLD_HEADLINE = 'Night ferry returns to the island';
const NEW_HEADLINE = 'Night ferry returns to the island after two winters';
const ADDED = ' Tickets sell out within the hour.';

describe.skipIf(!hasChromium)('newsroom journey 4 in Chromium: editing a live article', JOURNEY_RETRY, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of journeyDialects('sqlite')) {
    describe(dialect, () => {
      let running: NewsroomServer | undefined;
      let server: Started;
      let admin: Api;

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [{ ...EDITOR, role: 'editor' }]);
        ({ server, admin } = running);
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      /** What a reader gets: a new request each time, as a browser with no cache would send. */
      async function readerPage(path: string): Promise<string> {
        const res = await fetch(`${server.baseUrl}${path}`, { headers: { 'cache-control': 'no-cache' } });
        expect(res.status).toBe(200);
        return res.text();
      }

      it('journey 4: readers see the old text until Update, then the new one on the next request', {
        timeout: 180_000,
      }, async () => {
        const sections = (await admin.call('GET', '/sections')).json as unknown as {
          sections: { path: string }[];
        };
        const created = await admin.call('POST', '/articles', {
          headline: OLD_HEADLINE,
          section: sections.sections[0]!.path,
          access: 'free',
          bodyMarkdown:
            'The night ferry sails again from Friday.\n\nThe last boat leaves the quay at eleven.',
        });
        expect(created.status).toBe(201);
        const id = created.json.id;
        const live = await admin.call('POST', `/articles/${id}/publish`, { revision: 1 });
        expect(live.status).toBe(200);
        const feed = JSON.parse(await readerPage('/feed.json')) as {
          items: { title: string; url: string }[];
        };
        const path = new URL(feed.items.find((i) => i.title === OLD_HEADLINE)!.url).pathname;
        expect(await readerPage(path)).toContain(OLD_HEADLINE);

        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'live-edit');
        try {
          await signIn(page, server.baseUrl, EDITOR);
          await page.goto(`${server.baseUrl}/newsroom/story/${id}`);
          const status = page.getByRole('status');
          const note = page.locator('.live-note');
          await shows(status, 'Saved');
          await shows(note, 'Readers see revision 2');
          await screenshot('live-article');

          // The headline and a paragraph, typed as a person would.
          const headline = page.getByLabel('Headline', { exact: true });
          await headline.focus();
          await page.keyboard.press('End');
          await page.keyboard.type(' after two winters');
          const body = page.getByRole('textbox', { name: 'Body' });
          await body.getByText('The last boat leaves the quay at eleven.').click();
          await page.keyboard.press('End');
          await page.keyboard.type(ADDED);
          await shows(status, 'Saved', 10_000);
          await shows(note, 'Not live yet — press Update. Readers see revision 2');
          await checkAxe(page, 'editor with staged edits');
          await screenshot('staged');

          // Saved on the server, staged: readers still get the live text.
          const staged = await admin.call('GET', `/articles/${id}`);
          expect(staged.json).toMatchObject({ headline: NEW_HEADLINE, staged: true, liveRevision: 2 });
          for (let i = 0; i < 2; i++) {
            const html = await readerPage(path);
            expect(html).toContain(OLD_HEADLINE);
            expect(html).not.toContain(NEW_HEADLINE);
            expect(html).not.toContain(ADDED.trim());
          }

          // The budget, in another tab, says so too.
          const budget = await context.newPage();
          await budget.goto(`${server.baseUrl}/newsroom/`);
          await budget.getByText(/changes not live yet/).waitFor({ timeout: 10_000 });
          await checkAxe(budget, 'budget with a staged article');
          await screenshots(budget, dialect, 'live-edit-budget')('budget');
          await budget.close();

          await page.getByRole('button', { name: 'Update', exact: true }).click();
          await expect
            .poll(() => note.textContent(), { timeout: 10_000 })
            .toMatch(/^Readers see revision \d+$/);
          await shows(status, 'Saved');
          const html = await readerPage(path);
          expect(html).toContain(NEW_HEADLINE);
          expect(html).toContain(`The last boat leaves the quay at eleven.${ADDED}`);
          const updated = await admin.call('GET', `/articles/${id}`);
          expect(updated.json).toMatchObject({ headline: NEW_HEADLINE, staged: false });
          await checkAxe(page, 'editor after Update');
          await screenshot('updated');
        } finally {
          await context.close();
        }
      });
    });
  }
});
