import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS } from '../support/browser.js';
import { journeyDialects } from '../support/databases.js';
import { body, paragraph, presence, textOf, typeAtEnd } from '../support/live-story-page.js';
import {
  type Api,
  checkAxe,
  firstSectionPath,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  openLiveStory,
  shows,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';

/**
 * Live co-editing in the newsroom editor (issue 17, ADR 0031 and 0032) in Chromium on the real server
 * (SQLite, then PostgreSQL): two editors in two browser contexts type into one paragraph and see each
 * other's words, names and carets; one goes offline, both type on, it comes back and both texts are in
 * both browsers and in the revision the server saves; a reporter who may only read the article sees it
 * live but cannot type; a headline typed by one appears for the other. Screenshots of the editor with
 * two people in it at 390 and 1280 px go to test-results/coedit/.
 */

const EDITORS = [
  { email: 'eddie.editor@example.com', name: 'Eddie Editor', password: 'a long editor passphrase 1' },
  { email: 'edna.editor@example.com', name: 'Edna Editor', password: 'a long editor passphrase 2' },
] as const;
const REPORTER = {
  email: 'rita.reporter@example.com',
  name: 'Rita Reporter',
  password: 'a long reporter phrase',
};
const SHOTS = path.join(RESULTS, 'coedit');

/** A whole-page picture from the top (the editor's head is sticky: scrolled, it would sit mid-page). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!hasChromium)('newsroom live co-editing in Chromium', JOURNEY_RETRY, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of journeyDialects('sqlite')) {
    describe(dialect, () => {
      let running: NewsroomServer | undefined;
      let server: Started;
      let admin: Api;
      let section: string;

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [
          ...EDITORS.map((e) => ({ ...e, role: 'editor' })),
          { ...REPORTER, role: 'reporter' },
        ]);
        ({ server, admin } = running);
        section = await firstSectionPath(admin);
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      async function article(headline: string, publish = false): Promise<string> {
        const made = await admin.call('POST', '/articles', {
          headline,
          dek: 'The first dek.',
          section,
          access: 'free',
          bodyMarkdown: 'The first paragraph.\n\nThe second paragraph.',
        });
        expect(made.status, JSON.stringify(made.json)).toBe(201);
        if (publish) {
          const published = await admin.call('POST', `/articles/${made.json.id}/publish`, { revision: 1 });
          expect(published.status).toBe(200);
        }
        return made.json.id;
      }

      const open = (id: string, people: readonly { email: string; password: string }[]) =>
        openLiveStory(browser, server.baseUrl, id, people);

      /** Waits until paragraph `n` reads `text` (carets aside). */
      const reads = (page: Page, n: number, text: string, timeout = 5_000) =>
        expect.poll(() => textOf(page, n), { timeout }).toBe(text);

      async function savedParagraphs(id: string): Promise<string[]> {
        const saved = await admin.call('GET', `/articles/${id}`);
        return (saved.json.body.content as { content?: { text: string }[] }[]).map((p) =>
          (p.content ?? []).map((t) => t.text).join(''),
        );
      }

      it('(a, d) two editors type into one paragraph and a headline; each sees the other, their name and caret', {
        timeout: 180_000,
      }, async () => {
        const id = await article('Flood barrier tested on the river');
        const { pages, close } = await open(id, EDITORS);
        const [eddie, edna] = pages as [Page, Page];
        try {
          await expect.poll(() => presence(eddie).textContent()).toContain('Edna Editor');
          await expect.poll(() => presence(edna).textContent()).toContain('Eddie Editor');
          await expect.poll(() => presence(eddie).textContent()).toContain('Eddie Editor (you)');

          await typeAtEnd(eddie, 0, ' Eddie was here.');
          await reads(edna, 0, 'The first paragraph. Eddie was here.', 1_000);
          await typeAtEnd(edna, 0, ' Edna too.');
          await reads(eddie, 0, 'The first paragraph. Eddie was here. Edna too.', 1_000);
          // Each sees the other's caret, named, in the body.
          await edna.locator('.live-caret-name', { hasText: 'Eddie Editor' }).waitFor();
          await eddie.locator('.live-caret-name', { hasText: 'Edna Editor' }).waitFor();

          // (d) A headline typed by one appears for the other.
          const headline = eddie.getByLabel('Headline', { exact: true });
          await headline.focus();
          await eddie.keyboard.press('End');
          await eddie.keyboard.type(' at dawn');
          await shows(
            edna.getByLabel('Headline', { exact: true }),
            'Flood barrier tested on the river at dawn',
            1_000,
          );

          // Saved by the server as a revision (no PATCH of the live text from either browser).
          await shows(eddie.getByRole('status'), 'Saved', 15_000);
          await expect
            .poll(() => savedParagraphs(id), { timeout: 15_000 })
            .toEqual(['The first paragraph. Eddie was here. Edna too.', 'The second paragraph.']);
          const saved = await admin.call('GET', `/articles/${id}`);
          expect(saved.json.headline).toBe('Flood barrier tested on the river at dawn');

          // Edna clicks into the second paragraph so Eddie's screen shows her caret there too.
          await paragraph(edna, 1).click();
          await edna.keyboard.press('End');
          await eddie.locator('.live-caret-name', { hasText: 'Edna Editor' }).waitFor();
          await checkAxe(eddie, 'editor with two people in the story');
          for (const width of [390, 1280]) {
            await eddie.setViewportSize({ width, height: 900 });
            await shoot(eddie, `${dialect}-two-editors-${width}`);
          }
        } finally {
          await close();
        }
      });

      it('(b) one goes offline, both type on; back online both texts are in both browsers and the revision', {
        timeout: 180_000,
      }, async () => {
        const id = await article('Lighthouse keepers return to the point');
        const { contexts, pages, close } = await open(id, EDITORS);
        const [eddie, edna] = pages as [Page, Page];
        try {
          await expect.poll(() => presence(eddie).textContent()).toContain('Edna Editor');
          await contexts[1]!.setOffline(true);
          await shows(edna.getByRole('status'), 'Offline', 10_000);
          await typeAtEnd(edna, 0, ' Typed offline by Edna.');
          await typeAtEnd(eddie, 1, ' Typed online by Eddie.');
          await reads(eddie, 1, 'The second paragraph. Typed online by Eddie.');
          // Not through: Edna is offline.
          expect(await textOf(eddie, 0)).toBe('The first paragraph.');
          await shoot(edna, `${dialect}-offline-1280`);

          await contexts[1]!.setOffline(false);
          const both = [
            'The first paragraph. Typed offline by Edna.',
            'The second paragraph. Typed online by Eddie.',
          ];
          for (const page of [eddie, edna]) {
            await reads(page, 0, both[0]!, 15_000);
            await reads(page, 1, both[1]!, 15_000);
          }
          await expect.poll(() => savedParagraphs(id), { timeout: 15_000 }).toEqual(both);
          await shows(edna.getByRole('status'), 'Saved', 15_000);
        } finally {
          await close();
        }
      });

      it('(c) a reporter who may only read the article sees it live but cannot type', {
        timeout: 180_000,
      }, async () => {
        const id = await article('Council votes on the harbour plan', true);
        const { pages, close } = await open(id, [EDITORS[0], REPORTER]);
        const [eddie, rita] = pages as [Page, Page];
        try {
          await rita.getByText('Read only: your role may read this article but not change it.').waitFor();
          expect(await body(rita).isEditable()).toBe(false);
          expect(await rita.getByLabel('Headline', { exact: true }).isEditable()).toBe(false);

          await typeAtEnd(eddie, 0, ' Eddie adds a line.');
          await reads(rita, 0, 'The first paragraph. Eddie adds a line.', 1_000);

          // Her keys do nothing to the text.
          await paragraph(rita, 1).click();
          await rita.keyboard.type('Rita tries.');
          await rita.waitForTimeout(500);
          expect(await textOf(rita, 1)).toBe('The second paragraph.');
          expect(await textOf(eddie, 1)).toBe('The second paragraph.');
          await checkAxe(rita, 'editor read only');
          await shoot(rita, `${dialect}-read-only-1280`);
        } finally {
          await close();
        }
      });

      it('(e) the paper turns live editing off: the editor is saved, told, and edits one writer at a time after a reload', {
        timeout: 180_000,
      }, async () => {
        const id = await article('Night trains return to the coast line');
        const { pages, close } = await open(id, [EDITORS[0]]);
        const [eddie] = pages as [Page];
        try {
          await typeAtEnd(eddie, 0, ' Typed live.');
          await expect
            .poll(async () => (await savedParagraphs(id))[0], { timeout: 10_000 })
            .toBe('The first paragraph. Typed live.');
          const off = await admin.call('PATCH', '/settings', { 'newsroom.editing': 'single-writer' });
          expect(off.status).toBe(200);
          // Every process sees the switch within one rights check (5 s).
          const alert = eddie.getByRole('alert').filter({ hasText: 'Live editing is turned off' });
          await alert.waitFor({ timeout: 15_000 });
          expect(await body(eddie).isEditable()).toBe(false);
          await shoot(eddie, `${dialect}-live-editing-off-1280`);

          await alert.getByRole('button', { name: 'Reload the article' }).click();
          await body(eddie).waitFor();
          await expect.poll(() => body(eddie).isEditable()).toBe(true);
          expect(await presence(eddie).count()).toBe(0);
          await reads(eddie, 0, 'The first paragraph. Typed live.');
          await typeAtEnd(eddie, 1, ' Saved over REST.');
          await expect
            .poll(async () => (await savedParagraphs(id))[1], { timeout: 10_000 })
            .toBe('The second paragraph. Saved over REST.');
        } finally {
          await admin.call('PATCH', '/settings', { 'newsroom.editing': 'live' });
          await close();
        }
      });
    });
  }
});
