import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import { CUT_MARKER } from './preview-page.js';

const API = '/api/admin/v1';
type Headers = Record<string, string>;
const BODY = ['First open paragraph.', 'Second open paragraph.', 'Third open paragraph.']
  .concat(['Fourth paragraph, behind the wall.', 'Fifth paragraph, behind the wall.'])
  .join('\n\n');

describeEachDialect('the newsroom preview of the reader page (issue 13)', (t) => {
  async function newsroom() {
    const { app, deps } = await buildTestApp(t.database);
    // Three of the five paragraphs open (the wall's share setting, issue 14), so the cut falls mid-story.
    await updateSetting(deps.database.db, deps.clock, 'wall.open_share_percent', 60);
    const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
      app.inject({ method: method as 'GET', url: `${API}${url}`, headers, ...(payload ? { payload } : {}) });
    const reporter = await signedInAs(deps, 'reporter', { name: 'Rita Reporter' });
    const editor = (await signedInAs(deps, 'editor')).headers;
    let n = 0;
    const create = async (headers: Headers, fields: Record<string, unknown>) => {
      n += 1;
      const slug = `saved-headline-${n}`;
      const res = await call('POST', '/articles', headers, { headline: 'Saved headline', slug, ...fields });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; revision: number };
    };
    return { app, deps, call, reporter: reporter.headers, editor, create };
  }

  it('renders unsaved fields on the reader page, cut where the wall cuts, and saves nothing', async () => {
    const { call, reporter, create } = await newsroom();
    const draft = await create(reporter, { bodyMarkdown: BODY, dek: 'Saved dek', access: 'metered' });
    const res = await call('POST', `/articles/${draft.id}/preview`, reporter, {
      headline: 'Unsaved <headline> & more',
      tags: ['A topic nobody used yet'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    // The reader's own page: its layout, stylesheet and parts, with the unsaved headline escaped.
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('<h1>Unsaved &lt;headline> &amp; more</h1>');
    expect(html).toContain('<p class="dek">Saved dek</p>');
    expect(html).toContain('class="masthead"');
    expect(html).toContain('Rita Reporter');
    expect(html).toContain('href="/tag/a-topic-nobody-used-yet"');
    // Open part, the marker, the wall's prompt, then the rest marked as behind the wall.
    const at = (text: string) => html.indexOf(text);
    expect(at('Third open paragraph.')).toBeGreaterThan(0);
    expect(at(CUT_MARKER)).toBeGreaterThan(at('Third open paragraph.'));
    expect(at('Sign in or create a free account')).toBeGreaterThan(at(CUT_MARKER));
    expect(at('class="preview-behind-wall"')).toBeGreaterThan(at('Sign in or create a free account'));
    expect(at('Fourth paragraph, behind the wall.')).toBeGreaterThan(at('class="preview-behind-wall"'));
    expect(html).not.toContain('class="article-rest"');

    // Nothing was written: the article, its revisions and the tags are as they were.
    const article = (await call('GET', `/articles/${draft.id}`, reporter)).json();
    expect(article.headline).toBe('Saved headline');
    expect(article.revision).toBe(1);
    expect(article.tags).toEqual([]);
    const tags = (await call('GET', '/tags?q=a%20topic', reporter)).json();
    expect(JSON.stringify(tags)).not.toContain('nobody used');
  });

  it('shows a free article whole, with no marker; and a metered one turned free before saving', async () => {
    const { call, reporter, create } = await newsroom();
    const free = await create(reporter, { bodyMarkdown: BODY, access: 'free' });
    const res = await call('POST', `/articles/${free.id}/preview`, reporter, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(CUT_MARKER);
    expect(res.body).not.toContain('preview-behind-wall');
    expect(res.body).toContain('class="article-rest"');
    expect(res.body).toContain('Fifth paragraph, behind the wall.');

    const metered = await create(reporter, { bodyMarkdown: BODY, access: 'metered' });
    const asFree = await call('POST', `/articles/${metered.id}/preview`, reporter, { access: 'free' });
    expect(asFree.body).not.toContain(CUT_MARKER);
    const asRegistration = await call('POST', `/articles/${free.id}/preview`, reporter, {
      access: 'registration',
    });
    expect(asRegistration.body).toContain(CUT_MARKER);
    expect(asRegistration.body).toContain('This article is for registered readers.');
  });

  it('previews a published article with its corrections and first publication date', async () => {
    const { call, editor, create } = await newsroom();
    const section = (await call('POST', '/sections', editor, { name: 'City' })).json();
    const a = await create(editor, { bodyMarkdown: BODY, access: 'free', section: section.path });
    const published = await call('POST', `/articles/${a.id}/publish`, editor, { revision: 1 });
    expect(published.statusCode, published.body).toBe(200);
    const c = await call('POST', `/articles/${a.id}/corrections`, editor, {
      kind: 'correction',
      text: 'An earlier version misspelt the mayor.',
    });
    expect(c.statusCode, c.body).toBe(201);
    const res = await call('POST', `/articles/${a.id}/preview`, editor, { dek: 'A staged dek' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('A staged dek');
    expect(res.body).toContain('An earlier version misspelt the mayor.');
    expect(res.body).toContain('datetime="2026-11-16T09:00:00.000Z"');
    expect(res.body).toContain('<a href="/section/city">City</a>');
  });

  it('is typed in the OpenAPI document: the fields of a save in, an HTML page out', async () => {
    const { app } = await newsroom();
    const doc = (await app.inject({ url: `${API}/openapi.json` })).json();
    const op = doc.paths[`${API}/articles/{id}/preview`].post;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['headline', 'body', 'access']));
    expect(body.properties.revision).toBeUndefined();
    expect(body.required ?? []).toEqual([]);
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/html']);
  });

  it('follows the read rule: 404 for no article, 403 for a contributor on another desk, 401 signed out', async () => {
    const { app, deps, call, reporter, editor, create } = await newsroom();
    const theirs = await create(reporter, { bodyMarkdown: 'Secret draft text.' });
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const refused = await call('POST', `/articles/${theirs.id}/preview`, contributor, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    expect(refused.body).not.toContain('Secret draft');
    expect(refused.body).not.toContain('Saved headline');

    const missing = await call('POST', '/articles/01NOSUCHARTICLE/preview', editor, {});
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ARTICLE_NOT_FOUND');

    const signedOut = await app.inject({
      method: 'POST',
      url: `${API}/articles/${theirs.id}/preview`,
      payload: {},
    });
    expect(signedOut.statusCode).toBe(401);

    // An editor reads every article, so previews it; its own author too.
    expect((await call('POST', `/articles/${theirs.id}/preview`, editor, {})).statusCode).toBe(200);
    expect((await call('POST', `/articles/${theirs.id}/preview`, reporter, {})).statusCode).toBe(200);
  });

  it('refuses bad fields with the same errors as a save', async () => {
    const { call, reporter, create } = await newsroom();
    const draft = await create(reporter, { bodyMarkdown: BODY });
    const bad: Record<string, unknown>[] = [
      { headline: '   ' },
      { body: { type: 'doc', content: [{ type: 'script', text: 'x' }] } },
      { body: { type: 'doc' }, bodyMarkdown: 'Both.' },
      { section: 'no/such/section' },
      { tags: ['!!!'] },
      { authorIds: ['no-such-author'] },
      { access: 'paid' },
      { leadImage: { mediaId: 'no-such-photo' } },
      { slug: 'Not A Slug!' },
      { headline: 'x'.repeat(301) },
      { surprise: 'field' },
    ];
    for (const fields of bad) {
      const label = JSON.stringify(fields).slice(0, 80);
      const preview = await call('POST', `/articles/${draft.id}/preview`, reporter, fields);
      const save = await call('PATCH', `/articles/${draft.id}`, reporter, { revision: 1, ...fields });
      expect(preview.statusCode, label).toBe(400);
      expect(preview.statusCode, label).toBe(save.statusCode);
      expect(preview.json().error.code, label).toBe(save.json().error.code);
      expect(preview.json().error.message, label).toBe(save.json().error.message);
      expect(preview.json().error.details?.field, label).toBe(save.json().error.details?.field);
    }
  });
});
