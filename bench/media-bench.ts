import { pathToFileURL } from 'node:url';
import { CENTRE } from '../src/capabilities/media/media.js';
import { renderLadderJpeg, renderVariants } from '../src/capabilities/media/media-images.js';
import { fallbackWidth } from '../src/capabilities/media/media-picture.js';
import { samplePhoto } from '../src/capabilities/media/media-samples.js';

/**
 * Variant generation time per photo: the whole ladder (AVIF, WebP and JPEG at 320-2000 px) and the
 * social crop, from a 3000 x 2000 photo-like JPEG, as the `media.variants` job makes them (storage
 * and database writes left out: they are small next to encoding). Returns milliseconds per photo,
 * averaged over `n` photos after one warm-up. For `npm run bench`; never a timed test.
 */
export async function benchVariants(n = 5, size = { width: 3000, height: 2000 }): Promise<number> {
  const photos = await Promise.all(
    Array.from({ length: n + 1 }, () => samplePhoto({ ...size, texture: true })),
  );
  const plan = { ...size, ladder: true, social: CENTRE };
  await renderVariants(photos[0]!, plan);
  const started = process.hrtime.bigint();
  for (const photo of photos.slice(1)) await renderVariants(photo, plan);
  return Number(process.hrtime.bigint() - started) / 1e6 / n;
}

/**
 * The upload's share of that work (ADR 0013): only the fallback JPEG, from the same working copy.
 * Milliseconds per photo, like benchVariants.
 */
export async function benchFallback(n = 5, size = { width: 3000, height: 2000 }): Promise<number> {
  const photos = await Promise.all(
    Array.from({ length: n + 1 }, () => samplePhoto({ ...size, texture: true })),
  );
  const plan = { ...size, ladder: true, social: CENTRE };
  const width = fallbackWidth(size.width);
  await renderLadderJpeg(photos[0]!, plan, width);
  const started = process.hrtime.bigint();
  for (const photo of photos.slice(1)) await renderLadderJpeg(photo, plan, width);
  return Number(process.hrtime.bigint() - started) / 1e6 / n;
}

// `node dist/src/capabilities/media/media-bench.js [n]` runs it from the compiled build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 5);
  const ms = await benchVariants(n);
  process.stdout.write(
    `media variants: ${ms.toFixed(0)} ms per photo (3000x2000 JPEG -> 18 files + social crop; n=${n})\n`,
  );
  const fallback = await benchFallback(n);
  process.stdout.write(
    `upload's fallback: ${fallback.toFixed(0)} ms per photo (the 960 px JPEG alone; n=${n})\n`,
  );
  const large = { width: 4000, height: 3000 };
  const [ladder12, fallback12] = [await benchVariants(n, large), await benchFallback(n, large)];
  process.stdout.write(
    `12-megapixel photo (4000x3000): ladder ${ladder12.toFixed(0)} ms, fallback ${fallback12.toFixed(0)} ms\n`,
  );
}
