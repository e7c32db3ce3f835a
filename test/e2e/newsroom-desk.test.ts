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
 * The writing desk's other screens in Chromium on the real server (SQLite, then PostgreSQL): journey 5 (two
 * editors save the same article from two browsers; the merge view keeps both texts), then an editor's round:
 * the command palette and the shortcut list, history compared and restored, the pre-publish checks, publishing,
 * a correction, and deleting a draft. Every screen is checked by axe and photographed at 1280 and 1024 px.
 */

const EDITORS = [
  { email: 'eddie.editor@example.com', name: 'Eddie Editor', password: 'a long editor passphrase 1' },
  { email: 'edna.editor@example.com', name: 'Edna Editor', password: 'a long editor passphrase 2' },
] as const;

describe.skipIf(!hasChromium)('newsroom desk in Chromium', JOURNEY_RETRY, () => {
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
      let section: string;

      beforeAll(async () => {
        running = await startNewsroomServer(
          dialect,
          EDITORS.map((e) => ({ ...e, role: 'editor' })),
        );
        ({ server, admin } = running);
        const sections = (await admin.call('GET', '/sections')).json as unknown as {
          sections: { path: string }[];
        };
        section = sections.sections[0]!.path;
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      async function article(headline: string) {
        const made = await admin.call('POST', '/articles', {
          headline,
          dek: 'The first dek.',
          section,
          bodyMarkdown: 'The first paragraph.\n\nThe second paragraph.',
        });
        expect(made.status).toBe(201);
        return made.json;
      }

      async function openStory(page: Page, id: string) {
        await page.goto(`${server.baseUrl}/newsroom/story/${id}`);
        await shows(page.getByRole('status'), 'Saved');
      }

      it('journey 5: two editors save the same article; the merge view keeps both texts', {
        timeout: 120_000,
      }, async () => {
        const { id } = await article('Bridge repairs to close the river crossing');
        const contexts = await Promise.all(
          [0, 1].map(() => browser.newContext({ viewport: { width: 1280, height: 900 } })),
        );
        // Issue 17: with live co-editing the two would type into one live document and never meet a 409.
        // This journey is the fallback's (ADR 0032): the live document's socket is refused, so the editor
        // saves every field over REST with revisions, as before co-editing.
        for (const context of contexts) {
          await context.routeWebSocket(/\/api\/admin\/v1\/collab/, (socket) => socket.close({ code: 1008 }));
        }
        const [eddie, edna] = await Promise.all(contexts.map((c) => c.newPage()));
        const screenshot = screenshots(edna!, dialect, 'merge');
        try {
          for (const [page, who] of [
            [eddie!, EDITORS[0]],
            [edna!, EDITORS[1]],
          ] as const) {
            await signIn(page, server.baseUrl, who);
            await openStory(page, id);
          }
          // Not live: no presence list, the REST path only.
          expect(await edna!.getByRole('region', { name: 'In this story' }).count()).toBe(0);
          // Eddie saves first: a new dek and a paragraph at the end.
          await eddie!.getByLabel('Dek').fill('Eddie’s dek.');
          await eddie!.getByRole('textbox', { name: 'Body' }).focus();
          await eddie!.keyboard.press('Control+End');
          await eddie!.keyboard.press('Enter');
          await eddie!.keyboard.type('Eddie’s paragraph about the detour.');
          await shows(eddie!.getByRole('status'), 'Saved', 10_000);

          // Edna, still on the older revision, changes the first paragraph: her save meets Eddie's.
          await edna!.getByRole('textbox', { name: 'Body' }).focus();
          await edna!.keyboard.press('Control+Home');
          await edna!.keyboard.press('End');
          await edna!.keyboard.type(' Edna’s addition.');
          await edna!.getByRole('heading', { name: 'Someone else saved this article meanwhile' }).waitFor({
            timeout: 10_000,
          });
          await shows(edna!.getByRole('status'), 'Conflict');
          await expect
            .poll(() =>
              edna!
                .getByRole('radiogroup', { name: 'Keep for paragraph 1' })
                .getByRole('radio', { name: 'Keep yours' })
                .isChecked(),
            )
            .toBe(true);
          await checkAxe(edna!, 'merge view');
          await screenshot('merge-view');
          await edna!.getByRole('button', { name: 'Save merged version' }).click();
          await shows(edna!.getByRole('status'), 'Saved', 10_000);
          await screenshot('merged');

          // Each side's change is kept, and nothing is doubled: Edna's paragraph replaces the one only she
          // changed, Eddie's new paragraph and new dek (which only he changed) are taken as they are.
          const saved = await admin.call('GET', `/articles/${id}`);
          const paragraphs = (saved.json.body.content as { content: { text: string }[] }[]).map((p) =>
            p.content.map((t) => t.text).join(''),
          );
          expect(paragraphs).toEqual([
            'The first paragraph. Edna’s addition.',
            'The second paragraph.',
            'Eddie’s paragraph about the detour.',
          ]);
          expect(saved.json.dek).toBe('Eddie’s dek.');
        } finally {
          await Promise.all(contexts.map((c) => c.close()));
        }
      });

      it('an editor uses the palette, history, the pre-publish checks, publishes, corrects and deletes a draft', {
        timeout: 120_000,
      }, async () => {
        const { id } = await article('Library opens on Sundays from June');
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'desk');
        try {
          await signIn(page, server.baseUrl, EDITORS[0]);
          await openStory(page, id);
          await page.getByLabel('Dek').fill('A second dek, saved as revision 2.');
          await shows(page.getByRole('status'), 'Saved', 10_000);

          // `?` lists every shortcut (the focus is not in a field); Ctrl-K opens the palette.
          await page.getByRole('button', { name: 'History' }).focus();
          await page.keyboard.press('?');
          const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
          await keys.waitFor();
          await checkAxe(page, 'shortcuts');
          await screenshot('shortcuts');
          await page.keyboard.press('Escape');
          await keys.waitFor({ state: 'detached' });
          await page.keyboard.press('Control+k');
          const palette = page.getByRole('dialog', { name: 'Command palette' });
          await palette.waitFor();
          await page.keyboard.type('history');
          await checkAxe(page, 'command palette');
          await screenshot('palette');
          await page.keyboard.press('Enter');

          // History: revision 1 against 2, then revision 1 restored as revision 3.
          const history = page.getByRole('region', { name: 'History' });
          await history.getByText('Dek: The first dek.').waitFor();
          await history.getByText('Dek: A second dek, saved as revision 2.').waitFor();
          await checkAxe(page, 'history');
          await screenshot('history');
          await history.getByRole('button', { name: 'Restore revision 1' }).click();
          await shows(page.getByLabel('Dek'), 'The first dek.');
          expect((await admin.call('GET', `/articles/${id}`)).json).toMatchObject({
            dek: 'The first dek.',
            revision: 3,
          });

          // The checks before publishing, then Publish.
          await page.getByRole('button', { name: 'Publish', exact: true }).click();
          const publish = page.getByRole('dialog', { name: 'Publish this article' });
          await publish.getByRole('list', { name: 'Pre-publish checks' }).getByText('✓ Section').waitFor();
          await checkAxe(page, 'publish checks');
          await screenshot('publish-checks');
          await publish.getByRole('button', { name: 'Publish now' }).click();
          await shows(page.locator('.story-head .status'), 'Published', 10_000);

          // A correction on the live article.
          await page.getByRole('button', { name: 'Add correction' }).click();
          const correction = page.getByRole('dialog', { name: 'Add correction' });
          await correction
            .getByLabel('Correction text')
            .fill('An earlier version gave the wrong opening hour.');
          await checkAxe(page, 'add correction');
          await screenshot('correction');
          await correction.getByRole('button', { name: 'Publish correction' }).click();
          await correction.waitFor({ state: 'detached' });
          const live = await admin.call('GET', `/articles/${id}`);
          expect(live.json.status).toBe('published');
          expect(live.json.corrections).toMatchObject([
            { kind: 'correction', text: 'An earlier version gave the wrong opening hour.' },
          ]);

          // A draft is deleted after the confirmation.
          const draft = await article('A draft nobody needs');
          await openStory(page, draft.id);
          await page.getByRole('button', { name: 'Delete', exact: true }).click();
          const confirm = page.getByRole('dialog', { name: 'Delete this draft?' });
          await checkAxe(page, 'delete draft');
          await screenshot('delete');
          await confirm.getByRole('button', { name: 'Delete draft' }).click();
          await page.getByRole('heading', { name: 'Story budget' }).waitFor();
          expect([404, 410]).toContain((await admin.call('GET', `/articles/${draft.id}`)).status);
        } finally {
          await context.close();
        }
      });
    });
  }
});
