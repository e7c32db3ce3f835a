import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
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
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';

/**
 * Issue 17, the server side of live co-editing (ADR 0031), through real WebSockets: Hocuspocus's own
 * provider against the app listening on a port, the Admin API beside it, on both databases.
 */
const api = '/api/admin/v1';

describeEachDialect('live co-editing', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  let editorId: string;
  let url: string;
  const open: LiveEditor[] = [];
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  async function start(): Promise<void> {
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = liveUrl(app);
  }

  beforeEach(async () => {
    await start();
    const signedIn = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
    editor = signedIn.headers;
    editorId = signedIn.staff.id;
    expect((await call('POST', '/sections', editor, { name: 'World' })).statusCode).toBe(201);
  });

  afterEach(async () => {
    for (const live of open.splice(0)) await live.close();
    await app.close();
  });

  const call = (method: string, path: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `${api}${path}`, headers, ...(payload ? { payload } : {}) });

  async function draft(headers = editor): Promise<{ id: string; revision: number }> {
    const res = await call('POST', '/articles', headers, {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn.',
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id, revision: res.json().revision };
  }

  async function live(id: string, headers = editor): Promise<LiveEditor> {
    const opened = await openLive(url, id, cookieOf(headers));
    open.push(opened);
    return opened;
  }

  async function leave(live: LiveEditor): Promise<void> {
    open.splice(open.indexOf(live), 1);
    await live.close();
  }

  const article = async (id: string) => (await call('GET', `/articles/${id}`, editor)).json();
  const revisions = async (id: string) =>
    (await call('GET', `/articles/${id}/revisions`, editor)).json().items;

  it("converges two editors' edits and writes them as one revision when the last leaves", async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    const b = await live(id);
    expect(a.doc.getText('headline').toString()).toBe('Harbour Reopens');
    expect(paragraphText(b.doc, 1)).toBe('Ships queued at dawn.');

    a.doc.getText('headline').insert('Harbour Reopens'.length, ' at Last');
    typeAtEnd(b.doc, 0, ' Fishermen cheered.');
    for (const doc of [a.doc, b.doc]) {
      await until(
        () =>
          doc.getText('headline').toString() === 'Harbour Reopens at Last' &&
          paragraphText(doc, 0) === 'The harbour reopened on Monday. Fishermen cheered.',
        'both edits reach both editors',
      );
    }
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    await leave(a);
    await leave(b);
    await until(async () => (await article(id)).revision > revision, 'a revision is written');
    const saved = await article(id);
    expect(saved.headline).toBe('Harbour Reopens at Last');
    expect(JSON.stringify(saved.body)).toContain('The harbour reopened on Monday. Fishermen cheered.');
    expect(saved.revision).toBe(revision + 1);
    expect((await revisions(id))[0]).toMatchObject({ number: revision + 1, by: 'Eda Editor' });
  });

  it('writes a revision when editing pauses, and tells the editors its number', async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    a.doc.getText('dek').insert(0, 'Ferries are back');
    await until(() => a.notices.some((n) => n.type === 'saved'), 'the pause is saved', 8000);
    expect(a.notices).toContainEqual({ type: 'saved', revision: revision + 1 });
    const saved = await article(id);
    expect(saved).toMatchObject({ revision: revision + 1, dek: 'Ferries are back' });
  });

  it('turns typing off when a workflow step takes away the right to edit, at once', async () => {
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const { id, revision } = await draft(contributor);
    const a = await live(id, contributor);
    expect(a.scope).toBe('read-write');
    typeAtEnd(a.doc, 0, ' Before review.');
    await until(() => a.provider.unsyncedChanges === 0, 'the server has the edit');
    // The step saves the live edit first (a new revision), so the contributor submits that one.
    expect((await call('POST', `/articles/${id}/submit`, contributor, { revision })).statusCode).toBe(409);
    const submitted = await call('POST', `/articles/${id}/submit`, contributor, { revision: revision + 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // In review, a contributor may read their article but not change it: they are told, and their
    // typing is no longer applied.
    await until(() => a.notices.some((n) => n.type === 'read-only'), 'the contributor is told');
    typeAtEnd(a.doc, 0, ' AFTER SUBMITTING');
    await until(() => a.provider.unsyncedChanges > 0, 'the server refuses the update');
    const watcher = await live(id);
    expect(paragraphText(watcher.doc, 0)).toBe('The harbour reopened on Monday. Before review.');
    expect(a.closes).toEqual([]);
  });

  it('refuses an upgrade without a staff session, or from another site', async () => {
    for (const headers of [{}, { cookie: 'masthead_staff=not-a-session' }] as Record<string, string>[]) {
      expect(await upgradeStatus(url, headers)).toBe(401);
    }
    const origin = { cookie: cookieOf(editor), origin: 'https://evil.example' };
    expect(await upgradeStatus(url, origin)).toBe(403);
    expect(await upgradeStatus(url.replace('/collab', '/other'), { cookie: cookieOf(editor) })).toBe(404);
  });

  it('refuses an article the staff member may not read, and one that does not exist', async () => {
    const { id } = await draft();
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    await expect(openLive(url, id, cookieOf(contributor))).rejects.toThrow(
      'refused: Your role (contributor) can read only published articles and your own.',
    );
    await expect(openLive(url, 'no-such-article', cookieOf(editor))).rejects.toThrow(
      'refused: There is no such article.',
    );
  });

  it('lets a role that may not edit the article watch it live, and applies none of its updates', async () => {
    const { id, revision } = await draft();
    const published = await call('POST', `/articles/${id}/publish`, editor, { revision });
    expect(published.statusCode, published.body).toBe(200);
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const watcher = await live(id, contributor);
    const writer = await live(id);
    expect(watcher.scope).toBe('readonly');
    expect(writer.scope).toBe('read-write');

    typeAtEnd(watcher.doc, 1, ' WATCHER WAS HERE');
    typeAtEnd(writer.doc, 0, ' Editor typed.');
    await until(() => paragraphText(watcher.doc, 0).endsWith('Editor typed.'), 'the watcher sees the edit');
    await leave(watcher);
    await leave(writer);
    await until(async () => (await article(id)).staged === true, 'the edit is staged');
    const saved = await article(id);
    expect(JSON.stringify(saved.body)).toContain('Editor typed.');
    expect(JSON.stringify(saved.body)).not.toContain('WATCHER');
    const again = await live(id);
    expect(paragraphText(again.doc, 1)).toBe('Ships queued at dawn.');
  });

  it('closes out a staff member who is disabled while editing', async () => {
    const { id, revision } = await draft();
    const reporter = await signedInAs(deps, 'reporter');
    const admin = (await signedInAs(deps, 'admin')).headers;
    const published = await call('POST', `/articles/${id}/publish`, editor, { revision });
    expect(published.statusCode, published.body).toBe(200);
    const a = await live(id, reporter.headers);
    a.stayDown();
    const res = await call('PATCH', `/staff/${reporter.staff.id}`, admin, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    await until(() => a.closes.includes(4401), 'the socket is closed', 8000);
  });

  it('keeps the shared document across a restart of the server', async () => {
    const { id } = await draft();
    const a = await live(id);
    typeAtEnd(a.doc, 1, ' Gulls circled.');
    await until(() => a.provider.unsyncedChanges === 0, 'the server has the edit');
    a.stayDown();
    await app.close();
    await start();

    const b = await live(id);
    expect(paragraphText(b.doc, 1)).toBe('Ships queued at dawn. Gulls circled.');
    // The same document, not one made again from the article: a's updates are known to it.
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('never makes a revision of a document the schema refuses, and says why', async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    const before = await revisions(id);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 1 as unknown as string);
    heading.insert(0, [new Y.XmlText('A second headline')]);
    a.doc.getXmlFragment('body').insert(0, [heading]);
    await until(() => a.notices.some((n) => n.type === 'not-saved'), 'the editors are told', 8000);
    expect(a.notices.find((n) => n.type === 'not-saved')?.message).toMatch(/body is not valid/);

    const after = await article(id);
    expect(after.revision).toBe(revision);
    expect(JSON.stringify(after.body)).not.toContain('A second headline');
    expect(await revisions(id)).toEqual(before);

    // Nothing typed is lost: the stored document still holds it, for the editors to fix.
    await leave(a);
    const b = await live(id);
    expect(b.doc.getXmlFragment('body').get(0)).toBeInstanceOf(Y.XmlElement);
    expect((b.doc.getXmlFragment('body').get(0) as Y.XmlElement).nodeName).toBe('heading');
  });

  it('merges an Admin API write into a loaded live document, keeping both sides', async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    typeAtEnd(a.doc, 0, ' LIVE WORDS.');
    await until(() => a.provider.unsyncedChanges === 0, 'the server has the edit');

    const res = await call('PATCH', `/articles/${id}`, editor, {
      revision,
      dek: 'Ferries return',
      bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn, REST WORDS.',
    });
    expect(res.statusCode, res.body).toBe(200);
    await until(() => paragraphText(a.doc, 1) === 'Ships queued at dawn, REST WORDS.', 'the write is merged');
    expect(paragraphText(a.doc, 0)).toBe('The harbour reopened on Monday. LIVE WORDS.');
    expect(a.doc.getText('dek').toString()).toBe('Ferries return');

    await leave(a);
    await until(async () => (await article(id)).revision > res.json().revision, 'the merge is saved');
    const body = JSON.stringify((await article(id)).body);
    expect(body).toContain('LIVE WORDS.');
    expect(body).toContain('REST WORDS.');
  });

  it('still answers a REST client with a stale revision 409, with the live text as current', async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    typeAtEnd(a.doc, 0, ' Typed live.');
    await leave(a);
    await until(async () => (await article(id)).revision > revision, 'the live edit is a revision');

    const stale = await call('PATCH', `/articles/${id}`, editor, { revision, headline: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('REVISION_CONFLICT');
    expect(JSON.stringify(stale.json().error.details)).toContain('Typed live.');
  });

  it('saves unsaved live edits before a workflow step, so a step on an older revision is a 409', async () => {
    const { id, revision } = await draft();
    const a = await live(id);
    typeAtEnd(a.doc, 1, ' Just typed.');
    await until(() => a.provider.unsyncedChanges === 0, 'the server has the edit');

    const stale = await call('POST', `/articles/${id}/publish`, editor, { revision });
    expect(stale.statusCode).toBe(409);
    const current = (await article(id)).revision;
    expect(current).toBe(revision + 1);
    const res = await call('POST', `/articles/${id}/publish`, editor, { revision: current });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.stringify(res.json().body)).toContain('Just typed.');
  });
  it('keeps a suggestion typed live: stored with its mark, left out when published, accepted by REST into the live text', async () => {
    const { id } = await draft();
    const a = await live(id);
    const suggestion = `${editorId}.1763283600000.ins001`;
    // As the editor in suggest mode types: the text carries the mark as a Yjs formatting attribute.
    const paragraph = a.doc.getXmlFragment('body').get(1) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, ' A zebrafinch watched.', { insertion: { id: suggestion } });
    await leave(a);
    await until(async () => (await article(id)).revision > 1, 'a revision is written');
    expect((await article(id)).body.content[1].content).toEqual([
      { type: 'text', text: 'Ships queued at dawn.' },
      {
        type: 'text',
        text: ' A zebrafinch watched.',
        marks: [{ type: 'insertion', attrs: { id: suggestion } }],
      },
    ]);

    let saved = await article(id);
    let res = await call('POST', `/articles/${id}/publish`, editor, { revision: saved.revision });
    expect(res.json().error).toMatchObject({ code: 'SUGGESTIONS_OPEN', details: { count: 1 } });
    res = await call('POST', `/articles/${id}/publish`, editor, {
      revision: saved.revision,
      openSuggestions: 'leave-out',
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = `/2026/11/16/${res.json().slug}`;
    expect((await app.inject(page)).body).toContain('Ships queued at dawn.');
    expect((await app.inject(page)).body).not.toContain('zebrafinch');

    // Open again: still a suggestion. Accepted over REST, the mark leaves the live text at once.
    const b = await live(id);
    const delta = () => ((b.doc.getXmlFragment('body').get(1) as Y.XmlElement).get(0) as Y.XmlText).toDelta();
    expect(delta()).toEqual([
      { insert: 'Ships queued at dawn.' },
      { insert: ' A zebrafinch watched.', attributes: { insertion: { id: suggestion } } },
    ]);
    saved = await article(id);
    res = await call('POST', `/articles/${id}/suggestions/accept`, editor, { revision: saved.revision });
    expect(res.statusCode, res.body).toBe(200);
    await until(() => delta().length === 1, 'the accepted text reaches the live editor');
    expect(delta()).toEqual([{ insert: 'Ships queued at dawn. A zebrafinch watched.' }]);
    res = await call('POST', `/articles/${id}/update`, editor, { revision: res.json().revision });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject(page)).body).toContain('Ships queued at dawn. A zebrafinch watched.');
  });
  it('names everyone who typed a live revision in its note; the last to type is its author', async () => {
    const { id, revision } = await draft();
    const other = (await signedInAs(deps, 'editor', { name: 'Ola Other' })).headers;
    const a = await live(id);
    const b = await live(id, other);
    typeAtEnd(a.doc, 0, ' Eda was here.');
    await until(() => paragraphText(b.doc, 0).endsWith('Eda was here.'), 'A reaches B');
    typeAtEnd(b.doc, 1, ' Ola too.');
    await until(() => paragraphText(a.doc, 1).endsWith('Ola too.'), 'B reaches A');
    await leave(a);
    await leave(b);
    await until(async () => (await article(id)).revision > revision, 'a revision is written');
    expect((await revisions(id))[0]).toMatchObject({
      number: revision + 1,
      by: 'Ola Other',
      note: 'Written live by Eda Editor and Ola Other.',
    });
    // One person alone: the author says it all, no note.
    const c = await live(id);
    typeAtEnd(c.doc, 1, ' Eda again.');
    await leave(c);
    await until(async () => (await article(id)).revision > revision + 1, 'a second revision');
    expect((await revisions(id))[0]).toMatchObject({ by: 'Eda Editor', note: null });
  });
});

/** The HTTP status with which the server answers a WebSocket upgrade that it refuses (101 if accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', reject);
  });
}
