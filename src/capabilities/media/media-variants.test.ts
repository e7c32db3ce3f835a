import fs from 'node:fs';
import path from 'node:path';
import * as exifr from 'exifr';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { createJobWorker, findJob } from '../../platform/jobs/index.js';
import { localStorage, type PutOptions } from '../../platform/storage/index.js';
import { makeVariants, mediaJobs } from './media-jobs.js';
import { samplePhoto, xmpPacket } from './media-samples.js';

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };
const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '50/1 27/1 0/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '30/1 31/1 0/1',
};

function worker(deps: Deps) {
  return createJobWorker({
    database: deps.database,
    clock: deps.clock,
    config: deps.config,
    handlers: mediaJobs,
    logger: quiet,
  });
}

interface VariantJson {
  kind: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  url: string;
}

describeEachDialect('media variants', (t) => {
  it('makes AVIF, WebP and JPEG at each width and a social crop, strips GPS, and serves them immutably', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'reporter');
    const photo = await samplePhoto({
      width: 2400,
      height: 1600,
      exif: { IFD0: { Artist: 'Jane Doe', Make: 'Camera Co' }, IFD3: GPS },
      xmp: xmpPacket({ credit: 'Agency/Jane Doe' }),
    });
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(50.45);
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/jpeg' },
      payload: photo,
    });
    const id = up.json().id;
    expect(await worker(deps).runDue()).toBe(1);

    const media = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    expect(media.variantsStatus).toBe('ready');
    const variants = media.variants as VariantJson[];
    const ladder = variants.filter((v) => v.kind === 'width');
    for (const format of ['avif', 'webp', 'jpeg']) {
      const widths = ladder.filter((v) => v.format === format).map((v) => v.width);
      expect(widths.sort((a, b) => a - b)).toEqual([320, 640, 960, 1280, 1600, 2000]);
    }
    for (const v of ladder) expect(Math.abs(v.height - (v.width * 2) / 3)).toBeLessThanOrEqual(1);
    expect(variants.filter((v) => v.kind === 'social')).toEqual([
      expect.objectContaining({ format: 'jpeg', width: 1200, height: 630 }),
    ]);

    for (const variant of variants) {
      expect(variant.url).toMatch(/^\/media\/[0-9a-f]{20}-\d+(x\d+)?\.(avif|webp|jpg)$/);
      const res = await app.inject({ method: 'GET', url: variant.url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toBe(`image/${variant.format}`);
      const file = res.rawPayload;
      expect(file.length).toBe(variant.bytes);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
      // No EXIF, XMP or IPTC at all in a public file, so no GPS position.
      expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
      if (variant.format !== 'webp') expect(await exifr.gps(file)).toBeUndefined();
    }
    // The original keeps everything, privately: it is in the store, and no URL reaches it.
    const original = fs.readFileSync(path.join(t.database.dataDir, 'media', 'originals', `${id}.jpg`));
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(50.45);
    for (const url of [
      `/media/originals/${id}.jpg`,
      `/media/..%2Foriginals%2F${id}.jpg`,
      `/media/${id}.jpg`,
    ]) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    const etag = (await app.inject({ method: 'GET', url: variants[0]!.url })).headers.etag as string;
    const again = await app.inject({
      method: 'GET',
      url: variants[0]!.url,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('never enlarges a small photo, and lists its thumbnail in the library', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/png' },
      payload: await samplePhoto({ format: 'png', width: 500, height: 400 }),
    });
    await worker(deps).runDue();
    const media = (await app.inject({ method: 'GET', url: `${api}/media/${up.json().id}`, headers })).json();
    const sizes = (media.variants as VariantJson[])
      .map((v) => `${v.kind}:${v.format}:${v.width}x${v.height}`)
      .sort();
    expect(sizes).toEqual(
      [
        'social:jpeg:500x263',
        ...['avif', 'webp', 'jpeg'].flatMap((f) => [`width:${f}:320x256`, `width:${f}:500x400`]),
      ].sort(),
    );
    const list = (await app.inject({ method: 'GET', url: `${api}/media`, headers })).json();
    expect(list.items[0].thumbnail).toMatchObject({ format: 'webp', width: 320 });
  });

  it('recuts only the social crop when the focal point moves, and removes the old crop', async () => {
    const { app, deps } = await buildTestApp(t.database);
    // An editor's token: a token owns nothing, so below editor it could not change the photo (ADR 0014).
    const { headers } = await apiToken(deps, 'editor');
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 900, height: 900, texture: true }),
    });
    const id = up.json().id;
    await worker(deps).runDue();
    const before = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json()
      .variants as VariantJson[];
    await app.inject({
      method: 'PATCH',
      url: `${api}/media/${id}`,
      headers,
      payload: { focalPoint: { x: 0.5, y: 0 } },
    });
    expect(await worker(deps).runDue()).toBe(1);
    const after = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json()
      .variants as VariantJson[];

    const socialOf = (list: VariantJson[]) => list.find((v) => v.kind === 'social')!;
    expect(socialOf(after).url).not.toBe(socialOf(before).url);
    expect(after.filter((v) => v.kind === 'width')).toEqual(before.filter((v) => v.kind === 'width'));
    expect((await app.inject({ method: 'GET', url: socialOf(before).url })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: socialOf(after).url })).statusCode).toBe(200);

    // Running the job again changes nothing.
    const storage = localStorage(path.join(t.database.dataDir, 'media'));
    expect(await makeVariants({ db: deps.database.db, clock: deps.clock, storage }, id)).toBe('up to date');
  });

  it('removes every file of a deleted photo, and the purge job repeats safely', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await apiToken(deps, 'editor')).headers;
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...editor, 'content-type': 'image/webp' },
      payload: await samplePhoto({ format: 'webp', width: 700, height: 500 }),
    });
    const id = up.json().id;
    await worker(deps).runDue();
    const root = path.join(t.database.dataDir, 'media');
    const files = () =>
      (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.includes('.'));
    expect(files()).toHaveLength(1 + 3 * 3 + 1);
    expect(
      (await app.inject({ method: 'DELETE', url: `${api}/media/${id}`, headers: editor })).statusCode,
    ).toBe(204);
    expect(files()).toEqual([]);
    expect(await worker(deps).runDue()).toBe(1);
    const purge = await deps.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'media.purge')
      .execute();
    expect(await findJob(deps.database.db, purge[0]!.id)).toMatchObject({ status: 'done' });
    expect(await deps.database.db.selectFrom('media_variants').select('id').execute()).toEqual([]);
  });

  it('gives up on a photo whose original is gone and marks it failed', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/gif' },
      payload: await samplePhoto({ format: 'gif', width: 40, height: 30 }),
    });
    const id = up.json().id;
    fs.rmSync(path.join(t.database.dataDir, 'media', 'originals', `${id}.gif`));
    await deps.database.db.updateTable('jobs').set({ max_attempts: 1 }).execute();
    await worker(deps).runDue();
    const job = await deps.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', last_error: expect.stringContaining('original') });
    const media = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    // The upload's fallback stays: the reader site can still show the photo (ADR 0013).
    expect(media).toMatchObject({ variantsStatus: 'failed', variants: [{ kind: 'width', width: 40 }] });
  });

  /** A 1200 px photo just uploaded: only its fallback JPEG exists, the job has not run. */
  async function uploadedFallback() {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 1200, height: 800 }),
    });
    return { app, deps, headers, up };
  }

  it("keeps the upload's fallback file when an attempt fails, and purges only the photo's pages when it lands", async () => {
    const { app, deps, headers, up } = await uploadedFallback();
    const id = up.json().id;
    const fallback = (up.json().variants as VariantJson[])[0]!;
    const root = path.join(t.database.dataDir, 'media');
    const real = localStorage(root);
    // The disk fills up at the last file, the social crop, after the ladder's files went in.
    const full = {
      ...real,
      put: (key: string, body: Buffer, options: PutOptions) =>
        key.endsWith('x630.jpg')
          ? Promise.reject(new Error('The disk is full.'))
          : real.put(key, body, options),
    };
    await expect(
      makeVariants({ db: deps.database.db, clock: deps.clock, storage: full }, id),
    ).rejects.toThrow('disk is full');
    expect((await app.inject(fallback.url)).statusCode).toBe(200);

    expect(await makeVariants({ db: deps.database.db, clock: deps.clock, storage: real }, id)).toBe('made');
    const after = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    expect(after.variants).toHaveLength(3 * 4 + 1);
    expect(after.variants).toContainEqual(fallback);
    expect((await app.inject(fallback.url)).statusCode).toBe(200);
    const purges = await deps.database.db.selectFrom('cache_purges').select('keys').execute();
    expect(purges.map((p) => JSON.parse(p.keys))).toEqual([[`media:${id}`]]);
  });

  it('replaces a fallback the ladder cuts differently, and purges the sitemaps that named it', async () => {
    const { app, deps, headers, up } = await uploadedFallback();
    const id = up.json().id;
    // As if an older image library had cut the fallback at upload: other bytes, another name.
    const root = path.join(t.database.dataDir, 'media');
    const old = 'aaaaaaaaaaaaaaaaaaaa-960.jpg';
    const current = path.basename((up.json().variants as VariantJson[])[0]!.url);
    fs.renameSync(path.join(root, 'public', current), path.join(root, 'public', old));
    await deps.database.db
      .updateTable('media_variants')
      .set({ name: old })
      .where('media_id', '=', id)
      .execute();

    await worker(deps).runDue();
    const after = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    expect(after.variants.map((v: VariantJson) => path.basename(v.url))).toContain(current);
    expect((await app.inject(`/media/${old}`)).statusCode).toBe(404);
    const purges = await deps.database.db.selectFrom('cache_purges').select('keys').execute();
    expect(purges.map((p) => JSON.parse(p.keys))).toEqual([[`media:${id}`, 'sitemaps']]);
  });
});
