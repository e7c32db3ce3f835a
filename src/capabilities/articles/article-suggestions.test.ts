import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { readerOutputs } from '../../../test/support/reader-outputs.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { buildWorker } from '../../worker.js';
import { createWebhook, WEBHOOK_EVENTS } from '../webhooks/index.js';

/**
 * Issue 17, ADR 0036: suggestions through real HTTP. Publishing with open suggestions asks first; when the
 * editor goes ahead, readers get the text as if every open suggestion were rejected (no output holds a
 * suggested word; a word suggested away is still there) and the suggestions stay open in the newsroom;
 * accepted and put live, they reach readers on the next request.
 */
const api = '/api/admin/v1';
const WORD = 'zebrafinch';
const URL = '/2026/11/16/harbour-reopens';
const OUTPUTS = readerOutputs({
  path: URL,
  word: WORD,
  found: 'harbour',
  section: 'world',
  tag: 'ports',
  month: '2026-11',
});
const quiet = { info() {}, warn() {}, error() {} };

describeEachDialect('suggestions', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  let copyEditorId: string;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    const signedIn = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
    editor = signedIn.headers;
    copyEditorId = signedIn.staff.id;
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

  const insertionId = () => `${copyEditorId}.1763283600000.ins001`;
  const deletionId = () => `${copyEditorId}.1763283660000.del002`;
  /** "The harbour reopened on Monday." with " to zebrafinch crews" suggested in and " on Monday" suggested out. */
  const suggestedBody = () => ({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The harbour reopened' },
          {
            type: 'text',
            text: ` to ${WORD} crews`,
            marks: [{ type: 'insertion', attrs: { id: insertionId() } }],
          },
          { type: 'text', text: ' on Monday', marks: [{ type: 'deletion', attrs: { id: deletionId() } }] },
          { type: 'text', text: '.' },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'Ships queued at dawn.' }] },
    ],
  });

  async function draftWithSuggestions(): Promise<string> {
    const created = await call('POST', '/articles', editor, {
      headline: 'Harbour Reopens',
      section: 'world',
      tags: ['Ports'],
      access: 'free',
      body: suggestedBody(),
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id;
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

  function expectNoSuggestedWord(seen: Map<string, string>): void {
    for (const [url, body] of seen) {
      if (url === `/search?q=${WORD}`) expect(body).toContain(`0 articles for “${WORD}”`);
      else expect(body, url).not.toContain(WORD);
    }
  }

  async function webhookPayloads(): Promise<string[]> {
    const rows = await deps.database.db.selectFrom('webhook_deliveries').select('payload').execute();
    return rows.map((r) => r.payload);
  }

  it('asks before publishing open suggestions; going ahead, readers get the text without them, and the newsroom keeps them', async () => {
    const id = await draftWithSuggestions();
    const listed = await call('GET', `/articles/${id}/suggestions`, editor);
    expect(listed.json()).toEqual({
      revision: 1,
      items: [
        {
          id: insertionId(),
          kind: 'insertion',
          staffId: copyEditorId,
          at: '2025-11-16T09:00:00.000Z',
          text: ` to ${WORD} crews`,
        },
        {
          id: deletionId(),
          kind: 'deletion',
          staffId: copyEditorId,
          at: '2025-11-16T09:01:00.000Z',
          text: ' on Monday',
        },
      ],
    });

    // The newsroom's preview is the page as it would go live: without them.
    const preview = await call('POST', `/articles/${id}/preview`, editor, {});
    expect(preview.statusCode, preview.body.slice(0, 200)).toBe(200);
    expect(preview.body).toContain('The harbour reopened on Monday.');
    expect(preview.body).not.toContain(WORD);

    let res = await call('POST', `/articles/${id}/publish`, editor, { revision: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'SUGGESTIONS_OPEN', details: { count: 2 } });
    expect(res.json().error.message).toMatch(/^2 suggestions are still open/);
    expect((await call('GET', `/articles/${id}`, editor)).json()).toMatchObject({
      status: 'draft',
      revision: 1,
    });

    res = await call('POST', `/articles/${id}/publish`, editor, {
      revision: 1,
      openSuggestions: 'leave-out',
    });
    expect(res.statusCode, res.body).toBe(200);
    // Published as revision 2 (readers' text); the working copy with the suggestions is staged as 3.
    expect(res.json()).toMatchObject({ status: 'published', revision: 3, liveRevision: 2, staged: true });
    expect(res.json().body).toEqual(suggestedBody());
    const history = (await call('GET', `/articles/${id}/revisions`, editor)).json().items;
    expect(history.slice(0, 2)).toMatchObject([
      { number: 3, action: 'save', note: expect.stringMatching(/^Open suggestions kept/) },
      { number: 2, action: 'publish' },
    ]);

    const seen = await readerSees();
    expectNoSuggestedWord(seen);
    expect(seen.get(URL)).toContain('The harbour reopened on Monday.');
    for (const payload of await webhookPayloads()) expect(payload).not.toContain(WORD);

    // Accepted and rejected one by one in the working copy: readers still have the live text...
    res = await call('POST', `/articles/${id}/suggestions/accept`, editor, {
      revision: 3,
      ids: [insertionId()],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 4, staged: true });
    res = await call('POST', `/articles/${id}/suggestions/reject`, editor, {
      revision: 4,
      ids: [deletionId()],
    });
    expect(res.json().body.content[0].content).toEqual([
      { type: 'text', text: `The harbour reopened to ${WORD} crews on Monday.` },
    ]);
    expectNoSuggestedWord(await readerSees());
    // ...until Update, which now asks nothing: none is open.
    res = await call('POST', `/articles/${id}/update`, editor, { revision: 5 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 6, staged: false });
    expect((await app.inject(URL)).body).toContain(`The harbour reopened to ${WORD} crews on Monday.`);
  });

  it('keeps open suggestions out of an Update and out of a scheduled publication', async () => {
    const id = await draftWithSuggestions();
    let res = await call('POST', `/articles/${id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T12:00:00.000Z',
    });
    expect(res.json().error).toMatchObject({ code: 'SUGGESTIONS_OPEN', details: { count: 2 } });
    res = await call('POST', `/articles/${id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T12:00:00.000Z',
      openSuggestions: 'leave-out',
    });
    expect(res.statusCode, res.body).toBe(200);
    clock.set('2026-11-16T12:00:30.000Z');
    await buildWorker(deps, quiet).runDue();
    const article = (await call('GET', `/articles/${id}`, editor)).json();
    expect(article).toMatchObject({ status: 'published', staged: true, revision: 4, liveRevision: 3 });
    expectNoSuggestedWord(await readerSees());

    // Accept only the deletion; Update asks about the insertion still open, then leaves it out.
    res = await call('POST', `/articles/${id}/suggestions/accept`, editor, {
      revision: 4,
      ids: [deletionId()],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await call('POST', `/articles/${id}/update`, editor, { revision: 5 });
    expect(res.json().error).toMatchObject({ code: 'SUGGESTIONS_OPEN', details: { count: 1 } });
    expect(res.json().error.message).toMatch(/^One suggestion is still open/);
    res = await call('POST', `/articles/${id}/update`, editor, { revision: 5, openSuggestions: 'leave-out' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 7, liveRevision: 6, staged: true });
    const page = (await app.inject(URL)).body;
    expect(page).toContain('The harbour reopened.');
    expect(page).not.toContain(WORD);
    // Rejecting the last one leaves a working copy equal to the live text: nothing staged any more.
    res = await call('POST', `/articles/${id}/suggestions/reject`, editor, { revision: 7 });
    expect(res.json()).toMatchObject({ revision: 8, staged: false });
    expect((await call('GET', `/articles/${id}/suggestions`, editor)).json().items).toEqual([]);
  });

  it('refuses bad verdicts with a clear error and changes nothing', async () => {
    const id = await draftWithSuggestions();
    const unknown = `${copyEditorId}.1763283600000.zzzzzz`;
    let res = await call('POST', `/articles/${id}/suggestions/accept`, editor, {
      revision: 1,
      ids: [unknown],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'SUGGESTION_NOT_FOUND', details: { ids: [unknown] } });
    res = await call('POST', `/articles/${id}/suggestions/accept`, editor, { revision: 1, ids: [] });
    expect(res.statusCode).toBe(400);
    res = await call('POST', `/articles/${id}/suggestions/maybe`, editor, { revision: 1 });
    expect(res.statusCode).toBe(404);
    res = await call('POST', `/articles/${id}/suggestions/reject`, editor, { revision: 9 });
    expect(res.json().error.code).toBe('REVISION_CONFLICT');
    const contributor = await signedInAs(deps, 'contributor');
    res = await call('POST', `/articles/${id}/suggestions/accept`, contributor.headers, { revision: 1 });
    expect(res.statusCode).toBe(403);
    // Suggestions are read like the article: a contributor may not read an editor's draft.
    res = await call('GET', `/articles/${id}/suggestions`, contributor.headers);
    expect(res.statusCode).toBe((await call('GET', `/articles/${id}`, contributor.headers)).statusCode);
    expect(res.statusCode).toBe(403);
    // A made-up author or time is refused in a body, whoever sends it.
    res = await call('PATCH', `/articles/${id}`, editor, {
      revision: 1,
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'x', marks: [{ type: 'insertion', attrs: { id: 'Ann' } }] }],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'ARTICLE_INVALID',
      details: { field: 'body.content[0].content[0].marks[0].attrs.id' },
    });
    const article = (await call('GET', `/articles/${id}`, editor)).json();
    expect(article).toMatchObject({ revision: 1, body: suggestedBody() });
  });
});
