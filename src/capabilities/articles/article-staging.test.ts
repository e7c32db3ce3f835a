import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { readerOutputs } from '../../../test/support/reader-outputs.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { createWebhook, WEBHOOK_EVENTS } from '../webhooks/index.js';
import { importArticle, parseImportFile } from './index.js';

/**
 * Issue 13: a live article is never changed by a save. Its edits are staged (a revision the newsroom
 * sees) and go live only on Update; until then no reader-facing output (page, JSON-LD, lists, feeds,
 * search, sitemaps, oEmbed, webhooks) holds a word of them. Everything through real HTTP.
 */
const api = '/api/admin/v1';
const WORD = 'zebrafinch';
const URL = '/2026/11/16/harbour-reopens';
const OLD_HEADLINE = 'Harbour Reopens';
const NEW_HEADLINE = `Harbour Reopens to ${WORD} Ferries`;

/** Every public page and machine output that could show an article's text. */
const OUTPUTS = readerOutputs({
  path: URL,
  word: WORD,
  found: 'harbour',
  section: 'world',
  tag: 'ports',
  month: '2026-11',
});

describeEachDialect('staged edits of a live article', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = (await signedInAs(deps, 'editor', { name: 'Eda Editor' })).headers;
    await call('POST', '/sections', editor, { name: 'World' });
    await createWebhook(
      deps.database.db,
      clock,
      { staffId: null, tokenId: null, name: 'Test', role: 'owner' },
      { url: 'http://127.0.0.1:9/hook', events: [...WEBHOOK_EVENTS] },
      { allowPrivate: true },
    );
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `${api}${url}`, headers, ...(payload ? { payload } : {}) });

  async function published(headers = editor): Promise<string> {
    const created = await call('POST', '/articles', headers, {
      headline: OLD_HEADLINE,
      section: 'world',
      tags: ['Ports'],
      access: 'free',
      bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const res = await call('POST', `/articles/${id}/publish`, editor, { revision: 1 });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }

  const staged = {
    headline: NEW_HEADLINE,
    bodyMarkdown: `The harbour reopened on Monday.\n\nA ${WORD} nested on the quay.`,
  };

  async function webhookPayloads(): Promise<{ event: string; payload: string }[]> {
    return deps.database.db
      .selectFrom('webhook_deliveries')
      .select(['event', 'payload'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** No output holds the staged word (the search page for it only repeats the query, finding nothing). */
  function expectNoLeak(seen: Map<string, string>): void {
    for (const [url, body] of seen) {
      if (url === `/search?q=${WORD}`) expect(body).toContain(`0 articles for “${WORD}”`);
      else expect(body, url).not.toContain(WORD);
    }
  }

  async function readerSees(): Promise<Map<string, string>> {
    const seen = new Map<string, string>();
    for (const url of OUTPUTS) {
      const res = await app.inject(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      seen.set(url, res.body);
    }
    return seen;
  }

  it('keeps a saved edit off every reader output until Update, then serves it on the next request', async () => {
    const id = await published();
    // Readers have the live version, cached.
    expectNoLeak(await readerSees());
    expect((await app.inject(URL)).headers['x-cache']).toBe('hit');
    const purgesBefore = await deps.database.db.selectFrom('cache_purges').select('id').execute();
    const hooksBefore = await webhookPayloads();

    const saved = await call('PATCH', `/articles/${id}`, editor, { revision: 2, ...staged });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      status: 'published',
      headline: NEW_HEADLINE,
      revision: 3,
      liveRevision: 2,
      staged: true,
      wordCount: 11,
    });
    // The newsroom's article is the working copy; its list shows what readers see, marked staged.
    expect((await call('GET', `/articles/${id}`, editor)).json()).toMatchObject({
      headline: NEW_HEADLINE,
      staged: true,
      liveRevision: 2,
    });
    const listed = (await call('GET', '/articles', editor)).json().items[0];
    expect(listed).toMatchObject({ id, headline: OLD_HEADLINE, staged: true });
    const history = (await call('GET', `/articles/${id}/revisions`, editor)).json().items;
    expect(history[0]).toMatchObject({ number: 3, action: 'save', changed: ['headline', 'body'] });

    // Nothing purged, nothing queued, nothing readers can reach changed: the cached page still serves.
    expect(await deps.database.db.selectFrom('cache_purges').select('id').execute()).toEqual(purgesBefore);
    expect(await webhookPayloads()).toEqual(hooksBefore);
    expect((await app.inject(URL)).headers['x-cache']).toBe('hit');
    // A fresh render too (a new process would render from the database).
    deps.pageCache.clear();
    const seen = await readerSees();
    expectNoLeak(seen);
    expect(seen.get(URL)).toContain(`<h1>${OLD_HEADLINE}</h1>`);
    expect(seen.get('/search?q=harbour')).toContain(`href="${URL}"`);

    // A second save is staged on top of the first; a stale one conflicts with the working copy.
    const stale = await call('PATCH', `/articles/${id}`, editor, { revision: 2, dek: 'Old base' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'REVISION_CONFLICT',
      details: { currentRevision: 3, current: { headline: NEW_HEADLINE, staged: true } },
    });
    const again = await call('PATCH', `/articles/${id}`, editor, { revision: 3, dek: `${WORD} dek` });
    expect(again.json()).toMatchObject({ revision: 4, liveRevision: 2, headline: NEW_HEADLINE });

    // Update: one revision, live at once.
    clock.advance(60_000);
    const update = await call('POST', `/articles/${id}/update`, editor, { revision: 4 });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json()).toMatchObject({
      headline: NEW_HEADLINE,
      revision: 5,
      liveRevision: 5,
      staged: false,
      modifiedAt: '2026-11-16T09:01:00.000Z',
    });
    const after = await readerSees();
    for (const url of [URL, '/', '/section/world', '/tag/ports', '/feed.xml', '/feed.atom', '/feed.json']) {
      expect(after.get(url), url).toContain(WORD);
    }
    expect(after.get(`/search?q=${WORD}`)).toContain(`href="${URL}"`);
    expect(JSON.parse(after.get(OUTPUTS.at(-1)!)!).title).toBe(NEW_HEADLINE);
    const hooks = (await webhookPayloads()).slice(hooksBefore.length);
    expect(hooks.map((h) => h.event)).toEqual(['article.updated']);
    expect(JSON.parse(hooks[0]!.payload)).toEqual({
      article: { id, slug: 'harbour-reopens', revision: 5, changed: ['headline', 'dek', 'body'] },
    });
    const last = (await call('GET', `/articles/${id}/revisions`, editor)).json().items[0];
    expect(last).toMatchObject({ number: 5, action: 'update', changed: ['headline', 'dek', 'body'] });
  });

  it('refuses Update with nothing staged, on an article not live, to a contributor, and on a stale revision', async () => {
    const id = await published();
    let res = await call('POST', `/articles/${id}/update`, editor, { revision: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOTHING_STAGED');

    const draft = await call('POST', '/articles', editor, { headline: 'A draft' });
    res = await call('POST', `/articles/${draft.json().id}/update`, editor, { revision: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('WORKFLOW_REFUSED');
    expect(res.json().error.message).toContain('cannot be updated');

    await call('PATCH', `/articles/${id}`, editor, { revision: 2, headline: NEW_HEADLINE });
    const contributor = await signedInAs(deps, 'contributor');
    res = await call('POST', `/articles/${id}/update`, contributor.headers, { revision: 3 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    // A reporter may stage and put live only their own: this one is the editor's.
    const reporter = await signedInAs(deps, 'reporter');
    res = await call('PATCH', `/articles/${id}`, reporter.headers, { revision: 3, dek: 'x' });
    expect(res.statusCode).toBe(403);
    res = await call('POST', `/articles/${id}/update`, reporter.headers, { revision: 3 });
    expect(res.statusCode).toBe(403);

    res = await call('POST', `/articles/${id}/update`, editor, { revision: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REVISION_CONFLICT');
    res = await call('POST', `/articles/${id}/update`, editor, { revision: 3, surprise: true });
    expect(res.statusCode).toBe(400);
    expect((await app.inject(URL)).body).not.toContain(WORD);
  });

  it('lets a reporter stage and update their own live article; an edit back to the live text stages nothing', async () => {
    const reporter = await signedInAs(deps, 'reporter', { name: 'Rita Reporter' });
    const id = await published(reporter.headers);
    let res = await call('PATCH', `/articles/${id}`, reporter.headers, {
      revision: 2,
      headline: NEW_HEADLINE,
    });
    expect(res.json()).toMatchObject({ staged: true, revision: 3 });
    res = await call('PATCH', `/articles/${id}`, reporter.headers, { revision: 3, headline: OLD_HEADLINE });
    expect(res.json()).toMatchObject({ staged: false, revision: 4, liveRevision: 4 });
    res = await call('POST', `/articles/${id}/update`, reporter.headers, { revision: 4 });
    expect(res.json().error.code).toBe('NOTHING_STAGED');
    res = await call('PATCH', `/articles/${id}`, reporter.headers, { revision: 4, ...staged });
    res = await call('POST', `/articles/${id}/update`, reporter.headers, { revision: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject(URL)).body).toContain(WORD);
  });

  it('keeps staged text off the page through a correction, a restore and the photo check', async () => {
    const id = await published();
    await call('PATCH', `/articles/${id}`, editor, { revision: 2, ...staged });
    const corrected = await call('POST', `/articles/${id}/corrections`, editor, {
      kind: 'correction',
      text: 'The harbour reopened on Monday, not Sunday.',
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ headline: NEW_HEADLINE, staged: true });
    const page = (await app.inject(URL)).body;
    expect(page).toContain('not Sunday');
    expect(page).not.toContain(WORD);
    const corrections = (await webhookPayloads()).filter((h) => h.event === 'article.corrected');
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.payload).not.toContain(WORD);

    // Restoring the live revision is a save: staged, here back to the live text.
    let res = await call('POST', `/articles/${id}/revisions/2/restore`, editor, { revision: 3 });
    expect(res.json()).toMatchObject({ headline: OLD_HEADLINE, staged: false, revision: 4 });
    res = await call('POST', `/articles/${id}/revisions/3/restore`, editor, { revision: 4 });
    expect(res.json()).toMatchObject({ headline: NEW_HEADLINE, staged: true, revision: 5 });
    expect((await app.inject(URL)).body).not.toContain(WORD);

    // The staged version passes the pre-publish checks before it goes live.
    res = await call('PATCH', `/articles/${id}`, editor, { revision: 5, section: null });
    res = await call('POST', `/articles/${id}/update`, editor, { revision: 6 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NOT_PUBLISHABLE', details: { field: 'section' } });
    expect((await app.inject(URL)).body).not.toContain(WORD);
  });

  it('makes staged edits the text of an unpublished article, telling integrators only what was live', async () => {
    const id = await published();
    await call('PATCH', `/articles/${id}`, editor, { revision: 2, ...staged });
    const res = await call('POST', `/articles/${id}/unpublish`, editor, { revision: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'unpublished',
      headline: NEW_HEADLINE,
      staged: false,
      liveRevision: null,
    });
    const hook = (await webhookPayloads()).find((h) => h.event === 'article.unpublished');
    expect(JSON.parse(hook!.payload).article).toMatchObject({
      headline: OLD_HEADLINE,
      status: 'unpublished',
    });
    expect(hook!.payload).not.toContain(WORD);
    // Published again, readers get the text that was staged.
    await call('POST', `/articles/${id}/publish`, editor, { revision: 4 });
    expect((await app.inject(URL)).body).toContain(WORD);
  });

  it('lets an archive import write a live article at once, setting staged edits aside in its history', async () => {
    const id = await published();
    await call('PATCH', `/articles/${id}`, editor, { revision: 2, ...staged });
    const file = parseImportFile(
      '---\nheadline: Harbour Reopens\nslug: harbour-reopens\nstatus: published\n---\nThe archive text.\n',
    );
    const result = await deps.database.db
      .transaction()
      .execute((trx) => importArticle(trx, clock, file, 'harbour.md'));
    expect(result.created).toBe(false);
    expect(result.warnings).toEqual([
      'edits staged in the newsroom (revision 3) were set aside; restore them from the history',
    ]);
    await deps.purges.sync();
    expect((await app.inject(URL)).body).toContain('The archive text.');
    const article = (await call('GET', `/articles/${id}`, editor)).json();
    expect(article).toMatchObject({ headline: OLD_HEADLINE, staged: false, revision: 4, liveRevision: 4 });
    const history = (await call('GET', `/articles/${id}/revisions/3`, editor)).json();
    expect(history.snapshot.headline).toBe(NEW_HEADLINE);
  });
});
