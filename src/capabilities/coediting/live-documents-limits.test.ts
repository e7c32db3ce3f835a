import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  cookieOf,
  liveUrl,
  openLive,
  paragraphText,
  typeAtEnd,
  until,
  upgrade,
} from '../../../test/support/live-editor.js';
import { appWithLog } from '../../../test/support/logged-app.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { LIVE_UPGRADE_RULE } from './live-document-socket.js';

/** The live documents' limits (issue 17's gaps): upgrades per client, a document's size, failures logged. */
const api = '/api/admin/v1';

describeEachDialect('live co-editing limits', (t) => {
  const closing: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const close of closing.splice(0).reverse()) await close();
  });

  async function draft(deps: Deps, app: FastifyInstance) {
    const { headers } = await signedInAs(deps, 'editor');
    const call = (path: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${api}${path}`, headers, payload });
    expect((await call('/sections', { name: 'World' })).statusCode).toBe(201);
    const res = await call('/articles', {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'Ships.\n\nGulls.',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, headers };
  }

  it('refuses a client that opens too many sockets with a 429 before any WebSocket exists', async () => {
    const { app, deps } = await buildTestApp(t.database, { clock: fixedClock('2026-11-16T09:00:00.000Z') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(() => app.close());
    const { headers } = await signedInAs(deps, 'editor');
    const url = liveUrl(app);
    // Most of the minute's upgrades counted already (as if made), the last few made for real: every
    // upgrade counts, refused or not, for a loop of bad cookies costs as much as one of good ones.
    for (let i = 0; i < LIVE_UPGRADE_RULE.limit - 3; i++) {
      expect((await deps.rateLimiter.hit([{ rule: LIVE_UPGRADE_RULE, subject: '127.0.0.1' }])).ok).toBe(true);
    }
    for (let i = 0; i < 3; i++) expect((await upgrade(url, {})).status).toBe(401);
    const refused = await upgrade(url, { cookie: cookieOf(headers) });
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body).toBe('Too many live connections; wait a moment.');
  });

  it('refuses an update that would grow a document past its bound, and keeps what was acknowledged', async () => {
    const { app, deps } = await buildTestApp(t.database, { live: { maxDocumentBytes: 4096 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(() => app.close());
    const { id, headers } = await draft(deps, app);
    const a = await openLive(liveUrl(app), id, cookieOf(headers));
    const b = await openLive(liveUrl(app), id, cookieOf(headers));
    closing.push(
      () => a.close(),
      () => b.close(),
    );
    typeAtEnd(a.doc, 0, ' Kept words.');
    await until(() => paragraphText(b.doc, 0) === 'Ships. Kept words.', 'the small edit is shared');
    expect(a.provider.unsyncedChanges).toBe(0);

    typeAtEnd(a.doc, 0, ` ${'x'.repeat(5000)}`);
    await until(() => a.notices.some((n) => n.type === 'too-large'), 'the editor is told');
    expect(a.notices.find((n) => n.type === 'too-large')?.message).toMatch(
      /reached the size live editing allows \(4 KB\)/,
    );
    expect(a.provider.unsyncedChanges).toBeGreaterThan(0);
    // The other editor can still type a little: the document is at its bound, not closed.
    typeAtEnd(b.doc, 1, ' B still types.');
    await until(() => paragraphText(a.doc, 1).endsWith('B still types.'), "B's edit is shared");
    expect(paragraphText(b.doc, 0)).toBe('Ships. Kept words.');

    await a.close();
    await b.close();
    await until(
      async () => JSON.stringify((await get(app, headers, id)).body).includes('B still types.'),
      'the document is saved',
    );
    const saved = JSON.stringify((await get(app, headers, id)).body);
    expect(saved).toContain('Ships. Kept words.');
    expect(saved).not.toContain('xxxxx');
  });

  it("sends a hook's failure to the app's log, not to the console", async () => {
    const { app, deps, log } = await appWithLog(t.database, fixedClock('2026-11-16T09:00:00.000Z'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(() => app.close());
    const { id, headers } = await draft(deps, app);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Loading the document fails: its table is gone.
    await sql`drop table live_documents`.execute(deps.database.db);
    await expect(openLive(liveUrl(app), id, cookieOf(headers))).rejects.toThrow(
      'refused: Live editing failed; try again.',
    );
    const line = log.lines().find((l) => l.msg === 'live documents: a hook failed');
    expect(line).toMatchObject({ level: 50, hook: 'onLoadDocument', articleId: id });
    expect(JSON.stringify(line?.err)).toMatch(/live_documents/);
    expect(printed).not.toHaveBeenCalled();
  });
});

async function get(app: FastifyInstance, headers: Record<string, string>, id: string) {
  return (await app.inject({ method: 'GET', url: `${api}/articles/${id}`, headers })).json();
}
