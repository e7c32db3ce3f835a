import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULTS } from '../support/browser.js';
import { dialects } from '../support/databases.js';
import { type LiveEditor, openLive } from '../support/live-editor.js';
import {
  body,
  headline,
  paragraph,
  presence,
  textOf,
  typeAtEnd,
  typeAtStart,
  watchFor,
} from '../support/live-story-page.js';
import {
  type Api,
  type ArticleJson,
  firstSectionPath,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  openLiveStory,
  shows,
} from '../support/newsroom-browser.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';
import { redisAnswers, TEST_REDIS_URL } from '../support/redis.js';

/**
 * Issue 17, "editors on two server processes sharing one PostgreSQL and Redis co-edit one story", in
 * Chromium on two real web processes (ADR 0033): Eddie's browser talks only to process A, Edna's only to
 * process B. Both processes get the same DATABASE_URL, so both take the same Redis prefix for the paper's
 * live documents (masthead:live:<hash of host:port/database>, src/platform/redis-names.ts). Tests in other
 * Vitest workers or checkouts have PostgreSQL databases of their own, so prefixes of their own; tests in
 * one worker share its database (each in a schema, which the prefix does not include) and still never
 * meet: each article is a Redis channel of its own, named by its id.
 * The journey: each sees the other in the story; both type into one paragraph and each sees the other's
 * words within a second (three times each way; times printed and kept in
 * test-results/coedit-processes/latencies.json); a headline crosses over; one browser goes offline and
 * comes back; the article is saved once (not once per process); then process A is stopped while Eddie
 * types: his editor says so and keeps his words, Edna goes on through B, and when A is back both texts meet.
 */

const SHOTS = path.join(RESULTS, 'coedit-processes');
const EDDIE = {
  email: 'eddie.editor@example.com',
  name: 'Eddie Editor',
  password: 'a long editor passphrase 1',
};
const EDNA = {
  email: 'edna.editor@example.com',
  name: 'Edna Editor',
  password: 'a long editor passphrase 2',
};

const redisUp = await redisAnswers();
if (!redisUp && process.env.CI) throw new Error(`CI needs Redis at ${TEST_REDIS_URL.host} for this journey.`);
const missing = !hasChromium
  ? 'no Chromium'
  : !dialects().includes('postgres')
    ? 'PostgreSQL does not answer (set TEST_DATABASE_URL)'
    : !redisUp
      ? `Redis does not answer at ${TEST_REDIS_URL.host} (set TEST_REDIS_URL)`
      : null;
if (missing) console.warn(`Co-editing on two processes skipped: ${missing}.`);

/** In ms: what each text took to show in the other browser, by way (A→B, B→A), and each process's first live connection. */
const timings: Record<string, number[]> = {};
const note = (what: string, ms: number) => {
  timings[what] = [...(timings[what] ?? []), ms];
};

describe.skipIf(missing !== null)(
  'newsroom co-editing on two web processes (PostgreSQL + Redis)',
  JOURNEY_RETRY,
  () => {
    let browser: Browser | undefined;
    let database: ProcessDatabase | undefined;
    const servers: Started[] = [];
    const warm: LiveEditor[] = [];

    afterAll(async () => {
      for (const live of warm) await live.close();
      await browser?.close();
      for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      await database?.cleanup();
    }, 30_000);

    it('two editors, each on their own process, co-edit one article; it is saved once; process A stops and comes back', {
      // About 75-90 s; three times that on a machine loaded twentyfold (measured: 172 s at load 21 on 2 cores).
      timeout: 300_000,
    }, async () => {
      // Where the time goes, printed at the end: the journey should stay near 90 s on a loaded machine.
      const laps: string[] = [];
      let lapStarted = Date.now();
      const lap = (what: string) => {
        laps.push(`${what} ${Math.round((Date.now() - lapStarted) / 100) / 10} s`);
        lapStarted = Date.now();
      };
      fs.mkdirSync(SHOTS, { recursive: true });
      database = await processDatabase('postgres');
      const env = { ...database.env, REDIS_URL: TEST_REDIS_URL.href };
      const portA = String(await freePort());
      // One after the other: the first start migrates the database and seeds the demo edition.
      const a = await startServer({ ...env, PORT: portA });
      servers.push(a);
      lap('A up (migrations, demo edition)');
      // Jobs run in A only, as in the reference deployment (one place runs them): here the demo edition's
      // photo variants, which take the cores for several seconds after the first start.
      const b = await startServer({ ...env, PORT: String(await freePort()), RUN_JOBS: 'false' });
      servers.push(b);
      lap('B up');
      browser = await launchChromium();

      // One session for both processes (sessions are in the shared database): B answers once A has stopped.
      const owner = await signInAsDemoOwner(a);
      const admin = apiAt(a, owner.headers);
      const adminB = apiAt(b, owner.headers);
      for (const person of [EDDIE, EDNA]) {
        expect((await admin.call('POST', '/staff', { ...person, role: 'editor' })).status).toBe(201);
      }
      const made = await admin.call('POST', '/articles', {
        headline: 'Ferry crews vote on the new timetable',
        dek: 'The first dek.',
        section: await firstSectionPath(admin),
        access: 'free',
        bodyMarkdown: 'The first paragraph.\n\nThe second paragraph.',
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      const id = made.json.id;

      // A process loads its live documents (Hocuspocus, the Redis connections) at its first live
      // connection, which on a loaded machine can take longer than the editor's 5 s wait for the first
      // sync; the editor then saves over REST without co-editing (by design: newsroom/src/story/
      // live-session.ts; two runs here did so while both processes made the demo's photo variants, and
      // one run measured 6.1 s). So it is made and timed here, from Node, and held open until the editors
      // are in, the article staying loaded in both processes: the journey measures co-editing, not a cold start.
      const cookie = owner.headers.cookie!;
      for (const [name, server] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const begun = Date.now();
        warm.push(
          await openLive(`${server.baseUrl.replace(/^http/, 'ws')}/api/admin/v1/collab`, id, cookie, 60_000),
        );
        note(`first live connection on ${name}`, Date.now() - begun);
      }

      // Side by side; the contexts close with the browser, after a failure too.
      const [onA, onB] = await Promise.all([
        openLiveStory(browser, a.baseUrl, id, [EDDIE]),
        openLiveStory(browser, b.baseUrl, id, [EDNA]),
      ]);
      for (const live of warm.splice(0)) await live.close();
      const eddie = onA.pages[0]!;
      const edna = onB.pages[0]!;
      const ednaContext = onB.contexts[0]!;
      lap('editors open');

      // Each sees the other in the story: their awareness crosses between the processes through Redis.
      await expect.poll(() => presence(eddie).textContent(), { timeout: 10_000 }).toContain('Edna Editor');
      await expect.poll(() => presence(edna).textContent(), { timeout: 10_000 }).toContain('Eddie Editor');

      // One paragraph, typed into on A and on B in turn: each sees the other's words within a second.
      // Three times each way, so one stall of a loaded machine is not taken for the way's speed.
      let first = 'The first paragraph.';
      for (const round of [1, 2, 3]) {
        note('body A→B', await typedAndSeen(eddie, edna, 0, ` A${round} typed on A.`));
        note('body B→A', await typedAndSeen(edna, eddie, 0, ` B${round} typed on B.`));
        first += ` A${round} typed on A. B${round} typed on B.`;
      }
      await reads([eddie, edna], 0, first);
      await edna.locator('.live-caret-name', { hasText: 'Eddie Editor' }).waitFor();
      await eddie.locator('.live-caret-name', { hasText: 'Edna Editor' }).waitFor();

      // Both at once, into the same paragraph, one at its start and one at its end: the two copies meet with
      // each phrase once. (Two people typing at the very same spot get their letters interleaved, as in any
      // co-editor: the CRDT keeps every letter but cannot know whose word should come first.)
      await Promise.all([typeAtStart(eddie, 1, 'Charlie from A. '), typeAtEnd(edna, 1, ' Delta from B.')]);
      await expect
        .poll(async () => (await textOf(eddie, 1)) === (await textOf(edna, 1)), { timeout: 5_000 })
        .toBe(true);
      const second = await textOf(eddie, 1);
      expect(count(second, 'Charlie from A.'), second).toBe(1);
      expect(count(second, 'Delta from B.'), second).toBe(1);

      // A headline typed on A shows on B.
      const seenHeadline = await watchFor(headline(edna), 'timetable at dawn');
      await headline(eddie).focus();
      await eddie.keyboard.press('End');
      await eddie.keyboard.type(' at daw');
      const headlineSent = Date.now();
      await eddie.keyboard.type('n');
      note('headline A→B', (await seenHeadline()) - headlineSent);

      await paragraph(edna, 1).click();
      await edna.keyboard.press('End');
      await eddie.locator('.live-caret-name', { hasText: 'Edna Editor' }).waitFor();
      await paragraph(eddie, 0).click();
      await edna.locator('.live-caret-name', { hasText: 'Eddie Editor' }).waitFor();
      for (const width of [1280, 390]) {
        await shoot(eddie, `1-eddie-on-A-${width}`, width);
        await shoot(edna, `1-edna-on-B-${width}`, width);
      }

      lap('co-editing');

      // Edna's browser goes offline; both type on; back online, both texts are in both browsers, once.
      await ednaContext.setOffline(true);
      await shows(edna.getByRole('status'), 'Offline', 10_000);
      await typeAtEnd(edna, 0, ' Echo offline on B.');
      await typeAtEnd(eddie, 1, ' Foxtrot online on A.');
      // Not through while she is offline (online, it would have crossed in well under this wait).
      await edna.waitForTimeout(300);
      expect(await textOf(eddie, 0)).toBe(first);
      expect(await textOf(edna, 1)).toBe(second);
      await shoot(edna, '2-edna-offline-1280', 1280);
      await ednaContext.setOffline(false);
      const together = [`${first} Echo offline on B.`, `${second} Foxtrot online on A.`];
      for (const n of [0, 1]) await reads([eddie, edna], n, together[n]!, 15_000);

      lap('offline and back');

      // Saved by the processes, not by the browsers: once, though both hold the document and both store it.
      await expect.poll(() => savedParagraphs(adminB, id), { timeout: 20_000 }).toEqual(together);
      await shows(eddie.getByRole('status'), 'Saved', 15_000);
      await shows(edna.getByRole('status'), 'Saved', 15_000);
      // Past the other process's store debounce (2 s), so a second write would have landed by now.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const saved = (await adminB.call('GET', `/articles/${id}`)).json;
      expect(saved.headline).toBe('Ferry crews vote on the new timetable at dawn');
      const savedBody = JSON.stringify(saved.body);
      for (const words of ['A1 ', 'B1 ', 'A2 ', 'B2 ', 'A3 ', 'B3 ', 'Charlie', 'Delta', 'Echo', 'Foxtrot']) {
        expect(count(savedBody, words), words).toBe(1);
      }
      const history = await revisions(adminB, id);
      const holdingAll = history.filter((r) => together.every((p) => JSON.stringify(r.snapshot).includes(p)));
      expect(
        holdingAll.map((r) => r.number),
        'one revision holds the text both typed',
      ).toHaveLength(1);
      for (const r of history.filter((r) => r.action !== 'create')) {
        expect(r.changed, `revision ${r.number} changes something`).not.toEqual([]);
      }

      lap('saved once');

      // Process A stops while Eddie types: his editor says it lost the server and keeps what he types.
      a.child.kill('SIGTERM');
      expect(await a.exited).toEqual({ code: 0, signal: null });
      await shows(eddie.getByRole('status'), 'Offline', 10_000);
      await eddie.getByText('Live text: edits kept on this device').waitFor({ timeout: 5_000 });
      await typeAtEnd(eddie, 1, ' Golf kept on A.');
      expect(await body(eddie).isEditable()).toBe(true);
      expect(await textOf(eddie, 1)).toBe(`${together[1]} Golf kept on A.`);
      // Edna goes on through B, and B saves her words.
      await typeAtEnd(edna, 0, ' Hotel after A stopped.');
      const afterStop = [`${together[0]} Hotel after A stopped.`, together[1]];
      await expect.poll(() => savedParagraphs(adminB, id), { timeout: 20_000 }).toEqual(afterStop);
      await shoot(eddie, '3-eddie-process-A-stopped-1280', 1280);

      lap('A stopped');

      // A starts again on its port: Eddie's editor reconnects by itself and the two texts meet, once each.
      servers.push(await startServer({ ...env, PORT: portA }));
      const final = [afterStop[0]!, `${together[1]} Golf kept on A.`];
      for (const n of [0, 1]) await reads([eddie, edna], n, final[n]!, 20_000);
      await expect.poll(() => savedParagraphs(adminB, id), { timeout: 20_000 }).toEqual(final);
      await shows(eddie.getByRole('status'), 'Saved', 15_000);
      await shoot(eddie, '4-eddie-process-A-back-1280', 1280);

      lap('A back');
      console.log(laps.join('; '));
      for (const [what, ms] of Object.entries(timings)) console.log(`${what}: ${ms.join(', ')} ms`);
      fs.writeFileSync(path.join(SHOTS, 'latencies.json'), `${JSON.stringify(timings, null, 2)}\n`);
      // Through Redis and back, not at the next store (2 s at the least): under a second each way, taken
      // as the median of its three, even on a loaded machine.
      for (const way of ['body A→B', 'body B→A']) expect(median(timings[way]!), way).toBeLessThan(1_000);
    });
  },
);

/**
 * Types `text` at the end of paragraph `n` in `from` and returns how long after its last key it showed in
 * `to`: watched inside `to` before the first key, timed from just before the last one.
 */
async function typedAndSeen(from: Page, to: Page, n: number, text: string): Promise<number> {
  const seen = await watchFor(body(to), text, n);
  await typeAtEnd(from, n, text.slice(0, -1));
  const sent = Date.now();
  await from.keyboard.type(text.slice(-1));
  return (await seen()) - sent;
}

/** Admin API calls to one process with the owner's session. */
function apiAt(server: Started, headers: Record<string, string>): Api {
  return {
    async call(method, url, payload) {
      const init = { method, headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) };
      const res = await fetch(`${server.baseUrl}/api/admin/v1${url}`, init);
      return { status: res.status, json: res.status === 204 ? null : await res.json() };
    },
  };
}

/** Waits until paragraph `n` reads `text` (carets aside) in every page. */
async function reads(pages: Page[], n: number, text: string, timeout = 5_000): Promise<void> {
  for (const page of pages) await expect.poll(() => textOf(page, n), { timeout }).toBe(text);
}

const count = (text: string, words: string) => text.split(words).length - 1;
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function savedParagraphs(admin: Api, id: string): Promise<string[]> {
  const saved: ArticleJson = (await admin.call('GET', `/articles/${id}`)).json;
  return (saved.body.content as { content?: { text: string }[] }[]).map((p) =>
    (p.content ?? []).map((t) => t.text).join(''),
  );
}

interface Revision {
  number: number;
  action: string;
  changed: string[];
  snapshot: unknown;
}

/** Every revision of the article with what it saved. */
async function revisions(admin: Api, id: string): Promise<Revision[]> {
  const list = (await admin.call('GET', `/articles/${id}/revisions`)).json as unknown as {
    items: Revision[];
  };
  return Promise.all(
    list.items.map(
      async (item) =>
        (await admin.call('GET', `/articles/${id}/revisions/${item.number}`)).json as unknown as Revision,
    ),
  );
}

/** A whole-page picture from the top at `width` (the editor's head is sticky). */
async function shoot(page: Page, name: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}
