import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { buildWorker } from '../../worker.js';
import { samplePhoto } from '../media/index.js';

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };
const EMBARGO = '2026-11-16T14:00:00.000Z';

describeEachDialect('the hard embargo', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  let owner: Record<string, string>;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = (await signedInAs(deps, 'editor', { name: 'Eda Editor' })).headers;
    owner = (await signedInAs(deps, 'owner', { name: 'Olga Owner' })).headers;
    await call('POST', '/sections', editor, { name: 'World' });
    const res = await call('PATCH', '/settings', owner, { 'publication.timezone': 'America/New_York' });
    expect(res.statusCode, res.body).toBe(200);
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `${api}${url}`, headers, ...(payload ? { payload } : {}) });

  async function draft(fields: Record<string, unknown> = {}) {
    const res = await call('POST', '/articles', editor, {
      headline: 'Trade Figures Due at Two',
      section: 'world',
      bodyMarkdown: 'The figures are under embargo until two in the afternoon.',
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; revision: number; embargoUntil: string | null };
  }

  it('refuses to publish before the embargo, the owner and the photo override included, and publishes after', async () => {
    const article = await draft({ embargoUntil: '2026-11-16T09:00:00-05:00' });
    // Stored as one instant in UTC, whatever offset it was sent with.
    expect(article.embargoUntil).toBe(EMBARGO);
    const listed = (await call('GET', '/articles', editor)).json().items[0];
    expect(listed.embargoUntil).toBe(EMBARGO);

    let res = await call('POST', `/articles/${article.id}/publish`, owner, { revision: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'EMBARGOED',
      details: { field: 'embargoUntil', embargoUntil: EMBARGO },
    });
    expect(res.json().error.message).toBe(
      'Embargoed until 16 November 2026, 09:00 America/New_York time (14:00 UTC): it cannot be published before then, whoever asks. Schedule it for that time or later.',
    );

    // An uncredited photo and an editor's override: the override is for the photo check, not the embargo.
    const photo = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...editor, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 800, height: 500 }),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    res = await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 1,
      leadImage: { mediaId: photo.json().id },
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await call('POST', `/articles/${article.id}/publish`, editor, {
      revision: 2,
      overrideReason: 'The agency credit follows.',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EMBARGOED');

    // One millisecond before: still refused. At the embargo's time: live.
    clock.set('2026-11-16T13:59:59.999Z');
    res = await call('POST', `/articles/${article.id}/publish`, owner, {
      revision: 2,
      overrideReason: 'Credit follows.',
    });
    expect(res.json().error.code).toBe('EMBARGOED');
    clock.set(EMBARGO);
    res = await call('POST', `/articles/${article.id}/publish`, owner, {
      revision: 2,
      overrideReason: 'Credit follows.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedAt: EMBARGO });
  });

  it('schedules only for the embargo’s time or later, and the job publishes at the scheduled time', async () => {
    const article = await draft({ embargoUntil: EMBARGO });
    let res = await call('POST', `/articles/${article.id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T13:30:00.000Z',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'EMBARGOED', details: { field: 'embargoUntil' } });
    expect(res.json().error.message).toContain('schedule it for that time or later');
    res = await call('POST', `/articles/${article.id}/schedule`, editor, { revision: 1, at: EMBARGO });
    expect(res.json()).toMatchObject({ status: 'scheduled', scheduledAt: EMBARGO });

    // An embargo later than the scheduled time is refused, saying why and what to do; nothing is saved.
    res = await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 2,
      embargoUntil: '2026-11-16T15:00:00.000Z',
      dek: 'Not saved with it',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EMBARGO_CONFLICT');
    expect(res.json().error.message).toContain('scheduled to publish at 16 November 2026, 09:00');
    expect(res.json().error.message).toContain('Reschedule it');
    expect((await call('GET', `/articles/${article.id}`, editor)).json()).toMatchObject({
      revision: 2,
      dek: '',
      embargoUntil: EMBARGO,
    });
    // Moving it earlier is fine, and history says who did it.
    res = await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 2,
      embargoUntil: '2026-11-16T13:00:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    const revisions = (await call('GET', `/articles/${article.id}/revisions`, editor)).json().items;
    expect(revisions[0]).toMatchObject({ action: 'save', changed: ['embargoUntil'], by: 'Eda Editor' });

    const worker = buildWorker(deps, quiet);
    clock.set('2026-11-16T13:59:00.000Z');
    await worker.runDue();
    expect((await call('GET', `/articles/${article.id}`, editor)).json().status).toBe('scheduled');
    clock.set('2026-11-16T14:00:30.000Z');
    await worker.runDue();
    expect((await call('GET', `/articles/${article.id}`, editor)).json()).toMatchObject({
      status: 'published',
      publishedAt: '2026-11-16T14:00:30.000Z',
    });
  });

  it('the scheduled-publish job waits for an embargo that reached the row behind the API’s back', async () => {
    const article = await draft();
    let res = await call('POST', `/articles/${article.id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T12:00:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    // A hand edit of the database (or an old importer): the job must still not publish early.
    await deps.database.db
      .updateTable('articles')
      .set({ embargo_until: EMBARGO })
      .where('id', '=', article.id)
      .execute();
    const worker = buildWorker(deps, quiet);
    clock.set('2026-11-16T12:00:01.000Z');
    await worker.runDue();
    expect((await call('GET', `/articles/${article.id}`, editor)).json().status).toBe('scheduled');
    clock.set('2026-11-16T14:00:01.000Z');
    await worker.runDue();
    res = await call('GET', `/articles/${article.id}`, editor);
    expect(res.json()).toMatchObject({ status: 'published', publishedAt: '2026-11-16T14:00:01.000Z' });
  });

  it('will not embargo a live article, lets an embargo be lifted, and refuses a time that is not one', async () => {
    const article = await draft();
    let res = await call('POST', `/articles/${article.id}/publish`, editor, { revision: 1 });
    expect(res.json().status).toBe('published');
    res = await call('PATCH', `/articles/${article.id}`, owner, { revision: 2, embargoUntil: EMBARGO });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'EMBARGO_CONFLICT', details: { field: 'embargoUntil' } });
    expect(res.json().error.message).toContain('already published');

    const other = await draft({ slug: 'other', embargoUntil: EMBARGO });
    res = await call('PATCH', `/articles/${other.id}`, editor, {
      revision: 1,
      embargoUntil: 'tomorrow at two',
    });
    expect(res.statusCode).toBe(400);
    res = await call('PATCH', `/articles/${other.id}`, editor, { revision: 1, embargoUntil: null });
    expect(res.json()).toMatchObject({ revision: 2, embargoUntil: null });
    res = await call('POST', `/articles/${other.id}/publish`, editor, { revision: 2 });
    expect(res.json().status).toBe('published');
    // Restoring the revision that had the embargo brings back its text, not the embargo.
    res = await call('POST', `/articles/${other.id}/revisions/1/restore`, editor, { revision: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', embargoUntil: null });
  });
});
