import { expect, it } from 'vitest';
import {
  fixedClock,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { anchorIn } from '../../../test/support/comment-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { readerOutputs } from '../../../test/support/reader-outputs.js';
import { createWebhook, WEBHOOK_EVENTS } from '../webhooks/index.js';

/**
 * Issue 17: comments are never published. An article with comments (opening, reply, an edit, a resolved
 * thread) is published, changed and put live again; the comments' words are in no reader output, no
 * webhook payload, no revision, and not in a reader's data export; erasing the reader leaves them be.
 * Everything through real HTTP.
 */
const API = '/api/admin/v1';
const TOKEN = 'quokkasecret';
const PATH = '/2026/11/16/harbour-reopens';
const PARAGRAPH = 'The harbour reopened on Monday after a week of storms closed the quay.';

const OUTPUTS = readerOutputs({
  path: PATH,
  word: TOKEN,
  found: 'harbour',
  section: 'world',
  tag: 'ports',
  month: '2026-11',
  author: 'ada-reporter',
});

describeEachDialect('comments are never published', (t) => {
  it('keeps every word of every comment out of pages, feeds, search, sitemaps, oEmbed, JSON-LD, webhooks and revisions', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const editor = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
    // A colleague on the copy desk: a reporter could not read the draft, nor be mentioned on it.
    const reporter = await signedInAs(deps, 'editor', { name: 'Cody Copydesk' });
    const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
      app.inject({ method: method as 'GET', url: `${API}${url}`, headers, ...(payload ? { payload } : {}) });
    await createWebhook(
      deps.database.db,
      clock,
      { staffId: null, tokenId: null, name: 'Test', role: 'owner' },
      { url: 'http://127.0.0.1:9/hook', events: [...WEBHOOK_EVENTS] },
      { allowPrivate: true },
    );
    expect((await call('POST', '/sections', editor.headers, { name: 'World' })).statusCode).toBe(201);
    const author = await call('POST', '/authors', editor.headers, { name: 'Ada Reporter' });
    expect(author.statusCode, author.body).toBe(201);

    const created = await call('POST', '/articles', editor.headers, {
      headline: 'Harbour Reopens',
      section: 'world',
      tags: ['Ports'],
      authorIds: [author.json().id],
      access: 'free',
      bodyMarkdown: PARAGRAPH,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    // Comments before publishing: a thread, a reply, an edit; one thread resolved.
    const thread = await call('POST', `/articles/${id}/comments`, editor.headers, {
      text: `Which storms? ${TOKEN} one`,
      anchor: anchorIn(PARAGRAPH, 'a week of storms'),
      mentions: [reporter.staff.id],
    });
    expect(thread.statusCode, thread.body).toBe(201);
    const threadId = thread.json().id;
    const reply = await call('POST', `/articles/${id}/comments/${threadId}/replies`, reporter.headers, {
      text: `Two of them, ${TOKEN} two`,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const edit = await call('PATCH', `/articles/${id}/comments/${threadId}`, editor.headers, {
      text: `Which storms exactly? ${TOKEN} three`,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const other = await call('POST', `/articles/${id}/comments`, reporter.headers, {
      text: `Monday? ${TOKEN} four`,
      anchor: { quote: 'Monday', prefix: 'reopened on ', suffix: ' after' },
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(
      (await call('POST', `/articles/${id}/comments/${other.json().id}/resolve`, editor.headers)).statusCode,
    ).toBe(200);

    const published = await call('POST', `/articles/${id}/publish`, editor.headers, { revision: 1 });
    expect(published.statusCode, published.body).toBe(200);
    // After publishing: a comment, then a staged edit put live (article.updated goes out).
    expect(
      (
        await call('POST', `/articles/${id}/comments/${threadId}/replies`, editor.headers, {
          text: `Fixed in the update, ${TOKEN} five`,
        })
      ).statusCode,
    ).toBe(201);
    const saved = await call('PATCH', `/articles/${id}/comments/${threadId}`, editor.headers, {
      text: `Which storms exactly, and when? ${TOKEN} six`,
    });
    expect(saved.statusCode).toBe(200);
    const staged = await call('PATCH', `/articles/${id}`, editor.headers, {
      revision: 2,
      bodyMarkdown: `${PARAGRAPH}\n\nShips queued at dawn.`,
    });
    expect(staged.statusCode, staged.body).toBe(200);
    const updated = await call('POST', `/articles/${id}/update`, editor.headers, { revision: 3 });
    expect(updated.statusCode, updated.body).toBe(200);

    // The comments are there for staff, so the outputs below are not empty by accident.
    const listed = await call('GET', `/articles/${id}/comments`, editor.headers);
    expect(listed.body.split(TOKEN)).toHaveLength(5);

    let sawTheArticle = 0;
    for (const url of OUTPUTS) {
      const res = await app.inject(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      if (url === `/search?q=${TOKEN}`) {
        // The search page repeats the query (title, field, count); it finds nothing.
        expect(res.body).toContain(`0 articles for “${TOKEN}”`);
      } else {
        expect(res.body, url).not.toContain(TOKEN);
      }
      expect(res.body, url).not.toContain('Which storms');
      if (res.body.includes('Harbour Reopens')) sawTheArticle += 1;
    }
    // Every output but the search for the token and the sitemaps' bare addresses shows the article.
    expect(sawTheArticle).toBeGreaterThanOrEqual(OUTPUTS.length - 4);

    // The article page's JSON-LD, read on its own; its body is the updated text, with no comment in it.
    const page = (await app.inject(PATH)).body;
    expect(page).toContain('Ships queued at dawn.');
    const ld = [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(ld.length).toBeGreaterThan(0);
    for (const json of ld) {
      expect(JSON.parse(json)).toBeTruthy();
      expect(json).not.toContain(TOKEN);
    }

    // Webhook payloads: published, updated; none carries a comment.
    const hooks = await deps.database.db
      .selectFrom('webhook_deliveries')
      .select(['event', 'payload'])
      .execute();
    expect(hooks.map((h) => h.event)).toEqual(
      expect.arrayContaining(['article.published', 'article.updated']),
    );
    for (const hook of hooks) expect(hook.payload, hook.event).not.toContain(TOKEN);

    // The article's own history: its revisions and their text know nothing of the comments.
    const revisions = await call('GET', `/articles/${id}/revisions`, editor.headers);
    expect(revisions.statusCode).toBe(200);
    expect(revisions.body).not.toContain(TOKEN);
    const numbers = (revisions.json().items as { number: number }[]).map((r) => r.number);
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    for (const number of numbers) {
      const one = await call('GET', `/articles/${id}/revisions/${number}`, editor.headers);
      expect(one.statusCode).toBe(200);
      expect(one.body, `revision ${number}`).not.toContain(TOKEN);
    }
    expect((await call('GET', `/articles/${id}`, editor.headers)).body).not.toContain(TOKEN);

    // A reader's data export is the reader's data: staff comments are none of it.
    await publishLegal(deps);
    const browser = new TestBrowser(app, clock);
    const reader = await signedUpReader(browser, deps, 'reader@example.com');
    expect((await browser.get(PATH)).body).not.toContain(TOKEN);
    const exported = await browser.get('/account/data');
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(TOKEN);
    // Erasing the reader erases the reader, and leaves the staff's comments as they were.
    const admin = await signedInAs(deps, 'admin');
    const erased = await app.inject({
      method: 'DELETE',
      url: `${API}/readers/${reader.id}`,
      headers: admin.headers,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect((await call('GET', `/articles/${id}/comments`, editor.headers)).body).toBe(listed.body);
  });
});
