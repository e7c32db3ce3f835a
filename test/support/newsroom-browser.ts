import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Dialect } from '../../src/platform/database/database.js';
import { RESULTS } from './browser.js';
import {
  freePort,
  processDatabase,
  type Started,
  signInAs,
  signInAsDemoOwner,
  startServer,
} from './processes.js';

export { hasChromium, JOURNEY_RETRY, launchChromium } from './browser.js';

export interface ArticleJson {
  id: string;
  status: string;
  headline: string;
  dek: string;
  dateline: string;
  revision: number;
  tags: { name: string }[];
  bylineSuffix: string;
  leadImage: { mediaId: string; caption: string; credit: string; alt: string } | null;
  corrections: { kind: string; text: string }[];
  body: { content: unknown[] };
}

export interface Api {
  call(method: string, url: string, body?: unknown): Promise<{ status: number; json: ArticleJson }>;
}

/** The Admin API as the demo owner, to set the scene and to check what the browser saved. */
export async function adminApi(server: Started): Promise<Api> {
  return apiOf(await signInAsDemoOwner(server));
}

/** The Admin API as one of the journey's staff (an article a reporter makes is the reporter's own). */
export async function staffApi(server: Started, who: { email: string; password: string }): Promise<Api> {
  return apiOf(await signInAs(server, who.email, who.password));
}

function apiOf({ api, headers }: { api: string; headers: Record<string, string> }): Api {
  return {
    async call(method, url, body) {
      const res = await fetch(`${api}${url}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: res.status === 204 ? null : await res.json() };
    },
  };
}

/**
 * Waits until the element's text (or a field's value) is the one expected. A plain loop, not expect.poll:
 * expect.poll needs vitest's current test, which concurrent tests (newsroom-schedule) do not set globally.
 */
export async function shows(locator: Locator, text: string, timeout = 5_000): Promise<void> {
  const until = Date.now() + timeout;
  let seen: string | null = null;
  for (;;) {
    seen = (await locator.evaluate((e) => e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement))
      ? await locator.inputValue()
      : await locator.textContent();
    if (seen === text) return;
    if (Date.now() > until) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${JSON.stringify(text)} within ${timeout} ms, still ${JSON.stringify(seen)}`);
}

/**
 * axe over a newsroom screen, at the window's width and at 390 px. The reader frame (front page, editor's preview) is left out: it is sandboxed
 * with no scripts, so axe cannot run inside it and Playwright would wait for it for ever; the reader pages
 * it shows are checked by axe on their own (test/e2e/reader-*.test.ts).
 */
export async function checkAxe(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  const wide = page.viewportSize();
  // At the window's width and at a phone's: the layout changes (panels stack, bars wrap), and so can what
  // axe finds (an overlap, a hidden label).
  for (const size of [wide, { width: 390, height: 844 }]) {
    if (size) await page.setViewportSize(size);
    const result = await new AxeBuilder({ page }).exclude('iframe.preview-frame').analyze();
    for (const v of result.violations) {
      found.push(`${v.id} at ${size?.width} px: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  if (wide) await page.setViewportSize(wide);
  expect(found, `axe on ${screen}`).toEqual([]);
}

/** Screenshots at 1280 and 1024 px wide, numbered in the journey's order: test-results/newsroom-<dialect>-<journey>-NN-<name>-<width>.png. */
export function screenshots(page: Page, dialect: string, journey: string) {
  let shot = 0;
  return async (name: string) => {
    shot += 1;
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      // Issue 13: every screen works at 1024 px and wider. Nothing may stick out past the window's edge.
      const overflow = await page.evaluate(() => {
        const edge = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= edge) return null;
        const out = Array.from(document.querySelectorAll('body *')).find(
          (e) => e.getBoundingClientRect().right > edge + 1,
        );
        return `${document.documentElement.scrollWidth} px wide; first past the edge: ${out?.outerHTML.slice(0, 120)}`;
      });
      expect(overflow, `${journey} ${name} at ${width} px`).toBeNull();
      const file = `newsroom-${dialect}-${journey}-${String(shot).padStart(2, '0')}-${name}-${width}.png`;
      await page.screenshot({ path: path.join(RESULTS, file), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
}

/** Signs in on the app's sign-in page (the keyboard journeys type instead). */
export async function signIn(page: Page, baseUrl: string, who: { email: string; password: string }) {
  await page.goto(`${baseUrl}/newsroom/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Story budget' }).waitFor();
}

export interface NewsroomServer {
  server: Started;
  admin: Api;
  /** The server's data folder (its mail outbox is there). */
  dataDir: string;
  stop(): Promise<void>;
}

/** The compiled server on a fresh database of this dialect, with the staff the journeys sign in as. */
export async function startNewsroomServer(
  dialect: Dialect,
  staff: { email: string; name: string; password: string; role: string }[],
  env: Record<string, string> = {},
): Promise<NewsroomServer> {
  const database = await processDatabase(dialect);
  const server = await startServer({ ...database.env, ...env, PORT: String(await freePort()) });
  const admin = await adminApi(server);
  for (const person of staff) expect((await admin.call('POST', '/staff', person)).status).toBe(201);
  return {
    server,
    admin,
    dataDir: database.dataDir,
    async stop() {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await database.cleanup();
    },
  };
}

/**
 * Each person signed in in a browser context of their own, with article `id` open live in the story
 * editor (its "In this story" list shown): the co-editing and comments journeys' two or more editors.
 */
export async function openLiveStory(
  browser: Browser,
  baseUrl: string,
  id: string,
  people: readonly { email: string; password: string }[],
): Promise<{ contexts: BrowserContext[]; pages: Page[]; close: () => Promise<unknown> }> {
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  for (const who of people) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    contexts.push(context);
    pages.push(page);
    await signIn(page, baseUrl, who);
    await page.goto(`${baseUrl}/newsroom/story/${id}`);
    await page.getByRole('region', { name: 'In this story' }).waitFor();
  }
  return { contexts, pages, close: () => Promise.all(contexts.map((c) => c.close())) };
}

/** The path of the first section the Admin API lists: where a journey's articles go. */
export async function firstSectionPath(admin: Api): Promise<string> {
  const sections = (await admin.call('GET', '/sections')).json as unknown as { sections: { path: string }[] };
  const first = sections.sections[0];
  if (!first) throw new Error('the newsroom has no section');
  return first.path;
}

/**
 * The reader page of the published article with this headline, as a reader gets it over HTTP (found
 * through the site's JSON Feed; `no-cache`, so the page cache answers with what is live now).
 */
export async function readerHtml(server: Started, headline: string): Promise<string> {
  const feed = (await (await fetch(`${server.baseUrl}/feed.json`)).json()) as {
    items: { title: string; url: string }[];
  };
  const item = feed.items.find((i) => i.title === headline);
  if (!item) throw new Error(`"${headline}" is not in the feed`);
  const res = await fetch(`${server.baseUrl}${new URL(item.url).pathname}`, {
    headers: { 'cache-control': 'no-cache' },
  });
  expect(res.status).toBe(200);
  return res.text();
}
