import type { Browser, Page } from 'playwright-core';
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
 * The story budget's search, tag filter and sort in Chromium on the real server (SQLite, then PostgreSQL),
 * by keyboard: each kept in the address, so a reload (or a shared link) shows the same list; paging keeps
 * them; Clear filters empties the search box. Checked by axe and photographed at 1280 and 1024 px.
 */

const EDITOR = {
  email: 'bea.budget@example.com',
  name: 'Bea Budget',
  password: 'a long budget passphrase 1',
};

describe.skipIf(!hasChromium)('the story budget: search, tag and sort in Chromium', JOURNEY_RETRY, () => {
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
        // 26 harbour stories (more than a page of 25), the demo edition's articles besides, and one
        // draft whose body alone holds the words searched for.
        for (let i = 0; i < 26; i++) {
          const made = await admin.call('POST', '/articles', {
            headline: `Harbour story ${String(i).padStart(2, '0')}`,
            tags: ['Harbour watch'],
            bodyMarkdown: `Notes on the harbour, part ${i}.`,
          });
          expect(made.status).toBe(201);
        }
        const ferry = await admin.call('POST', '/articles', {
          headline: 'Council weighs a new timetable',
          bodyMarkdown: 'The night FERRY to the islands may stop running in winter.',
        });
        expect(ferry.status).toBe(201);
      }, 180_000);

      afterAll(async () => {
        await running?.stop();
      });

      const headlines = (page: Page) =>
        page.getByRole('region', { name: 'Articles' }).locator('.article-list .headline').allTextContents();

      it('finds stories by their text, filters by tag, sorts and pages, all kept in the address', {
        timeout: 180_000,
      }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'budget');
        try {
          await signIn(page, server.baseUrl, EDITOR);
          await page.getByRole('heading', { name: 'Published today' }).waitFor();

          // Text found in a draft's body, typed into "Search stories"; the list follows once typing pauses.
          await page.getByLabel('Search stories').focus();
          await page.keyboard.type('ferry to the islands');
          await page.waitForURL(/[?&]q=ferry(\+|%20)to(\+|%20)the(\+|%20)islands/);
          await expect.poll(() => headlines(page)).toEqual(['Council weighs a new timetable']);
          await checkAxe(page, 'budget search');
          await screenshot('search');
          await page.reload();
          await shows(page.getByLabel('Search stories'), 'ferry to the islands');
          await expect.poll(() => headlines(page)).toEqual(['Council weighs a new timetable']);

          // Escape empties the box (React Aria's search field); the full list comes back.
          await page.getByLabel('Search stories').focus();
          await page.keyboard.press('Escape');
          await expect.poll(() => page.url()).not.toContain('q=');

          // The tag by its suggestions, with the keyboard.
          await page.getByLabel('Tag', { exact: true }).focus();
          // Typed in one go, faster than the server answers: the list opens at once ("Looking…") and the
          // suggestions fill it when they come (SuggestField's `looking`).
          // Each answer is held back 400 ms, so every letter lands before any suggestion does.
          const slowTags = /\/api\/admin\/v1\/tags\?q=/;
          await page.route(slowTags, async (route) => {
            await new Promise((resolve) => setTimeout(resolve, 400));
            await route.continue();
          });
          await page.keyboard.type('harb');
          await page.getByRole('option', { name: 'Harbour watch' }).waitFor();
          await page.unroute(slowTags);
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
          await page.waitForURL(/[?&]tag=harbour-watch/);
          await page.getByRole('list', { name: 'Tag filter' }).getByText('Harbour watch').waitFor();

          // Sorted by headline: A to Z, 25 on the first page and the 26th on the next.
          await page.getByRole('button', { name: /Sort/ }).focus();
          await page.keyboard.press('Enter');
          await page.getByRole('option', { name: 'Headline A–Z' }).waitFor();
          await page.keyboard.press('End');
          await page.keyboard.press('Enter');
          await page.waitForURL(/[?&]sort=headline/);
          const first = Array.from({ length: 25 }, (_, i) => `Harbour story ${String(i).padStart(2, '0')}`);
          await expect.poll(() => headlines(page)).toEqual(first);
          await checkAxe(page, 'budget tag and sort');
          await screenshot('tag-sorted');
          await page.getByRole('button', { name: 'Next page' }).click();
          await expect.poll(() => headlines(page)).toEqual(['Harbour story 25']);

          // A reload keeps the tag and the order; Last saved puts the newest save first.
          await page.reload();
          await page.getByRole('list', { name: 'Tag filter' }).getByText('Harbour watch').waitFor();
          await expect.poll(async () => (await headlines(page))[0]).toBe('Harbour story 00');
          await page.getByRole('button', { name: /Sort/ }).click();
          await page.getByRole('option', { name: 'Last saved' }).click();
          await expect.poll(() => page.url()).not.toContain('sort=');
          await expect.poll(async () => (await headlines(page))[0]).toBe('Harbour story 25');

          // Text and tag together; then Clear filters empties the box and the address.
          await page.getByLabel('Search stories').fill('story 1');
          await expect
            .poll(() => headlines(page))
            .toEqual(Array.from({ length: 10 }, (_, i) => `Harbour story ${19 - i}`));
          await page.getByRole('button', { name: 'Clear filters' }).click();
          await shows(page.getByLabel('Search stories'), '');
          await page.getByRole('heading', { name: 'Published today' }).waitFor();
          expect(new URL(page.url()).search).toBe('');

          // Reopened on this device, today's budget asks for its lists as the app starts (beside "who am I"),
          // once each, and marks budget-ready when they show (the bench times the opening by that mark).
          const asked: string[] = [];
          page.on('request', (r) => {
            if (r.url().includes('/api/admin/v1/'))
              asked.push(new URL(r.url()).pathname + new URL(r.url()).search);
          });
          await page.reload();
          await page.getByRole('heading', { name: 'Published today' }).waitFor();
          await page.waitForFunction(() => performance.getEntriesByName('budget-ready').length === 1);
          const lists = asked.filter((u) => u.startsWith('/api/admin/v1/articles?status='));
          expect(lists.sort()).toEqual(
            ['in_review', 'published', 'scheduled'].map((s) => `/api/admin/v1/articles?status=${s}&limit=50`),
          );
          expect(asked.indexOf(lists[0]!)).toBeLessThan(asked.indexOf('/api/admin/v1/auth/me'));

          // A tag that no longer exists says so, in words.
          await page.goto(`${server.baseUrl}/newsroom/?tag=no-such-tag`);
          await page.getByRole('alert').getByText('There is no tag "no-such-tag".').waitFor();
          await checkAxe(page, 'budget unknown tag');
        } finally {
          await context.close();
        }
      });
    });
  }
});
