import { afterEach, expect, it } from 'vitest';
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
import { LIVE_EDITING_OFF } from './live-document-socket.js';

/**
 * What live editors are told besides their text: that the paper switched back to one writer at a time
 * (setting newsroom.editing, issue 17; the socket is then refused, and documents open at the switch are
 * saved before their editors are closed out), and that an article's comments changed.
 */
const api = '/api/admin/v1';

describeEachDialect('live editing turned off by the paper', (t) => {
  const closing: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  it('saves what editors typed, tells them, closes them out, and refuses the socket until it is on again', async () => {
    const { app, deps } = await buildTestApp(t.database, { live: { recheckEvery: 100 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(() => app.close());
    const editor = await signedInAs(deps, 'editor');
    const admin = await signedInAs(deps, 'admin');
    const call = (
      method: 'GET' | 'POST' | 'PATCH',
      path: string,
      headers: Record<string, string>,
      payload?: object,
    ) => app.inject({ method, url: `${api}${path}`, headers, ...(payload ? { payload } : {}) });
    expect((await call('POST', '/sections', editor.headers, { name: 'World' })).statusCode).toBe(201);
    const created = await call('POST', '/articles', editor.headers, {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'Ships.',
    });
    const id = created.json().id as string;

    const live = await openLive(liveUrl(app), id, cookieOf(editor.headers));
    closing.push(() => live.close());
    typeAtEnd(live.doc, 0, ' Typed live.');
    await until(() => live.provider.unsyncedChanges === 0, 'the server has the typing');

    const off = await call('PATCH', '/settings', admin.headers, { 'newsroom.editing': 'single-writer' });
    expect(off.statusCode, off.body).toBe(200);
    await until(() => live.notices.some((n) => n.type === 'editing-off'), 'the editor is told');
    expect(live.notices.find((n) => n.type === 'editing-off')?.message).toBe(LIVE_EDITING_OFF);
    // Saved before the notice: the working copy holds the live typing, as a revision of its own.
    const saved = (await call('GET', `/articles/${id}`, editor.headers)).json();
    expect(saved.revision).toBeGreaterThan(1);
    expect(JSON.stringify(saved.body)).toContain('Ships. Typed live.');
    expect(paragraphText(live.doc, 0)).toBe('Ships. Typed live.');

    live.stayDown();
    const refused = await upgrade(liveUrl(app), { cookie: cookieOf(editor.headers) });
    expect(refused).toMatchObject({ status: 409, body: LIVE_EDITING_OFF });
    // One writer at a time: a save on the old revision is the 409 with both versions.
    const stale = await call('PATCH', `/articles/${id}`, editor.headers, { revision: 1, dek: 'Stale.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('REVISION_CONFLICT');

    const bad = await call('PATCH', '/settings', admin.headers, { 'newsroom.editing': 'sometimes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be \\"live\\" or \\"single-writer\\"');

    expect((await call('PATCH', '/settings', admin.headers, { 'newsroom.editing': 'live' })).statusCode).toBe(
      200,
    );
    const again = await openLive(liveUrl(app), id, cookieOf(editor.headers));
    closing.push(() => again.close());
    expect(paragraphText(again.doc, 0)).toBe('Ships. Typed live.');
  });

  it('tells the editors in an article at once when its comments change', async () => {
    const { app, deps } = await buildTestApp(t.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(() => app.close());
    const editor = await signedInAs(deps, 'editor');
    const post = (path: string, payload: object) =>
      app.inject({ method: 'POST', url: `${api}${path}`, headers: editor.headers, payload });
    expect((await post('/sections', { name: 'World' })).statusCode).toBe(201);
    const id = (
      await post('/articles', { headline: 'Harbour Reopens', section: 'world', bodyMarkdown: 'Ships.' })
    ).json().id as string;
    const live = await openLive(liveUrl(app), id, cookieOf(editor.headers));
    closing.push(() => live.close());

    const comment = await post(`/articles/${id}/comments`, {
      text: 'Which ships?',
      anchor: { field: 'body', quote: 'Ships', prefix: '', suffix: '.' },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    await until(() => live.notices.some((n) => n.type === 'comments-changed'), 'the editor is told');
  });
});
