import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, JOURNEY_RETRY, launchChromium, RESULTS } from '../support/browser.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';

/**
 * The reader site in a real browser: the real server on a fresh SQLite database (it seeds the demo
 * edition), Debian's Chromium driven by playwright-core, axe for accessibility, and screenshots in
 * test-results/ for a person to look at. Phone (375 px) and desktop (1280 px) widths.
 */

const WIDTHS = [375, 1280] as const;

describe.skipIf(!hasChromium)('reader site in Chromium', JOURNEY_RETRY, () => {
  let database: ProcessDatabase;
  let server: Started;
  let browser: Browser;
  let articleUrl: string;

  beforeAll(async () => {
    database = await processDatabase('sqlite');
    server = await startServer({ ...database.env, PORT: String(await freePort()) });
    browser = await launchChromium();
    articleUrl = await fillFrontPage(server);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await database?.cleanup();
  });

  async function open(url: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status(), url).toBe(200);
    return page;
  }

  /** Runs axe on the page and fails with each violation's rule, impact and first elements. */
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

  /** Content wider than the window means a reader on a phone has to scroll sideways. */
  async function expectNoSidewaysScroll(page: Page, label: string) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, label).toBeLessThanOrEqual(0);
  }

  for (const width of WIDTHS) {
    it(`front page at ${width} px: articles listed, no axe violations, screenshot saved`, {
      timeout: 60_000,
    }, async () => {
      const page = await open(`${server.baseUrl}/`, width);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('main .lead-story, main .story').count()).toBeGreaterThan(0);
      await expectNoViolations(page, `home ${width}`);
      await expectNoSidewaysScroll(page, `home ${width}`);
      await page.screenshot({ path: path.join(RESULTS, `home-${width}.png`), fullPage: true });
      await page.context().close();
    });

    it(`article page at ${width} px: no axe violations, screenshot saved`, { timeout: 60_000 }, async () => {
      const page = await open(articleUrl, width);
      expect(await page.locator('h1').count()).toBe(1);
      await expectNoViolations(page, `article ${width}`);
      await expectNoSidewaysScroll(page, `article ${width}`);
      await page.screenshot({ path: path.join(RESULTS, `article-${width}.png`), fullPage: true });
      await page.context().close();
    });
  }

  it('front page and article page in dark mode: no axe violations (contrast included)', {
    timeout: 60_000,
  }, async () => {
    for (const [name, url] of [
      ['home', `${server.baseUrl}/`],
      ['article', articleUrl],
    ] as const) {
      const page = await open(url, 375, 'dark');
      await expectNoViolations(page, `${name} dark`);
      await page.screenshot({ path: path.join(RESULTS, `${name}-375-dark.png`), fullPage: true });
      await page.context().close();
    }
  });

  /** Where the list and legal pages are, found from the front page and an article; terms published once. */
  let listPages: Promise<Record<string, string | undefined>> | undefined;
  const findListPages = () => {
    listPages ??= (async () => {
      await publishTerms(server);
      const home = await (await fetch(`${server.baseUrl}/`)).text();
      const article = await (await fetch(articleUrl)).text();
      return {
        section: home.match(/href="(\/section\/[^"]+)"/)?.[1],
        tag: article.match(/href="(\/tag\/[^"]+)"/)?.[1],
        author: home.match(/href="(\/by\/[^"]+)"/)?.[1],
        legal: '/legal/terms',
        'legal-earlier': '/legal/terms/v/1',
      };
    })();
    return listPages;
  };

  for (const name of ['section', 'tag', 'author', 'legal', 'legal-earlier']) {
    it(`${name} page at 375 and 1280 px: no axe violations, screenshots saved`, {
      timeout: 90_000,
    }, async () => {
      const pathname = (await findListPages())[name];
      expect(pathname, name).toBeDefined();
      for (const width of WIDTHS) {
        const page = await open(`${server.baseUrl}${pathname}`, width);
        expect(await page.locator('h1').count(), name).toBe(1);
        await expectNoViolations(page, `${name} ${width}`);
        await expectNoSidewaysScroll(page, `${name} ${width}`);
        await page.screenshot({ path: path.join(RESULTS, `${name}-${width}.png`), fullPage: true });
        await page.context().close();
      }
    });
  }
});

/** Headlines of the cards on the front page, and the address of the first. */
async function frontPage(server: Started): Promise<{ cards: number; firstUrl: string | null }> {
  const home = await (await fetch(`${server.baseUrl}/`)).text();
  const links = [
    ...home.matchAll(/(?:<li class="card">.*?<h[23]>|<h[23] class="headline">)<a href="([^"]+)"/g),
  ].map((m) => m[1]!);
  return { cards: links.length, firstUrl: links[0] ? `${server.baseUrl}${links[0]}` : null };
}

const EXTRA_ARTICLES = [
  {
    headline: 'Harbour Bridge Reopens After Two Years of Repairs',
    dek: 'Commuters cheered as the first trams crossed on Monday morning.',
    dateline: 'LISBON —',
    section: 'world',
    tags: ['Transport', 'Europe'],
  },
  {
    headline: 'Grain Prices Ease as Harvest Beats Forecasts',
    dek: 'Traders say a mild autumn helped farmers bring in more wheat than expected.',
    dateline: 'WINNIPEG, Manitoba —',
    section: 'business',
  },
  {
    headline: 'Mountain Villages Vote to Share One School',
    dek: 'Three communities with falling rolls will send their children to a new building in the valley.',
    dateline: 'BOLZANO, Italy —',
    section: 'world',
  },
  {
    headline: 'Family Bakery Chain Sells Majority Stake to Staff',
    dek: 'The founders say the employee trust will keep the ovens local.',
    dateline: 'LEEDS, England —',
    section: 'business',
    tags: ['Companies'],
  },
];

/**
 * Makes the front page full enough to show top stories and section blocks, writing and publishing
 * articles through the Admin API as the demo owner: the same path a newsroom tool takes, and a
 * check that a publish reaches the (cached) front page at once. Returns the first article's address.
 */
async function fillFrontPage(server: Started): Promise<string> {
  const before = await frontPage(server);
  const { api, headers } = await signInAsDemoOwner(server);
  for (const extra of EXTRA_ARTICLES) {
    const created = await fetch(`${api}/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        ...extra,
        bodyMarkdown: `${extra.dek}\n\nOfficials said more details would follow later in the week.`,
      }),
    });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${await created.text()}`);
    const article = (await created.json()) as { id: string; revision: number };
    const published = await fetch(`${api}/articles/${article.id}/publish`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ revision: article.revision }),
    });
    if (published.status !== 200)
      throw new Error(`publish failed: ${published.status} ${await published.text()}`);
  }
  const after = await frontPage(server);
  expect(after.cards).toBeGreaterThan(before.cards);
  if (!after.firstUrl) throw new Error('no article is linked from the front page');
  return after.firstUrl;
}

/** Two versions of the Terms of Use, so the page has a version in force and an earlier one. */
async function publishTerms(server: Started): Promise<void> {
  const { api, headers } = await signInAsDemoOwner(server);
  const versions = [
    // The demo edition already has a version 1, so this is a new version and must say what changed.
    {
      title: 'Terms of Use',
      body: TERMS,
      summaryOfChanges: 'Plain-language rewrite.',
      requiresAcceptance: true,
    },
    {
      title: 'Terms of Use',
      body: `${TERMS}\n\n## Changes\n\nWe will tell readers 30 days before these terms change.`,
      summaryOfChanges: 'Readers are told of changes 30 days ahead.',
      requiresAcceptance: false,
    },
  ];
  for (const version of versions) {
    const res = await fetch(`${api}/legal/terms/versions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(version),
    });
    if (res.status !== 201) throw new Error(`legal publish failed: ${res.status} ${await res.text()}`);
  }
}

const TERMS = `# Terms of Use

These terms apply to everyone who reads **The Morning Ledger** online.

## Using the site

- You may read, link to and share our articles.
- You may not copy them in bulk or reproduce them without [written permission](mailto:rights@example.com).

## Your account

Keep your password to yourself. <b>Raw HTML stays text.</b>`;
