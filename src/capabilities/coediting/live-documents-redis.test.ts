import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  cookieOf,
  type LiveEditor,
  liveUrl,
  openLive,
  paragraphText,
  typeAtEnd,
  until,
} from '../../../test/support/live-editor.js';
import { redisAnswers, TEST_REDIS_URL } from '../../../test/support/redis.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';

/**
 * Issue 17's scale-out (ADR 0033): two web processes of one paper, sharing its database and a Redis, each
 * with its own Hocuspocus. Two apps in this process stand for them (each its own Deps, port, Hocuspocus
 * and Redis connections; one database, as processes share one PostgreSQL, or one SQLite file).
 */
const redisUp = await redisAnswers();
if (!redisUp && process.env.CI) throw new Error(`CI needs Redis for co-editing on several processes.`);

const api = '/api/admin/v1';

describeEachDialect('live co-editing on two processes through Redis', (t) => {
  let apps: { app: FastifyInstance; deps: Deps; url: string }[] = [];
  let editor: Record<string, string>;
  const open: LiveEditor[] = [];
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async ({ skip }) => {
    if (!redisUp) skip();
    // A prefix of this test's own: parallel runs sharing the Redis never see each other's documents.
    const redisPrefix = `masthead-test:${randomBytes(6).toString('hex')}`;
    for (let i = 0; i < 2; i++) {
      const built = await buildTestApp(t.database, {
        clock,
        env: { REDIS_URL: TEST_REDIS_URL.href },
        live: { redisPrefix },
      });
      await built.app.listen({ port: 0, host: '127.0.0.1' });
      apps.push({ ...built, url: liveUrl(built.app) });
    }
    editor = (await signedInAs(apps[0]!.deps, 'editor', { name: 'Eda Editor' })).headers;
    expect((await call(0, 'POST', '/sections', { name: 'World' })).statusCode).toBe(201);
  });

  afterEach(async () => {
    for (const live of open.splice(0)) await live.close();
    for (const { app } of apps) await app.close();
    apps = [];
  });

  const call = (at: number, method: string, path: string, payload?: unknown) =>
    apps[at]!.app.inject({
      method: method as 'GET',
      url: `${api}${path}`,
      headers: editor,
      ...(payload ? { payload } : {}),
    });

  async function draft(): Promise<{ id: string; revision: number }> {
    const res = await call(0, 'POST', '/articles', {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn.',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, revision: res.json().revision };
  }

  async function live(at: number, id: string): Promise<LiveEditor> {
    const opened = await openLive(apps[at]!.url, id, cookieOf(editor));
    open.push(opened);
    return opened;
  }

  async function leave(live: LiveEditor): Promise<void> {
    open.splice(open.indexOf(live), 1);
    await live.close();
  }

  const article = async (id: string) => (await call(1, 'GET', `/articles/${id}`)).json();
  const revisions = async (id: string) => (await call(1, 'GET', `/articles/${id}/revisions`)).json().items;
  const count = (text: string, word: string) => text.split(word).length - 1;

  it('lets editors on two processes type in one paragraph, converge, and saves both once', async () => {
    const { id, revision } = await draft();
    const before = (await revisions(id)).length;
    const a = await live(0, id);
    const b = await live(1, id);

    typeAtEnd(a.doc, 0, ' ALPHA typed.');
    const typedAt = Date.now();
    typeAtEnd(b.doc, 0, ' BRAVO typed.');
    await until(() => paragraphText(a.doc, 0).includes('BRAVO'), "B's text reaches A", 2000);
    // Through Redis and back, not at the next store: well under a second even on a busy machine.
    expect(Date.now() - typedAt).toBeLessThan(1000);
    await until(() => paragraphText(b.doc, 0) === paragraphText(a.doc, 0), 'both copies converge');
    const converged = paragraphText(a.doc, 0);
    expect(count(converged, 'ALPHA')).toBe(1);
    expect(count(converged, 'BRAVO')).toBe(1);

    await leave(a);
    await leave(b);
    await until(async () => (await article(id)).revision > revision, 'a revision is written', 8000);
    // The second process's store finds the text saved already: one revision, not two.
    await new Promise((r) => setTimeout(r, 1500));
    const saved = await article(id);
    expect(saved.revision).toBe(revision + 1);
    expect((await revisions(id)).length).toBe(before + 1);
    const body = JSON.stringify(saved.body);
    expect(body).toContain(converged);
    expect(count(body, 'ALPHA')).toBe(1);
    expect(count(body, 'BRAVO')).toBe(1);
  });

  it('merges an Admin API write on one process once, though both processes hold the document', async () => {
    const { id, revision } = await draft();
    const a = await live(0, id);
    const b = await live(1, id);
    typeAtEnd(a.doc, 0, ' LIVE WORDS.');
    await until(() => paragraphText(b.doc, 0).endsWith('LIVE WORDS.'), 'B has the live edit');

    const res = await call(1, 'PATCH', `/articles/${id}`, {
      revision,
      bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn, REST WORDS.',
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const doc of [a.doc, b.doc]) {
      await until(() => paragraphText(doc, 1) === 'Ships queued at dawn, REST WORDS.', 'the write is merged');
    }
    typeAtEnd(a.doc, 1, ' MORE.');
    await until(() => paragraphText(b.doc, 1).endsWith('MORE.'), 'B has the new edit');

    // A did not see the write: its store takes B's merge from the database instead of merging it again.
    await leave(a);
    await leave(b);
    await until(async () => (await article(id)).revision > res.json().revision, 'the edits are saved', 8000);
    await new Promise((r) => setTimeout(r, 1500));
    const body = JSON.stringify((await article(id)).body);
    expect(count(body, 'REST WORDS.')).toBe(1);
    expect(count(body, 'LIVE WORDS.')).toBe(1);
    expect(body).toContain('Ships queued at dawn, REST WORDS. MORE.');

    const again = await live(1, id);
    expect(count(paragraphText(again.doc, 1), 'REST WORDS.')).toBe(1);
  });

  it('seeds a new document once when both processes open it at the same moment', async () => {
    const { id } = await draft();
    const [a, b] = await Promise.all([live(0, id), live(1, id)]);
    typeAtEnd(b.doc, 1, ' Gulls circled.');
    await until(
      () => paragraphText(a.doc, 1) === 'Ships queued at dawn. Gulls circled.',
      'the edit is shared',
    );
    // Two seeds would be two copies of the text, side by side, in every copy.
    for (const doc of [a.doc, b.doc]) {
      expect(doc.getXmlFragment('body').length).toBe(2);
      expect(doc.getText('headline').toString()).toBe('Harbour Reopens');
    }
  });

  it('merges a write made on the process that does not hold the document when it stores', async () => {
    const { id, revision } = await draft();
    const a = await live(0, id);
    const res = await call(1, 'PATCH', `/articles/${id}`, { revision, dek: 'Written elsewhere' });
    expect(res.statusCode, res.body).toBe(200);
    typeAtEnd(a.doc, 0, ' Typed on A.');
    await leave(a);
    await until(async () => (await article(id)).revision > res.json().revision, 'the edit is saved', 8000);
    const saved = await article(id);
    expect(saved.dek).toBe('Written elsewhere');
    expect(JSON.stringify(saved.body)).toContain('The harbour reopened on Monday. Typed on A.');
  });
});
