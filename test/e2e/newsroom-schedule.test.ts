import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest';
import type { Dialect } from '../../src/platform/database/database.js';
import { RESULTS } from '../support/browser.js';
import { journeyDialects } from '../support/databases.js';
import {
  type Api,
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  screenshots,
  shows,
  signIn,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import type { Started } from '../support/processes.js';

/**
 * Journey 3 of issue 13, in Chromium on the real server (SQLite and PostgreSQL at once): the paper runs on New York
 * time while the editor's computer is in Tokyo (and the server in UTC). The editor opens an article in review,
 * edits it, and schedules it a minute or so ahead, typing the time on New York's clocks; the server's own
 * worker puts it live at that time; the editor adds a correction; the reader page, the RSS feeds and the search
 * page show it. The wait for the worker is bounded (the scheduled time is at most 80 s ahead).
 */

const PAPER_ZONE = 'America/New_York';
const EDITOR = { email: 'eli.editor@example.com', name: 'Eli Editor', password: 'a long editor passphrase' };
const HEADLINE = 'Night ferry returns to the island timetable';
const SLUG = 'night-ferry-returns-to-the-island-timetable';
const EDIT = 'Tickets cost four dollars, as before.';
const CORRECTION = 'An earlier version of this article gave the wrong departure pier.';

/** The date and time an instant shows on New York's clocks, as the dialog's inputs take them. */
function newYorkWall(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: PAPER_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The instant a New York date and time mean (its offset is -4 or -5 hours; the one that reads back wins). */
function newYorkInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const found = [4, 5]
    .map((hours) => new Date(Date.UTC(y, m - 1, d, h + hours, min)))
    .find((at) => newYorkWall(at).date === date && newYorkWall(at).time === time);
  if (!found) throw new Error(`${date} ${time} is not a New York time`);
  return found;
}

describe.skipIf(!hasChromium)(
  'newsroom journey 3 in Chromium: schedule in the paper’s time zone',
  JOURNEY_RETRY,
  () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    // Both databases at once: most of each journey is the wait for the scheduled minute, up to 80 s.
    for (const dialect of journeyDialects('postgres')) {
      it.concurrent(`${dialect}: journey 3: an editor schedules an article in New York time; it goes live; a correction follows it everywhere`, {
        timeout: 420_000,
      }, async ({ expect }) => {
        const running = await startNewsroomServer(dialect, [{ ...EDITOR, role: 'editor' }]);
        try {
          await journey(expect, browser, dialect, running.server, running.admin);
        } finally {
          await running.stop();
        }
      });
    }
  },
);

// Concurrent tests must use the test's own expect (vitest: expect.poll and snapshots find their test by it).
async function journey(
  expect: ExpectStatic,
  browser: Browser,
  dialect: Dialect,
  server: Started,
  admin: Api,
): Promise<void> {
  // The scene: the paper on New York time, an article waiting in review.
  const zone = await admin.call('PATCH', '/settings', { 'publication.timezone': PAPER_ZONE });
  expect(zone.status).toBe(200);
  const created = await admin.call('POST', '/articles', {
    headline: HEADLINE,
    dek: 'The late crossing is back from Monday.',
    section: 'world',
    bodyMarkdown: 'The last boat of the night will leave the town quay at eleven again from Monday.',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const { id } = created.json;
  expect((await admin.call('POST', `/articles/${id}/submit`, { revision: 1 })).json.status).toBe('in_review');

  // A computer in Tokyo: whatever it shows must be New York time.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  const screenshot = screenshots(page, dialect, 'schedule');
  try {
    await signIn(page, server.baseUrl, EDITOR);
    const inReview = page.locator('.budget-group', {
      has: page.getByRole('heading', { name: 'In review' }),
    });
    await inReview.getByRole('link', { name: HEADLINE }).waitFor();
    await screenshot('budget-in-review');
    await inReview.getByRole('link', { name: HEADLINE }).click();
    await page.waitForURL(/\/newsroom\/story\/[^/]+$/);
    const status = page.getByRole('status');
    await shows(status, 'Saved');

    // The edit: a sentence more in the body.
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${EDIT}`);
    await shows(status, 'Saved', 10_000);

    // An embargo until 06:00 tomorrow, New York time: Publish is refused, and the server says why by the field.
    const tomorrow = newYorkWall(new Date(Date.now() + 30 * 3_600_000)).date;
    await page.getByLabel('Embargo date').fill(tomorrow);
    await page.getByLabel('Embargo time').fill('06:00');
    await shows(status, 'Saved', 10_000);
    const embargoed = (await admin.call('GET', `/articles/${id}`)).json as unknown as {
      embargoUntil: string;
    };
    expect(embargoed.embargoUntil).toBe(newYorkInstant(tomorrow, '06:00').toISOString());
    await page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Publish' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish this article' });
    await expect
      .poll(() => publish.getByRole('list', { name: 'Pre-publish checks' }).textContent())
      .toMatch(/✗ Embargo until .*, 06:00 E[SD]T/);
    await publish.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(() => publish.getByRole('alert').textContent()).toMatch(/^Embargoed until /);
    await publish.getByRole('button', { name: 'Cancel' }).click();
    await publish.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('#embargo-error').textContent())
      .toMatch(/^Embargoed until .* 06:00 America\/New_York time/);
    expect((await admin.call('GET', `/articles/${id}`)).json.status).toBe('in_review');
    await checkAxe(page, 'editor with a refused publish');
    await screenshot('embargo-refused');
    // The field itself, with the server's words beside it (the sticky bar covers it in a full-page shot).
    await page.locator('.embargo-field').screenshot({
      path: path.join(RESULTS, `newsroom-${dialect}-schedule-embargo-field-1280.png`),
    });
    await page.getByRole('button', { name: 'Lift embargo' }).click();
    await shows(status, 'Saved', 10_000);
    expect(
      ((await admin.call('GET', `/articles/${id}`)).json as unknown as { embargoUntil: null }).embargoUntil,
    ).toBeNull();

    // Schedule: between 20 and 80 seconds ahead, on a whole minute, typed on New York's clocks.
    const target = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
    const wall = newYorkWall(target);
    await page.getByRole('group', { name: 'Workflow' }).getByRole('button', { name: 'Schedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule publication' });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.locator('#schedule-zone').textContent())
      .toMatch(/^Times are New York time \(E[SD]T\), the paper’s time\.$/);
    await dialog.getByLabel('Date').fill(wall.date);
    await dialog.getByLabel('Time').fill(wall.time);
    await expect
      .poll(() => dialog.locator('#schedule-means').textContent())
      .toMatch(new RegExp(`^Goes live .*, ${wall.time} E[SD]T\\.$`));
    await checkAxe(page, 'schedule dialog');
    await screenshot('schedule-dialog');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.waitFor({ state: 'detached' });
    await shows(page.locator('.story-head .status'), 'Scheduled');
    // The last save's time is on the paper's clock too, not Tokyo's.
    expect(await page.locator('.saved-at').textContent()).toMatch(/^last saved .*, \d{2}:\d{2} E[SD]T$/);
    const scheduled = await admin.call('GET', `/articles/${id}`);
    expect(scheduled.json.status).toBe('scheduled');
    // The instant the typed New York time means, not Tokyo's or the server's.
    expect((scheduled.json as unknown as { scheduledAt: string }).scheduledAt).toBe(target.toISOString());
    await screenshot('scheduled');

    // The server's worker puts it live at that time; the wait is bounded.
    await expect
      .poll(async () => (await admin.call('GET', `/articles/${id}`)).json.status, {
        timeout: Math.max(0, target.getTime() - Date.now()) + 30_000,
        interval: 1_000,
      })
      .toBe('published');
    const live = (await admin.call('GET', `/articles/${id}`)).json as unknown as {
      publishedAt: string;
    };
    expect(Date.parse(live.publishedAt)).toBeGreaterThanOrEqual(target.getTime());

    // The editor sees it live and adds a correction.
    await page.reload();
    await shows(page.locator('.story-head .status'), 'Published', 10_000);
    await page.getByRole('button', { name: 'Add correction' }).click();
    const correct = page.getByRole('dialog');
    await correct.getByLabel('Correction text').fill(CORRECTION);
    await correct.getByRole('button', { name: 'Publish correction' }).click();
    await correct.waitFor({ state: 'detached' });
    const corrections = page.getByRole('region', { name: 'Corrections' });
    await expect.poll(() => corrections.textContent()).toContain(CORRECTION);
    // Its time is shown on New York's clocks.
    expect(await corrections.textContent()).toMatch(/\d{2}:\d{2} E[SD]T/);
    await checkAxe(page, 'published article with a correction');
    await screenshot('corrected');

    // Readers: the RSS feed lists it (its link is the article page), the corrections feed has the correction.
    const feed = await (await fetch(`${server.baseUrl}/feed.xml`)).text();
    expect(feed).toContain(HEADLINE);
    const link = feed.match(new RegExp(`<link>([^<]*/${SLUG})</link>`))?.[1];
    expect(link, 'the article’s link in the feed').toBeTruthy();
    const correctionsFeed = await (await fetch(`${server.baseUrl}/corrections/feed.xml`)).text();
    expect(correctionsFeed).toContain(CORRECTION);

    const reader = await context.newPage();
    await reader.goto(new URL(new URL(link!).pathname, server.baseUrl).toString());
    await reader.getByRole('heading', { level: 1, name: HEADLINE }).waitFor();
    const text = await reader.locator('body').textContent();
    expect(text).toContain(EDIT);
    expect(text).toContain(CORRECTION);
    const readerShot = screenshots(reader, dialect, 'schedule-reader');
    await readerShot('article-page');

    await reader.goto(`${server.baseUrl}/search?q=${encodeURIComponent('night ferry timetable')}`);
    await reader.getByRole('link', { name: HEADLINE }).first().waitFor();
    await readerShot('search');
    await reader.close();
  } finally {
    await context.close();
  }
}
