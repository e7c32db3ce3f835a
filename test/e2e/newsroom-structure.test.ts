import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
  signIn,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';

/**
 * Issue 16's structure screens in Chromium on the real server (SQLite, then PostgreSQL), by keyboard where
 * it matters: a child section is added and the tree reordered; two tags are merged (a slow, failed first try
 * keeps focus in the dialog, sends once, and Escape still closes it) and the old tag address leads a reader
 * to the survivor (301); a tag's deletion is refused in words while an article carries it and
 * done once none does; an author's bio is edited and the author page shows it; a failed
 * webhook delivery is redelivered to a real receiver; the corrections log links to its article. Each screen
 * is checked by axe and photographed at 1280 and 1024 px.
 */

const ADMIN = {
  email: 'sam.structure@example.com',
  name: 'Sam Structure',
  password: 'a long structure passphrase 1',
};

interface Json {
  [key: string]: unknown;
}

describe.skipIf(!hasChromium)('the paper’s structure in Chromium (issue 16)', JOURNEY_RETRY, () => {
  let browser: Browser;
  let receiver: http.Server;
  let answer = 500;
  const received: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    receiver = http.createServer((req, res) => {
      received.push(String(req.headers['x-masthead-delivery']));
      req.resume();
      req.on('end', () => res.writeHead(answer).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  for (const dialect of journeyDialects('sqlite')) {
    describe(dialect, () => {
      let running: NewsroomServer | undefined;
      let server: Started;
      let admin: Api;
      const call = async (method: string, url: string, body?: unknown) =>
        (await admin.call(method, url, body)) as unknown as { status: number; json: Json };

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [{ ...ADMIN, role: 'admin' }], {
          MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true',
        });
        ({ server, admin } = running);
        for (const [headline, tag] of [
          ['Harbour walls rebuilt', 'Harbour works'],
          ['Harbor dredging begins', 'Harbor works'],
        ] as const) {
          const made = await call('POST', '/articles', {
            headline,
            section: 'world',
            access: 'free',
            tags: [tag],
            bodyMarkdown: 'The quay reopens in spring.',
          });
          expect(made.status).toBe(201);
          const live = await call('POST', `/articles/${made.json.id}/publish`, {
            revision: made.json.revision,
          });
          expect(live.status).toBe(200);
        }
      }, 180_000);

      afterAll(async () => {
        await running?.stop();
      });

      async function openScreen(page: Page, link: string) {
        await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: link }).click();
        await page.getByRole('heading', { level: 1, name: link }).waitFor();
      }

      it('adds a child section and reorders the tree by keyboard', { timeout: 180_000 }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'sections');
        try {
          await signIn(page, server.baseUrl, ADMIN);
          await openScreen(page, 'Sections');
          const tree = page.getByRole('list', { name: 'Section tree' });
          await tree.getByRole('listitem').first().waitFor();

          await page.getByLabel('New section name').fill('Harbours');
          await page.getByRole('button', { name: /Parent section/ }).press('Enter');
          await page.getByRole('option', { name: /^World$/ }).press('Enter');
          await page.getByRole('button', { name: 'Add section' }).press('Enter');
          await tree.getByText('/section/world/harbours').waitFor();
          const sections = async () =>
            (await call('GET', '/sections')).json.sections as {
              name: string;
              parentId: string | null;
              path: string;
            }[];
          const harbours = (await sections()).find((s) => s.path === 'world/harbours');
          expect(harbours?.parentId).toEqual(expect.any(String));

          // The top sections' order, then the first moved down with the keyboard.
          const tops = async () => (await sections()).filter((s) => s.parentId === null).map((s) => s.name);
          const before = await tops();
          expect(before.length).toBeGreaterThan(1);
          await page.getByRole('button', { name: `Move ${before[0]} down` }).focus();
          await page.keyboard.press('Enter');
          await expect.poll(tops).toEqual([before[1], before[0], ...before.slice(2)]);
          await expect.poll(() => tree.locator(':scope > li strong').first().textContent()).toBe(before[1]);

          // Delete is refused while the section is in use, in words beside it.
          await page.getByRole('button', { name: 'Delete World' }).press('Enter');
          await tree
            .getByRole('alert')
            .getByText(/cannot be deleted/)
            .waitFor();
          await checkAxe(page, 'sections');
          await screenshot('tree');
        } finally {
          await context.close();
        }
      });

      it('merges two tags, and the old address leads a reader to the survivor; deletes a tag once unused', {
        timeout: 180_000,
      }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'tags');
        try {
          await signIn(page, server.baseUrl, ADMIN);
          await openScreen(page, 'Sections');
          await page
            .getByRole('navigation', { name: 'Structure' })
            .getByRole('link', { name: 'Tags' })
            .click();
          await page.getByRole('heading', { level: 1, name: 'Tags' }).waitFor();
          await page.getByLabel('Search tags').fill('harb');
          const tags = page.getByRole('list', { name: 'Tags' });
          await tags.getByText('Harbor works').waitFor();
          await tags.getByText('Harbour works').waitFor();
          await checkAxe(page, 'tags');
          await screenshot('list');

          await page.getByRole('button', { name: 'Merge Harbor works' }).press('Enter');
          const dialog = page.getByRole('dialog', { name: 'Merge Harbor works' });
          await dialog.getByLabel('Find the surviving tag').fill('harbour');
          await dialog.getByRole('button', { name: /Merge into/ }).press('Enter');
          await page.getByRole('option', { name: /Harbour works/ }).press('Enter');
          await checkAxe(page, 'tag merge dialog');
          await screenshot('merge');

          // A slow request that then fails keeps the keyboard in the dialog: Merge tags is busy, not disabled
          // (a disabled button drops focus to <body>, and Escape with it); a second Enter sends nothing more.
          const mergeTags = dialog.getByRole('button', { name: 'Merge tags' });
          const isMerge = (url: URL) => url.pathname.endsWith('/merge');
          let merges = 0;
          let release = () => {};
          const released = new Promise<void>((resolve) => {
            release = resolve;
          });
          await page.route(isMerge, async (route) => {
            merges += 1;
            await released;
            await route.fulfill({
              status: 503,
              contentType: 'application/json',
              body: JSON.stringify({
                error: { code: 'UNAVAILABLE', message: 'The tags are busy: try again.' },
              }),
            });
          });
          const focusInDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
          await mergeTags.press('Enter');
          await expect.poll(() => mergeTags.getAttribute('aria-disabled')).toBe('true');
          expect(await focusInDialog()).toBe(true);
          await page.keyboard.press('Enter');
          release();
          await dialog.getByText('The tags are busy: try again.').waitFor();
          expect(merges).toBe(1);
          // Busy until the refetch that follows the refusal (onSettled) is in.
          await expect.poll(() => mergeTags.getAttribute('aria-disabled')).toBeNull();
          expect(await focusInDialog()).toBe(true);
          await page.unroute(isMerge);
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });

          await page.getByRole('button', { name: 'Merge Harbor works' }).press('Enter');
          await dialog.getByLabel('Find the surviving tag').fill('harbour');
          await dialog.getByRole('button', { name: /Merge into/ }).press('Enter');
          await page.getByRole('option', { name: /Harbour works/ }).press('Enter');
          await mergeTags.press('Enter');
          await dialog.waitFor({ state: 'detached' });
          await expect.poll(() => tags.getByText('Harbor works').count()).toBe(0);
          await tags.getByText('2 articles').waitFor();

          // The reader's side: a 301 to the surviving tag's page, which lists both articles.
          const old = await fetch(`${server.baseUrl}/tag/harbor-works`, { redirect: 'manual' });
          expect(old.status).toBe(301);
          expect(new URL(String(old.headers.get('location'))).pathname).toBe('/tag/harbour-works');
          const reader = await context.newPage();
          await reader.goto(`${server.baseUrl}/tag/harbor-works`);
          expect(new URL(reader.url()).pathname).toBe('/tag/harbour-works');
          await reader.getByRole('heading', { level: 1, name: 'Harbour works' }).waitFor();
          await reader.getByRole('link', { name: 'Harbor dredging begins' }).waitFor();
          await reader.close();

          // Delete: refused in the API's words while a draft carries the tag, done once it no longer does.
          const draft = await call('POST', '/articles', {
            headline: 'Quay lamps inspected',
            section: 'world',
            access: 'free',
            tags: ['Quay lights', 'Quay repairs'],
            bodyMarkdown: 'Every lamp on the quay was checked.',
          });
          expect(draft.status).toBe(201);
          await page.getByLabel('Search tags').fill('quay');
          await tags.getByText('Quay repairs').waitFor();
          const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
          await page.getByRole('button', { name: 'Delete Quay lights' }).press('Enter');
          const confirm = page.getByRole('dialog', { name: 'Delete Quay lights?' });
          await confirm.getByRole('button', { name: 'Delete tag' }).press('Enter');
          await confirm
            .getByRole('alert')
            .getByText('"Quay lights" cannot be deleted: articles carry it. Remove it from them first.')
            .waitFor();
          await checkAxe(page, 'tag delete refused');
          await screenshot('delete-refused');
          await page.keyboard.press('Escape');
          await confirm.waitFor({ state: 'detached' });
          await expect.poll(focused).toBe('Delete Quay lights');
          expect(
            (
              await call('PATCH', `/articles/${draft.json.id}`, {
                revision: draft.json.revision,
                tags: ['Quay repairs'],
              })
            ).status,
          ).toBe(200);
          await page.keyboard.press('Enter');
          await checkAxe(page, 'tag delete dialog');
          await screenshot('delete');
          await confirm.getByRole('button', { name: 'Delete tag' }).press('Enter');
          await confirm.waitFor({ state: 'detached' });
          await expect.poll(() => tags.getByText('Quay lights').count()).toBe(0);
          // Its row is gone, so focus moves on to the next tag's Delete rather than falling out of the page.
          await expect.poll(focused).toBe('Delete Quay repairs');
          const left = (await call('GET', '/tags?q=quay')).json.tags as { name: string }[];
          expect(left.map((t) => t.name)).toEqual(['Quay repairs']);
        } finally {
          await context.close();
        }
      });

      it('edits an author bio that the author page then shows', { timeout: 180_000 }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'authors');
        try {
          // An author with a page: one credited on a published article of the demo edition.
          const authors = (await call('GET', '/authors')).json.authors as { name: string; slug: string }[];
          let author: { name: string; slug: string } | undefined;
          for (const a of authors) {
            if ((await fetch(`${server.baseUrl}/by/${a.slug}`)).status === 200) {
              author = a;
              break;
            }
          }
          expect(author).toBeDefined();
          const bio = `${author!.name} covers the harbour and its people.`;
          await signIn(page, server.baseUrl, ADMIN);
          await openScreen(page, 'Sections');
          await page
            .getByRole('navigation', { name: 'Structure' })
            .getByRole('link', { name: 'Authors' })
            .click();
          await page.getByRole('heading', { level: 1, name: 'Authors' }).waitFor();
          await checkAxe(page, 'authors');
          await screenshot('list');
          await page.getByRole('button', { name: `Edit ${author!.name}` }).press('Enter');
          const dialog = page.getByRole('dialog', { name: `Edit ${author!.name}` });
          await dialog.getByLabel('Bio').fill(bio);
          // A link that is not https is refused beside the links, before anything is sent.
          await dialog.getByRole('button', { name: 'Add link' }).press('Enter');
          await dialog.getByLabel('Link 1 label').fill('Website');
          await dialog.getByLabel('Link 1 address').fill('http://example.com');
          await dialog.getByRole('button', { name: 'Save' }).press('Enter');
          await dialog.getByText(/is not an https address/).waitFor();
          await checkAxe(page, 'author dialog');
          await screenshot('edit');
          await dialog.getByLabel('Link 1 address').fill('https://example.com/harbour');
          await dialog.getByRole('button', { name: 'Save' }).press('Enter');
          await dialog.waitFor({ state: 'detached' });

          await expect
            .poll(async () => (await fetch(`${server.baseUrl}/by/${author!.slug}`)).text(), {
              timeout: 10_000,
            })
            .toContain(bio);
          const reader = await context.newPage();
          await reader.goto(`${server.baseUrl}/by/${author!.slug}`);
          await reader.getByText(bio).waitFor();
          await reader.getByRole('link', { name: 'Website' }).waitFor();
          await reader.close();
        } finally {
          await context.close();
        }
      });

      it('adds a webhook, shows its secret once, and redelivers a failed delivery', {
        timeout: 180_000,
      }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'webhooks');
        const { port } = receiver.address() as AddressInfo;
        const url = `http://127.0.0.1:${port}/${dialect}`;
        try {
          answer = 500;
          received.length = 0;
          await signIn(page, server.baseUrl, ADMIN);
          await openScreen(page, 'Webhooks');
          await page.getByRole('button', { name: 'New webhook' }).press('Enter');
          const dialog = page.getByRole('dialog', { name: 'New webhook' });
          await dialog.getByLabel('URL').fill(url);
          await dialog.getByRole('button', { name: 'Add webhook' }).press('Enter');
          const added = page.getByRole('dialog', { name: 'Webhook added' });
          await added.getByText(/^whsec_/).waitFor();
          await added.getByRole('button', { name: 'Done' }).press('Enter');

          const made = await call('POST', '/articles', {
            headline: 'Lock gates tested',
            section: 'world',
            access: 'free',
            bodyMarkdown: 'The gates held.',
          });
          await call('POST', `/articles/${made.json.id}/publish`, { revision: made.json.revision });
          await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);

          answer = 200;
          await page.reload();
          await page.getByRole('button', { name: `Delivery log of ${url}` }).press('Enter');
          const log = page.getByRole('table', { name: `Deliveries to ${url}` });
          await log.getByText('HTTP 500').waitFor();
          await checkAxe(page, 'webhooks');
          await screenshot('log');
          await log.getByRole('button', { name: /^Redeliver article.published/ }).press('Enter');
          await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
          expect(received[1]).toBe(received[0]);
          await page.reload();
          await page.getByRole('button', { name: `Delivery log of ${url}` }).press('Enter');
          await page
            .getByRole('table', { name: `Deliveries to ${url}` })
            .getByText('delivered')
            .waitFor();
          await screenshot('redelivered');
        } finally {
          await context.close();
        }
      });

      it('lists the corrections log, each linking to its article', { timeout: 180_000 }, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = screenshots(page, dialect, 'corrections');
        try {
          const list = (await call('GET', '/articles?status=published&limit=1')).json.items as {
            id: string;
            headline: string;
          }[];
          const article = list[0]!;
          const text = 'An earlier version of this article misstated the height of the lock gates.';
          expect(
            (await call('POST', `/articles/${article.id}/corrections`, { kind: 'correction', text })).status,
          ).toBe(201);
          await signIn(page, server.baseUrl, ADMIN);
          await openScreen(page, 'Corrections');
          const log = page.getByRole('list', { name: 'Corrections log' });
          await log.getByText(text).waitFor();
          await checkAxe(page, 'corrections');
          await screenshot('log');
          await log.getByRole('link', { name: article.headline }).first().press('Enter');
          await page.waitForURL(new RegExp(`/newsroom/story/${article.id}`));
        } finally {
          await context.close();
        }
      });
    });
  }
});
