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
  staffApi,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';

/**
 * Suggestions (issue 17, ADR 0036) in Chromium on the real server (SQLite, then PostgreSQL). (a) A copy
 * editor in suggest mode inserts a phrase and deletes a word in a reporter's draft while the reporter
 * watches: the reporter sees both marked, with the editor's name; one is accepted and one rejected; once
 * published, the reader page has the accepted change and not the rejected one. (b) Publishing with open
 * suggestions asks first; "Publish without them" publishes the text as if each were rejected, and they stay
 * open in the editor (Update asks too), to be put live by Update once accepted. Suggest mode by the button
 * in (a), by its keys in (b). Screenshots at 390 and 1280 px go to test-results/suggestions/.
 */

const REPORTER = {
  email: 'rita.reporter@example.com',
  name: 'Rita Reporter',
  password: 'a long reporter phrase 1',
};
const COPY_EDITOR = {
  email: 'cole.copy@example.com',
  name: 'Cole Copy',
  password: 'a long copy desk phrase 2',
};
const SHOTS = path.join(RESULTS, 'suggestions');

describe.skipIf(!hasChromium)('newsroom suggestions in Chromium', JOURNEY_RETRY, () => {
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
      let rita: Api;
      let section: string;

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [
          { ...REPORTER, role: 'reporter' },
          { ...COPY_EDITOR, role: 'editor' },
        ]);
        server = running.server;
        section = await firstSectionPath(running.admin);
        rita = await staffApi(server, REPORTER);
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      /** The reporter's draft: hers, so she may edit it; the copy editor may edit any. */
      async function draft(headline: string, paragraph: string): Promise<string> {
        const made = await rita.call('POST', '/articles', {
          headline,
          dek: 'A dek for the journey.',
          section,
          access: 'free',
          bodyMarkdown: `${paragraph}\n\nA second paragraph.`,
        });
        expect(made.status).toBe(201);
        return made.json.id;
      }

      const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });
      const panel = (page: Page) => page.getByRole('region', { name: 'Suggestions' });
      const items = (page: Page) =>
        panel(page).getByRole('list', { name: 'Open suggestions' }).getByRole('listitem');
      const textOf = async (locator: Locator) => (await locator.allTextContents()).join('');

      /**
       * Selects `text` in the body's first paragraph (or puts the caret right after it, `caret`), through the
       * DOM as a mouse would: the paragraph may already be split by suggestions' elements.
       */
      async function select(page: Page, text: string, caret = false) {
        await body(page).locator('p').first().click();
        await body(page).evaluate(
          (root, [wanted, collapse]) => {
            const paragraph = root.querySelector('p');
            if (!paragraph) throw new Error('no paragraph');
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            const nodes: Text[] = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
            const whole = nodes.map((n) => n.data).join('');
            const at = whole.indexOf(wanted as string);
            if (at < 0) throw new Error(`"${wanted}" is not in "${whole}"`);
            const point = (offset: number): [Text, number] => {
              let left = offset;
              for (const node of nodes) {
                if (left <= node.data.length) return [node, left];
                left -= node.data.length;
              }
              throw new Error('past the paragraph');
            };
            const end = at + (wanted as string).length;
            const range = document.createRange();
            range.setStart(...point(collapse ? end : at));
            range.setEnd(...point(end));
            const selection = window.getSelection()!;
            selection.removeAllRanges();
            selection.addRange(range);
          },
          [text, caret] as const,
        );
        // ProseMirror reads the DOM's selection on its selectionchange event.
        await page.waitForTimeout(150);
      }

      /** The body's first paragraph as readers of the screen see it (no carets' name tags). */
      const firstParagraph = (page: Page) =>
        body(page)
          .locator('p')
          .first()
          .evaluate((p) => {
            const copy = p.cloneNode(true) as HTMLElement;
            for (const caret of Array.from(copy.querySelectorAll('.live-caret'))) caret.remove();
            return copy.textContent?.replace(/\u200B/g, '');
          });

      async function shoot(page: Page, name: string, target: Locator) {
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          await target.scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, `${dialect}-${name}-${width}.png`) });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
      }

      /** The copy editor's suggestions in the first paragraph: `insert` typed after `after`, `remove` deleted. */
      async function suggest(page: Page, after: string, insert: string, remove: string, keys = false) {
        const toggle = page.getByRole('button', { name: 'Suggest' });
        if (keys) {
          await body(page).click();
          await page.keyboard.press('Control+Alt+Shift+X');
        } else await toggle.click();
        await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => page.locator('#suggesting-note').textContent()).toContain('Suggesting');
        await select(page, after, true);
        await page.keyboard.type(insert);
        await select(page, remove);
        await page.keyboard.press('Backspace');
        await expect.poll(() => textOf(body(page).locator('ins.suggestion'))).toBe(insert);
        await expect.poll(() => textOf(body(page).locator('del.suggestion'))).toBe(remove);
      }

      it('(a) the reporter sees the copy editor’s suggestions; one accepted, one rejected; the reader page', {
        timeout: 240_000,
      }, async () => {
        const paragraph = 'The council approved the budget on Tuesday after a long debate.';
        const id = await draft('Council approves the harbour budget', paragraph);
        const { pages, close } = await openLiveStory(browser, server.baseUrl, id, [COPY_EDITOR, REPORTER]);
        const [cole, ritaPage] = pages as [Page, Page];
        try {
          await expect.poll(() => panel(ritaPage).textContent()).toContain('No open suggestions');
          await suggest(cole, 'approved the', ' harbour', 'long ');
          await shoot(cole, 'suggesting', cole.locator('#suggesting-note'));
          // The text is still all there: suggested, not made.
          expect(await firstParagraph(cole)).toBe(
            'The council approved the harbour budget on Tuesday after a long debate.',
          );

          // The reporter sees both, marked, each with the copy editor's name.
          await expect
            .poll(() => textOf(body(ritaPage).locator('ins.suggestion')), { timeout: 10_000 })
            .toBe(' harbour');
          await expect.poll(() => textOf(body(ritaPage).locator('del.suggestion'))).toBe('long ');
          await expect
            .poll(() => body(ritaPage).locator('ins.suggestion [title^="Inserted by Cole Copy"]').count())
            .toBeGreaterThan(0);
          await expect
            .poll(() => body(ritaPage).locator('del.suggestion [title^="Deleted by Cole Copy"]').count())
            .toBeGreaterThan(0);
          await expect.poll(() => items(ritaPage).count()).toBe(2);
          expect(await textOf(items(ritaPage).nth(0))).toMatch(/^Cole Copy .+Inserted “harbour”Accept/);
          expect(await textOf(items(ritaPage).nth(1))).toMatch(/^Cole Copy .+Deleted “long”Accept/);
          // The caret in a suggestion names it (the keyboard's and the screen reader's way to the author).
          await select(ritaPage, 'harb', true);
          await expect
            .poll(() => ritaPage.locator('.suggestion-at-caret').textContent())
            .toMatch(/^Inserted by Cole Copy, /);
          await checkAxe(ritaPage, 'editor with suggestions and their list');
          await shoot(ritaPage, 'marks-named', body(ritaPage));
          await shoot(ritaPage, 'list', panel(ritaPage));

          // "Show passage" selects it (the line under the body follows the selection, which leaves the
          // deleted word); the reporter accepts the insertion and rejects the deletion.
          await select(ritaPage, 'lon', true);
          const atCaret = ritaPage.locator('.suggestion-at-caret');
          await expect.poll(() => atCaret.textContent()).toMatch(/^Deleted by Cole Copy, /);
          await panel(ritaPage).getByRole('button', { name: 'Show passage: Inserted “harbour”' }).click();
          await expect.poll(() => atCaret.textContent()).toMatch(/^Inserted by Cole Copy, /);
          await panel(ritaPage)
            .getByRole('button', { name: 'Accept: Inserted “harbour”, by Cole Copy' })
            .click();
          await panel(ritaPage).getByRole('button', { name: 'Reject: Deleted “long”, by Cole Copy' }).click();
          await expect.poll(() => panel(ritaPage).textContent()).toContain('No open suggestions');
          await expect
            .poll(() => panel(cole).textContent(), { timeout: 10_000 })
            .toContain('No open suggestions');
          const settled = 'The council approved the harbour budget on Tuesday after a long debate.';
          await expect.poll(() => firstParagraph(cole)).toBe(settled);
          expect(await body(cole).locator('ins, del').count()).toBe(0);

          // The copy editor publishes; readers get the accepted change and not the rejected one.
          await cole.getByRole('button', { name: 'Publish', exact: true }).click();
          await cole.getByRole('button', { name: 'Publish now' }).click();
          await expect
            .poll(() => cole.locator('.story-head .status').textContent(), { timeout: 20_000 })
            .toBe('Published');
          const html = await readerHtml(server, 'Council approves the harbour budget');
          expect(html).toContain('approved the harbour budget');
          expect(html).toContain('after a long debate');
          expect(html).not.toContain('<ins');
          expect(html).not.toContain('<del');
        } finally {
          await close();
        }
      });

      it('(b) publishing with open suggestions asks first and leaves them out for readers', {
        timeout: 240_000,
      }, async () => {
        const id = await draft('Ferry timetable changes', 'The ferry sails at noon from the long pier.');
        const { pages, close } = await openLiveStory(browser, server.baseUrl, id, [COPY_EDITOR]);
        const [cole] = pages as [Page];
        try {
          // Suggest mode by its keys this time (Ctrl/Cmd-Alt-Shift-X), which `?` lists.
          await cole.locator('body').press('?');
          const keys = cole.getByRole('dialog', { name: 'Keyboard shortcuts' });
          await expect.poll(() => keys.textContent()).toContain('Ctrl/Cmd-Alt-Shift-XSuggest: mark my edits');
          await cole.keyboard.press('Escape');
          await keys.waitFor({ state: 'detached' });
          await suggest(cole, 'ferry sails', ' daily', 'long ', true);
          await cole.getByRole('button', { name: 'Publish', exact: true }).click();
          await cole.getByRole('button', { name: 'Publish now' }).click();
          const question = cole.getByRole('dialog', { name: 'Publish with open suggestions?' });
          await expect
            .poll(() => question.textContent(), { timeout: 20_000 })
            .toContain('There are 2 open suggestions in the body.');
          await checkAxe(cole, 'the question before publishing with open suggestions');
          await shoot(cole, 'publish-question', question);
          await question.getByRole('button', { name: 'Publish without them' }).click();
          await expect
            .poll(() => cole.locator('.story-head .status').textContent(), { timeout: 20_000 })
            .toBe('Published');
          expect(await question.count()).toBe(0);

          const html = await readerHtml(server, 'Ferry timetable changes');
          expect(html).toContain('The ferry sails at noon from the long pier.');
          expect(html).not.toContain('daily');
          // Still open in the newsroom, for later.
          await expect.poll(() => items(cole).count()).toBe(2);
          expect(await textOf(body(cole).locator('ins.suggestion'))).toBe(' daily');
          expect(await textOf(body(cole).locator('del.suggestion'))).toBe('long ');

          // They are the staged working copy: Update asks too; once they are accepted, Update puts them live.
          await cole.getByRole('button', { name: 'Update', exact: true }).click();
          const again = cole.getByRole('dialog', { name: 'Update with open suggestions?' });
          await expect.poll(() => again.textContent(), { timeout: 20_000 }).toContain('There are 2 open');
          await again.getByRole('button', { name: 'Cancel' }).click();
          await panel(cole).getByRole('button', { name: 'Accept all' }).click();
          await expect.poll(() => panel(cole).textContent()).toContain('No open suggestions');
          await cole.getByRole('button', { name: 'Update', exact: true }).click();
          await expect
            .poll(async () => (await readerHtml(server, 'Ferry timetable changes')).includes('sails daily'), {
              timeout: 20_000,
            })
            .toBe(true);
          expect(await readerHtml(server, 'Ferry timetable changes')).toContain('from the pier.');
        } finally {
          await close();
        }
      });
    });
  }
});
