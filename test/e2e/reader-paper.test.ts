import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, JOURNEY_RETRY, launchChromium, loadEveryPicture, RESULTS } from '../support/browser.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';

/**
 * Issue 14 in Chromium on the real server (SQLite, the demo edition with its photos): section, tag
 * and author pages with pictures, the article page, and the wall's prompt, at 375 and 1280 px, light
 * and dark, axe-clean, screenshots in test-results/reader-paper-*.png. The wall's rule on a
 * two-paragraph and a twenty-paragraph article, and the prompt's count, asserted in the page.
 */

const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

const paragraphs = (count: number, unique: string) =>
  Array.from({ length: count }, (_, i) =>
    i === count - 1
      ? `The last paragraph names ${unique}, which a reader past the wall never receives.`
      : `Paragraph ${i + 1}: councillors heard from residents, the harbour master and the ferry operators about the winter timetable.`,
  ).join('\n\n');

describe.skipIf(!hasChromium)("the reader's paper in Chromium", JOURNEY_RETRY, () => {
  let database: ProcessDatabase;
  let server: Started;
  let browser: Browser;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    database = await processDatabase('sqlite');
    server = await startServer({ ...database.env, PORT: String(await freePort()) });
    browser = await launchChromium();
    const { api, headers } = await signInAsDemoOwner(server);
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(`${api}${url}`, { method, headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    await call('PATCH', '/settings', { 'wall.free_articles_per_month': 1 });
    for (const [name, count, word] of [
      ['brief', 2, 'Quillhaven'],
      ['long', 20, 'Marrowgate'],
    ] as const) {
      const made = await call('POST', '/articles', {
        headline:
          name === 'brief'
            ? 'Ferry Strike Ends After Two Days'
            : 'What the Harbour Budget Means for Every Household',
        dek: 'The council set out its plans on Tuesday.',
        dateline: 'PORTSMOUTH, England',
        section: 'world',
        access: 'metered',
        bodyMarkdown: paragraphs(count, word),
      });
      const done = await call('POST', `/articles/${made.id}/publish`, { revision: made.revision });
      urls[name] = `/${String(done.firstPublishedAt).slice(0, 10).replaceAll('-', '/')}/${done.slug}`;
    }
    // An author page with a bio, a portrait and links.
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    const lead = home.match(/<a href="(\/\d{4}\/[^"]+)">Alliance Chief Visits Capital/)![1]!;
    const leadHtml = await (await fetch(`${server.baseUrl}${lead}`)).text();
    const authorPath = leadHtml.match(/href="(\/by\/[^"]+)"/)![1]!;
    const found = await (await fetch(`${api}/authors?q=${authorPath.slice(4)}`, { headers })).json();
    const author = (found as { authors: { id: string; slug: string }[] }).authors.find(
      (a) => `/by/${a.slug}` === authorPath,
    )!;
    await call('PATCH', `/authors/${author.id}`, {
      bio: 'Covers the harbour, the council and the courts. Before joining the paper she reported from Lisbon and Rotterdam.',
      links: [
        { label: 'Website', url: 'https://example.org/reporter' },
        { label: 'Mastodon', url: 'https://social.example/@reporter' },
      ],
    });
    urls.author = authorPath;
    const section = home.match(/href="(\/section\/[^"]+)"/)![1]!;
    urls.section = section;
    // The demo's lead story: a photo, a dateline, tags, related articles.
    const article = home.match(/<a href="(\/\d{4}\/[^"]+)">Alliance Chief Visits Capital/)![1]!;
    urls.article = article;
    const articleHtml = await (await fetch(`${server.baseUrl}${article}`)).text();
    urls.tag = articleHtml.match(/href="(\/tag\/[^"]+)"/)![1]!;
    // The photo desk's variants are made by the worker: wait until a list shows responsive pictures.
    for (let i = 0; i < 60; i++) {
      const page = await (await fetch(`${server.baseUrl}${section}`)).text();
      if (page.includes('<source type="image/avif"')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await database?.cleanup();
  });

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${server.baseUrl}${url}`, { waitUntil: 'load' });
    expect(response?.status(), url).toBe(200);
    await loadEveryPicture(page);
    return page;
  }

  async function expectNoViolations(page: Page, label: string) {
    const result = await new AxeBuilder({ page }).analyze();
    const problems = result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
    expect(problems, label).toEqual([]);
  }

  /** Layout shift over the page's load and lazy pictures arriving: none. */
  async function layoutShift(page: Page): Promise<number> {
    return page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as unknown as {
              value: number;
              hadRecentInput: boolean;
            }[]) {
              if (!entry.hadRecentInput) total += entry.value;
            }
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 300);
        }),
    );
  }

  for (const name of ['section', 'tag', 'author', 'article'] as const) {
    it(`${name} page at 375 and 1280 px, light and dark: pictures, axe clean, no shift, screenshots`, {
      timeout: 120_000,
    }, async () => {
      for (const width of WIDTHS) {
        for (const colorScheme of SCHEMES) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
          const page = await open(context, urls[name]!);
          const label = `${name} ${width} ${colorScheme}`;
          expect(await page.locator('h1').count(), label).toBe(1);
          const pictures = page.locator('.card-picture img');
          if (name !== 'article') expect(await pictures.count(), label).toBeGreaterThan(0);
          for (const img of await pictures.all()) {
            expect(await img.getAttribute('loading')).toBe('lazy');
            expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
            expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
            expect(await img.getAttribute('alt')).toBeTruthy();
          }
          if (name === 'author') {
            await expect(page.getByRole('link', { name: 'Mastodon' }).getAttribute('href')).resolves.toBe(
              'https://social.example/@reporter',
            );
          }
          await expectNoViolations(page, label);
          expect(await layoutShift(page), label).toBe(0);
          await page.screenshot({
            path: path.join(RESULTS, `reader-paper-${name}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
          await context.close();
        }
      }
    });
  }

  it('shows the Share button only where the browser has the Web Share API, and hands it the article', {
    timeout: 60_000,
  }, async () => {
    const address = `${server.baseUrl}${urls.article}`;
    // A phone's browser: navigator.share exists (stubbed, recording what it is handed).
    const phone = await browser.newContext({ viewport: { width: 375, height: 900 } });
    await phone.addInitScript(() => {
      const calls: unknown[] = [];
      Object.assign(window, { shared: calls });
      Object.defineProperty(navigator, 'share', {
        value: (data: unknown) => {
          calls.push(data);
          return Promise.resolve();
        },
      });
    });
    const page = await phone.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(address, { waitUntil: 'load' });
    const share = page.getByRole('button', { name: 'Share…' });
    await expect(share.isVisible()).resolves.toBe(true);
    // By keyboard: Tab reaches it after the links, Enter opens the share sheet.
    await share.focus();
    await page.keyboard.press('Enter');
    const handed = await page.evaluate(() => (window as unknown as { shared: unknown[] }).shared);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toMatch(new RegExp(`^https?://[^/]+${urls.article}$`));
    expect(handed).toEqual([
      { title: 'Alliance Chief Visits Capital for First Time Since War Began', url: canonical },
    ]);
    expect(refused, 'the policy lets the one script run').toEqual([]);
    expect(await layoutShift(page)).toBe(0);
    await expectNoViolations(page, 'share button');
    await page.locator('.share').screenshot({ path: path.join(RESULTS, 'reader-paper-share-375.png') });
    await phone.close();
    // A browser without it (Chromium on Linux): the button stays hidden, the links are all there.
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const plain = await desktop.newPage();
    await plain.goto(address, { waitUntil: 'load' });
    const hasShare = await plain.evaluate(() => typeof navigator.share === 'function');
    await expect(plain.getByRole('button', { name: 'Share…' }).isVisible()).resolves.toBe(hasShare);
    await expect(plain.getByRole('link', { name: 'WhatsApp' }).isVisible()).resolves.toBe(true);
    await desktop.close();
    // No script at all: hidden, and the links and "Copy link" work as HTML.
    const noScript = await browser.newContext({
      viewport: { width: 375, height: 900 },
      javaScriptEnabled: false,
    });
    const bare = await noScript.newPage();
    await bare.goto(address, { waitUntil: 'load' });
    await expect(bare.getByRole('button', { name: 'Share…' }).count()).resolves.toBe(0);
    await bare.getByText('Copy link').click();
    await expect(bare.getByRole('textbox', { name: 'Link to this article' }).inputValue()).resolves.toBe(
      canonical,
    );
    await noScript.close();
  });

  it('walls a two-paragraph article after one paragraph and a twenty-paragraph one after five; the prompt counts', {
    timeout: 120_000,
  }, async () => {
    for (const width of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        // The month's one free article: read whole.
        const first = await open(context, urls.long!);
        expect(await first.locator('.article-body p').count()).toBe(20);
        await first.close();
        const brief = await open(context, urls.brief!);
        expect(await brief.locator('.article-body > p').count()).toBe(1);
        expect(await brief.content()).not.toContain('Quillhaven');
        const prompt = brief.getByRole('region', { name: 'Sign in or create a free account' });
        await expect(prompt.locator('.wall-count').textContent()).resolves.toMatch(
          /^You have read 1 of 1 free article this month\. Your free articles start again on \w+ 1\./,
        );
        await expect(brief.locator('.wall-continues').textContent()).resolves.toMatch(/the story continues/i);
        await expectNoViolations(brief, `wall ${width} ${colorScheme}`);
        await prompt.scrollIntoViewIfNeeded();
        await brief.screenshot({
          path: path.join(RESULTS, `reader-paper-wall-${width}-${colorScheme}.png`),
          fullPage: true,
        });
        await context.close();
        // A new reader who has used the month's article on the brief: the long one is cut after five.
        const other = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        await (await open(other, urls.brief!)).close();
        const long = await open(other, urls.long!);
        expect(await long.locator('.article-body > p').count()).toBe(5);
        expect(await long.content()).not.toContain('Marrowgate');
        await other.close();
      }
    }
  });
});
