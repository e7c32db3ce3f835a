import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { samplePhoto } from './media-samples.js';

const API = '/api/admin/v1';
type Headers = Record<string, string>;

/** Issue 12, F3: rights on a photo follow rights on the articles that use it. */
describeEachDialect('who may change or delete a photo', (t) => {
  async function desk() {
    const { app, deps } = await buildTestApp(t.database);
    const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
      app.inject({ method: method as 'GET', url: `${API}${url}`, headers, ...(payload ? { payload } : {}) });
    const editor = (await signedInAs(deps, 'editor')).headers;
    const reporter = (await signedInAs(deps, 'reporter')).headers;
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    await call('POST', '/sections', editor, { name: 'World' });
    const upload = async (headers: Headers) => {
      const res = await app.inject({
        method: 'POST',
        url: `${API}/media`,
        headers: { ...headers, 'content-type': 'image/jpeg' },
        payload: await samplePhoto({ width: 400, height: 300 }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const article = async (headers: Headers, headline: string, mediaId: string) => {
      const res = await call('POST', '/articles', headers, {
        headline,
        section: 'world',
        bodyMarkdown: 'The harbour reopened on Monday.',
        leadImage: { mediaId },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; revision: number };
    };
    const caption = (headers: Headers, id: string, text = 'Changed by someone') =>
      call('PATCH', `/media/${id}`, headers, { caption: text });
    return { app, call, editor, reporter, contributor, upload, article, caption };
  }

  it('refuses a contributor the caption of a photo on a published article they may not edit', async () => {
    const { call, editor, reporter, contributor, upload, article, caption } = await desk();
    const photo = await upload(editor);
    expect(
      (await call('PATCH', `/media/${photo}`, editor, { credit: 'Agency', altText: 'Quay' })).statusCode,
    ).toBe(200);
    const story = await article(reporter, 'Harbour Reopens', photo);
    expect((await call('POST', `/articles/${story.id}/publish`, editor, { revision: 1 })).statusCode).toBe(
      200,
    );

    // The same contributor is refused on the article, and now on its photo too.
    const onArticle = await call('PATCH', `/articles/${story.id}`, contributor, { revision: 2, dek: 'x' });
    expect(onArticle.statusCode).toBe(403);
    for (const payload of [{ caption: 'Forged' }, { credit: 'Nobody' }, { altText: 'Wrong' }]) {
      const refused = await call('PATCH', `/media/${photo}`, contributor, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const kept = await call('GET', `/media/${photo}`, editor);
    expect(kept.json()).toMatchObject({ credit: 'Agency', altText: 'Quay' });
    expect(kept.json().caption).not.toBe('Forged');
    const deleted = await call('DELETE', `/media/${photo}`, contributor);
    expect(deleted.statusCode).toBe(403);

    // The credited reporter may change what their own published article shows; so may an editor.
    expect((await caption(reporter, photo, 'Ships at the quay')).statusCode).toBe(200);
    expect((await caption(editor, photo, 'Ships at the quay, Monday')).statusCode).toBe(200);
  });

  it('lets a contributor change a photo that runs only in their own draft, even one they did not upload', async () => {
    const { editor, contributor, upload, article, caption } = await desk();
    const photo = await upload(editor);
    await article(contributor, 'My Draft', photo);
    expect((await caption(contributor, photo)).statusCode).toBe(200);
  });

  it('gives an unused photo to its uploader and to editors and above', async () => {
    const { call, editor, reporter, contributor, upload, caption } = await desk();
    const mine = await upload(contributor);
    const theirs = await upload(editor);
    expect((await caption(contributor, mine)).statusCode).toBe(200);
    for (const headers of [contributor, reporter]) {
      expect((await caption(headers, theirs)).statusCode).toBe(403);
      const refused = await call('DELETE', `/media/${theirs}`, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'editor' } });
    }
    expect((await call('DELETE', `/media/${mine}`, contributor)).statusCode).toBe(204);
    expect((await caption(editor, theirs)).statusCode).toBe(200);
    expect((await call('DELETE', `/media/${theirs}`, editor)).statusCode).toBe(204);
  });

  it("names in 'used in' only the articles the caller may read, and never leaks a headline in a refusal", async () => {
    const { call, editor, reporter, contributor, upload, article, caption } = await desk();
    const photo = await upload(editor);
    await article(reporter, 'Embargoed Merger Talks', photo);
    const forEditor = await call('GET', `/media/${photo}`, editor);
    expect(forEditor.json().usedIn.map((u: { headline: string }) => u.headline)).toEqual([
      'Embargoed Merger Talks',
    ]);
    const forContributor = await call('GET', `/media/${photo}`, contributor);
    expect(forContributor.statusCode).toBe(200);
    expect(forContributor.json().usedIn).toEqual([]);
    expect(forContributor.body).not.toContain('Embargoed');
    const refused = await caption(contributor, photo);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('Embargoed');
  });
});
