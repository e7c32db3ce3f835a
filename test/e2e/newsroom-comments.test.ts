import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS } from '../support/browser.js';
import { journeyDialects } from '../support/databases.js';
import {
  type Api,
  checkAxe,
  firstSectionPath,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  openLiveStory,
  readerHtml,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';
import { addressesOf, linksIn, readOutbox } from '../support/smtp.js';

/**
 * Comments in the newsroom editor (issue 17, ADR 0034) in Chromium on the real server (SQLite, then
 * PostgreSQL): one editor selects a passage and comments on it mentioning the other; the other's editor
 * shows the thread and the passage highlighted, and they reply; the mention mail reaches them and its link
 * opens the thread; the highlight follows the text as it is edited; resolving hides it. After publishing,
 * the comments are nowhere on the reader page. Screenshots at 390 and 1280 px go to test-results/comments/.
 */

const EDITORS = [
  { email: 'eddie.editor@example.com', name: 'Eddie Editor', password: 'a long editor passphrase 1' },
  { email: 'edna.editor@example.com', name: 'Edna Editor', password: 'a long editor passphrase 2' },
] as const;
const SHOTS = path.join(RESULTS, 'comments');
const PARAGRAPH = 'The harbour reopened on Monday after a week of storms closed the quay.';
const PASSAGE = 'a week of storms';
const COMMENT = 'Which week exactly? Please check the dates';
const REPLY = 'The ninth to the sixteenth, from the harbour master.';

describe.skipIf(!hasChromium)('newsroom comments in Chromium', JOURNEY_RETRY, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of journeyDialects('postgres')) {
    describe(dialect, () => {
      let running: NewsroomServer | undefined;
      let server: Started;
      let admin: Api;
      let section: string;

      beforeAll(async () => {
        running = await startNewsroomServer(
          dialect,
          EDITORS.map((e) => ({ ...e, role: 'editor' })),
        );
        ({ server, admin } = running);
        section = await firstSectionPath(admin);
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      const open = (id: string) => openLiveStory(browser, server.baseUrl, id, EDITORS);

      const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });
      const panel = (page: Page) => page.getByRole('region', { name: 'Comments' });
      const thread = (page: Page) => panel(page).getByRole('listitem', { name: /^Comment by Eddie Editor/ });
      const highlighted = (page: Page) => page.locator('.body-text .comment-passage');

      /** Selects `text` in the body's first paragraph as a mouse drag would. */
      async function select(page: Page, text: string) {
        await body(page).locator('p').first().click();
        await body(page).evaluate((root, wanted) => {
          const node = root.querySelector('p')?.firstChild;
          const at = node?.textContent?.indexOf(wanted) ?? -1;
          if (!node || at < 0) throw new Error(`"${wanted}" is not in the first paragraph`);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
        }, text);
      }

      /** The thread, then the highlighted passage, in view (the editor's head is sticky: no full-page shots). */
      async function shoot(page: Page, name: string) {
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await highlighted(page).scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `${dialect}-${name}-body-${width}.png`) });
          await thread(page).scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `${dialect}-${name}-${width}.png`) });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
      }

      const textOf = async (locator: Locator) => (await locator.allTextContents()).join('');

      it('(a) a comment with a mention reaches the other editor, who replies; the mail links to it; resolve', {
        timeout: 240_000,
      }, async () => {
        const made = await admin.call('POST', '/articles', {
          headline: 'Harbour reopens after the storms',
          dek: 'Ferries sail again.',
          section,
          access: 'free',
          bodyMarkdown: `${PARAGRAPH}\n\nThe second paragraph.`,
        });
        expect(made.status).toBe(201);
        const id = made.json.id;
        const { pages, close } = await open(id);
        const [eddie, edna] = pages as [Page, Page];
        const unchanged: number[] = [];
        edna.on('response', (r) => {
          if (r.url().endsWith(`/articles/${id}/comments`) && r.status() === 304) unchanged.push(1);
        });
        try {
          await expect.poll(() => panel(edna).textContent()).toContain('No open comments');
          await select(eddie, PASSAGE);
          await eddie.keyboard.press('Control+Alt+m');
          const form = panel(eddie).getByRole('form', { name: 'New comment' });
          await expect.poll(() => form.locator('blockquote').textContent()).toBe(PASSAGE);
          const box = form.getByRole('textbox', { name: 'Comment' });
          await expect.poll(() => box.evaluate((e) => e === document.activeElement)).toBe(true);
          // By keyboard: "@Ed" lists Eddie and Edna; Down moves to Edna; Escape closes the list and typing
          // opens it again; Enter writes her name.
          await eddie.keyboard.type(`${COMMENT} @Ed`);
          const people = form.getByRole('listbox', { name: 'People to mention' });
          await expect
            .poll(() => people.getByRole('option').allTextContents())
            .toEqual(['Eddie Editor', 'Edna Editor']);
          await eddie.keyboard.press('ArrowDown');
          expect(await people.getByRole('option', { selected: true }).textContent()).toBe('Edna Editor');
          await people.scrollIntoViewIfNeeded();
          await eddie.screenshot({ path: path.join(SHOTS, `${dialect}-mention-list-1280.png`) });
          expect(await box.getAttribute('aria-activedescendant')).toBe(
            await people.getByRole('option', { name: 'Edna Editor' }).getAttribute('id'),
          );
          await eddie.keyboard.press('Escape');
          await expect.poll(() => people.count()).toBe(0);
          await eddie.keyboard.type('n');
          await expect.poll(() => people.getByRole('option').allTextContents()).toEqual(['Edna Editor']);
          await eddie.keyboard.press('Enter');
          await expect.poll(() => box.inputValue()).toBe(`${COMMENT} @Edna Editor `);
          await eddie.keyboard.type('thanks.');
          await form.getByRole('button', { name: 'Post comment' }).click();
          await expect.poll(() => textOf(thread(eddie))).toContain(`${COMMENT} @Edna Editor thanks.`);
          await expect.poll(() => highlighted(eddie).textContent()).toBe(PASSAGE);

          // Edna's editor shows it within seconds (the poll, or the live document's comments-changed).
          await expect.poll(() => textOf(thread(edna)), { timeout: 10_000 }).toContain(COMMENT);
          await expect.poll(() => textOf(highlighted(edna))).toBe(PASSAGE);

          // The highlight follows the text: Eddie types before the passage (at the start of the body).
          await body(eddie)
            .locator('p')
            .first()
            .click({ position: { x: 1, y: 4 } });
          await expect.poll(() => eddie.evaluate(() => window.getSelection()?.anchorOffset)).toBe(0);
          await eddie.waitForTimeout(200);
          await eddie.keyboard.type('Update: ');
          await expect.poll(() => textOf(highlighted(edna)), { timeout: 5_000 }).toBe(PASSAGE);
          await expect
            .poll(() =>
              body(edna)
                .locator('p')
                .first()
                .evaluate((p) => {
                  const copy = p.cloneNode(true) as HTMLElement;
                  for (const caret of Array.from(copy.querySelectorAll('.live-caret'))) caret.remove();
                  return copy.textContent;
                }),
            )
            .toBe(`Update: ${PARAGRAPH}`);
          await expect.poll(() => textOf(highlighted(edna))).toBe(PASSAGE);

          // Edna replies; Eddie sees it.
          await thread(edna).getByRole('textbox', { name: 'Reply' }).fill(REPLY);
          await thread(edna).getByRole('button', { name: 'Send reply' }).click();
          await expect.poll(() => textOf(thread(eddie)), { timeout: 10_000 }).toContain(REPLY);

          // The mention mail reached Edna, with a link to the thread.
          const outbox = path.join(running!.dataDir, 'outbox');
          let link: string | undefined;
          await expect
            .poll(
              async () => {
                const mail = (await readOutbox(outbox).catch(() => [])).filter((m) =>
                  addressesOf(m).includes(EDITORS[1].email),
                );
                link = mail.flatMap((m) => linksIn(m)).find((l) => l.includes('?comment='));
                return link !== undefined;
              },
              { timeout: 20_000 },
            )
            .toBe(true);
          const mailed = new URL(link!);
          expect(mailed.pathname).toBe(`/newsroom/story/${id}`);
          // Its link opens the story with the thread chosen and focused.
          await edna.goto(`${server.baseUrl}${mailed.pathname}${mailed.search}`);
          await expect
            .poll(() => thread(edna).evaluate((e) => e === document.activeElement), { timeout: 15_000 })
            .toBe(true);
          expect(await thread(edna).getAttribute('class')).toContain('comment-thread-active');
          await expect.poll(() => textOf(edna.locator('.comment-passage-active'))).toBe(PASSAGE);
          // The poll costs a 304 while nothing changed.
          await expect.poll(() => unchanged.length, { timeout: 10_000 }).toBeGreaterThan(0);

          await checkAxe(edna, 'editor with the comments panel and a thread open');
          await shoot(edna, 'thread-open');

          // A click in the highlight chooses the thread (Eddie's side).
          await highlighted(eddie).click();
          await expect.poll(() => thread(eddie).getAttribute('class')).toContain('comment-thread-active');

          // Eddie resolves it: it leaves the open list and the highlight goes, in both editors.
          await thread(eddie).getByRole('button', { name: 'Resolve' }).click();
          await expect
            .poll(() => panel(edna).textContent(), { timeout: 10_000 })
            .toContain('No open comments');
          await expect.poll(() => highlighted(edna).count()).toBe(0);
          // Edna had it chosen (her mail's link): it shows on among the resolved ones.
          expect(
            await panel(edna).getByRole('button', { name: 'Hide resolved (1)' }).getAttribute('aria-pressed'),
          ).toBe('true');
          await expect.poll(() => textOf(thread(edna))).toContain('Resolved by Eddie Editor');

          // (b) Published, the comments are nowhere on the reader page.
          const current = await admin.call('GET', `/articles/${id}`);
          const published = await admin.call('POST', `/articles/${id}/publish`, {
            revision: current.json.revision,
          });
          expect(published.status).toBe(200);
          const html = await readerHtml(server, 'Harbour reopens after the storms');
          expect(html).toContain('a week of storms');
          expect(html).not.toContain('Which week exactly');
          expect(html).not.toContain('harbour master');
        } finally {
          await close();
        }
      });
    });
  }
});
