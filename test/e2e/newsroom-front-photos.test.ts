import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePhoto, xmpPacket } from '../../src/capabilities/media/media-samples.js';
import { RESULTS } from '../support/browser.js';
import { journeyDialects } from '../support/databases.js';
import {
  type Api,
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  shows,
  signIn,
  startNewsroomServer,
} from '../support/newsroom-browser.js';

/**
 * The front page and the photo library in Chromium on the real server (SQLite, then PostgreSQL), issue 16:
 * an editor reorders the top stories by keyboard and by dragging, and the reader home page shows the new
 * order on the next request; a stale save shows both orders. An admin uploads three photos at once, fixes
 * a credit, and the article pages that use the photo show the new credit; deleting it is refused in words.
 * Screenshots at 1280 and 1024 px: test-results/newsroom-front-page-*.png and newsroom-photos-*.png.
 */

const EDITOR = {
  email: 'fia.front@example.com',
  name: 'Fia Front',
  password: 'a long front page passphrase',
};
const ADMIN = { email: 'pim.photo@example.com', name: 'Pim Photo', password: 'a long photo desk passphrase' };

/** Waits on the server: the machine that runs CI is shared and slow at times. */
const slow = { timeout: 10_000 };

/** Full-page screenshots at both widths, named for the screen. */
function shots(page: Page, screen: 'front-page' | 'photos', dialect: string) {
  let n = 0;
  return async (name: string) => {
    n += 1;
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      const file = `newsroom-${screen}-${dialect}-${String(n).padStart(2, '0')}-${name}-${width}.png`;
      await page.screenshot({ path: path.join(RESULTS, file), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
}

/** The headlines in the order the reader home page shows them first. */
function orderOn(html: string, headlines: string[]): string[] {
  return [...headlines].sort((a, b) => html.indexOf(asHtml(a)) - html.indexOf(asHtml(b)));
}
const asHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

describe.skipIf(!hasChromium)('newsroom front page and photos in Chromium', JOURNEY_RETRY, () => {
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
      let admin: Api;
      let baseUrl: string;

      beforeAll(async () => {
        running = await startNewsroomServer(dialect, [
          { ...EDITOR, role: 'editor' },
          { ...ADMIN, role: 'admin' },
        ]);
        admin = running.admin;
        baseUrl = running.server.baseUrl;
      }, 120_000);

      afterAll(async () => {
        await running?.stop();
      });

      const home = async () => (await fetch(`${baseUrl}/`)).text();

      it('reorders the front page by keyboard and by dragging; the home page follows at once', {
        timeout: 180_000,
      }, async () => {
        const published = (await admin.call('GET', '/articles?status=published&limit=3')).json as unknown as {
          items: { id: string; headline: string }[];
        };
        const [a, b, c] = published.items as [
          { id: string; headline: string },
          { id: string; headline: string },
          { id: string; headline: string },
        ];
        const start = (await admin.call('GET', '/front-page')).json as unknown as { revision: number };
        const arranged = await admin.call('PUT', '/front-page', {
          revision: start.revision,
          articleIds: [a.id, b.id, c.id],
        });
        expect(arranged.status).toBe(200);
        const headlines = [a.headline, b.headline, c.headline];
        expect(orderOn(await home(), headlines)).toEqual(headlines);

        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = shots(page, 'front-page', dialect);
        await signIn(page, baseUrl, EDITOR);
        await page
          .getByRole('navigation', { name: 'Newsroom' })
          .getByRole('link', { name: 'Front page' })
          .click();
        await page.getByRole('heading', { name: 'Front page', level: 1 }).waitFor();
        const list = page.getByRole('grid', { name: 'Top stories' });
        const rows = list.getByRole('row');
        const order = async () =>
          (await rows.locator('.pick-headline').allTextContents()).map((t) => t.trim());
        await expect.poll(order, slow).toEqual(headlines);
        // The home page as readers see it, in its frame.
        const frame = page.frameLocator('iframe.preview-frame');
        await frame.locator('body').waitFor();
        await expect.poll(() => page.locator('.preview-status').textContent(), slow).toMatch(/Up to date/);
        await checkAxe(page, 'front page');
        await screenshot('start');

        // By keyboard: the first story's handle, Enter, down one place (past the second), Enter.
        await rows.first().focus();
        await page.keyboard.press('ArrowRight');
        await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
          `Move “${a.headline}”`,
        );
        await page.keyboard.press('Enter');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await expect.poll(order).toEqual([b.headline, a.headline, c.headline]);
        await expect
          .poll(() => page.locator('.front-page-editor [role="status"]').textContent())
          .toBe(`“${a.headline}” moved to position 2 of 3.`);
        await screenshot('moved-by-keyboard');
        await page.getByRole('button', { name: 'Save order' }).click();
        await expect
          .poll(() => page.locator('.front-page-editor [role="status"]').textContent(), slow)
          .toMatch(/^Saved/);
        // The next request to the home page has the new order.
        expect(orderOn(await home(), headlines)).toEqual([b.headline, a.headline, c.headline]);

        // By dragging with the mouse: the third story's row onto the top edge of the first.
        await rows
          .nth(2)
          .locator('.pick-headline')
          .dragTo(rows.first(), { targetPosition: { x: 120, y: 2 } });
        await expect.poll(order).toEqual([c.headline, b.headline, a.headline]);
        await page.getByRole('button', { name: 'Save order' }).click();
        await expect
          .poll(() => page.locator('.front-page-editor [role="status"]').textContent(), slow)
          .toMatch(/^Saved/);
        expect(orderOn(await home(), headlines)).toEqual([c.headline, b.headline, a.headline]);
        // The preview in the frame was asked for again after the save: the lead is the new first story.
        await expect
          .poll(async () => orderOn((await frame.locator('body').innerHTML()) ?? '', headlines)[0], {
            timeout: 10_000,
          })
          .toBe(c.headline);
        await screenshot('saved-after-drag');

        // Someone else saves meanwhile: this editor's save shows both orders, and theirs can stand or not.
        const now = (await admin.call('GET', '/front-page')).json as unknown as { revision: number };
        expect(
          (await admin.call('PUT', '/front-page', { revision: now.revision, articleIds: [a.id, c.id] }))
            .status,
        ).toBe(200);
        await rows
          .first()
          .getByRole('button', { name: `Remove “${c.headline}”` })
          .click();
        await expect.poll(order).toEqual([b.headline, a.headline]);
        await page.getByRole('button', { name: 'Save order' }).click();
        const stale = page.locator('.stale-save');
        await stale.waitFor({ timeout: 30_000 }).catch(async (error) => {
          await page.screenshot({
            path: path.join(RESULTS, `newsroom-front-page-${dialect}-stale-failed.png`),
          });
          throw error;
        });
        expect(
          await stale
            .getByRole('list', { name: /^Their order/ })
            .getByRole('listitem')
            .allTextContents(),
        ).toEqual([a.headline, c.headline]);
        expect(
          await stale
            .getByRole('list', { name: 'Your order, not saved' })
            .getByRole('listitem')
            .allTextContents(),
        ).toEqual([b.headline, a.headline]);
        await checkAxe(page, 'front page stale save');
        await screenshot('stale-save');
        await stale.getByRole('button', { name: 'Save my order instead' }).click();
        await stale.waitFor({ state: 'detached', timeout: 10_000 });
        await expect.poll(order, slow).toEqual([b.headline, a.headline]);
        expect(orderOn(await home(), [a.headline, b.headline])).toEqual([b.headline, a.headline]);
        await context.close();
      });

      it('uploads three photos at once, fixes a credit, and the articles show it; refuses to delete it', {
        timeout: 180_000,
      }, async () => {
        const stamp = `${dialect}-${Date.now()}`;
        const photos = await Promise.all(
          ['Harbour cranes at dawn', 'Ferry at the quay', 'Council chamber'].map(async (caption, i) => ({
            name: `photo-${i + 1}.jpg`,
            mimeType: 'image/jpeg',
            buffer: await samplePhoto({
              width: 1200,
              height: 800,
              xmp: xmpPacket({
                caption: `${caption} ${stamp}`,
                credit: 'Agancy/Jane Doe',
                creators: ['Jane Doe'],
              }),
            }),
          })),
        );
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const screenshot = shots(page, 'photos', dialect);
        await signIn(page, baseUrl, ADMIN);
        await page
          .getByRole('navigation', { name: 'Newsroom' })
          .getByRole('link', { name: 'Photos' })
          .click();
        await page.getByRole('heading', { name: 'Photos', level: 1 }).waitFor();
        await checkAxe(page, 'photo library');

        // Three at once from the file picker, and a fake JPEG whose refusal is told in words.
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Choose photos' }).click();
        await (await chooser).setFiles([
          ...photos,
          { name: 'not-a-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some words') },
        ]);
        const uploads = page.getByRole('list', { name: 'Uploads' });
        for (const photo of photos)
          await expect
            .poll(() => uploads.getByRole('listitem').filter({ hasText: photo.name }).textContent(), {
              timeout: 30_000,
            })
            .toContain('Uploaded');
        const refused = uploads.getByRole('listitem').filter({ hasText: 'not-a-photo.jpg' });
        await expect.poll(() => refused.getByRole('alert').textContent(), slow).toMatch(/\w+ \w+/);
        expect(await refused.textContent()).toContain('Not uploaded');
        await screenshot('uploaded');

        // Two articles run the harbour photo, with no credit of their own: the photo's shows.
        const found = (
          await admin.call('GET', `/media?q=${encodeURIComponent(`Harbour cranes at dawn ${stamp}`)}`)
        ).json as unknown as { items: { id: string }[] };
        expect(found.items).toHaveLength(1);
        const mediaId = found.items[0]!.id;
        const sections = (await admin.call('GET', '/sections')).json as unknown as {
          sections: { path: string }[];
        };
        const pages: string[] = [];
        for (const headline of ['Cranes return to the harbour', 'The harbour at dawn']) {
          const made = await admin.call('POST', '/articles', {
            headline: `${headline} ${stamp}`,
            section: sections.sections[0]!.path,
            access: 'free',
            bodyMarkdown: 'The cranes came back on Monday.',
            leadImage: { mediaId, alt: 'Cranes against the morning sky', caption: '', credit: '' },
          });
          expect(made.status).toBe(201);
          const done = (
            await admin.call('POST', `/articles/${made.json.id}/publish`, { revision: made.json.revision })
          ).json as unknown as { firstPublishedAt: string; slug: string };
          pages.push(`/${done.firstPublishedAt.slice(0, 10).replaceAll('-', '/')}/${done.slug}`);
        }
        const creditOn = async (url: string) =>
          (await (await fetch(`${baseUrl}${url}`)).text()).match(/<span class="credit">([^<]*)<\/span>/)?.[1];
        for (const url of pages) expect(await creditOn(url)).toBe('Agancy/Jane Doe');

        // Search by caption, open the photo, fix the credit.
        await page.getByRole('searchbox', { name: 'Search photos' }).fill(`Harbour cranes at dawn ${stamp}`);
        const library = page.getByRole('grid', { name: 'Library' });
        await expect.poll(() => library.getByRole('row').count(), slow).toBe(1);
        await library.getByRole('row').first().click();
        const credit = page.getByRole('textbox', { name: 'Credit' });
        await shows(credit, 'Agancy/Jane Doe');
        await expect.poll(() => page.locator('.used-in li').count(), slow).toBe(2);
        await credit.fill('Agency/Jane Doe');
        await page.getByRole('button', { name: 'Save credits' }).click();
        await expect
          .poll(() => page.locator('.photo-credits [role="status"]').textContent(), slow)
          .toMatch(/^Saved/);
        // The next request to each article page has the new credit.
        for (const url of pages) expect(await creditOn(url)).toBe('Agency/Jane Doe');
        expect(
          ((await admin.call('GET', `/media/${mediaId}`)).json as unknown as { credit: string }).credit,
        ).toBe('Agency/Jane Doe');

        // The focal point by a click on the photo: low right.
        const frame = page.locator('.focal-frame');
        const box = (await frame.boundingBox())!;
        await frame.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
        await expect
          .poll(
            async () =>
              (
                (await admin.call('GET', `/media/${mediaId}`)).json as unknown as {
                  focalPoint: { x: number };
                }
              ).focalPoint.x,
            slow,
          )
          .toBeCloseTo(0.75, 1);
        await expect
          .poll(() => page.locator('.crop-lead').getAttribute('style'), slow)
          .toMatch(/object-position: 75/);

        // Delete is refused while two articles use it, in the API's words.
        await page.getByRole('button', { name: 'Delete photo' }).click();
        await page.getByRole('button', { name: 'Delete for good' }).click();
        await expect
          .poll(() => page.locator('.photo-detail .form-error').textContent(), slow)
          .toBe('This photo runs in 2 articles; take it out of them first.');
        await checkAxe(page, 'photo detail');
        await screenshot('credit-fixed');
        // Keyboard: the search field, then the grid, reach the photo without a mouse.
        await page.getByRole('searchbox', { name: 'Search photos' }).focus();
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
        await context.close();
      });
    });
  }
});
