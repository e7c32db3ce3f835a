import { pathToFileURL } from 'node:url';
import { CENTRE } from '../src/capabilities/media/media.js';
import { renderVariants } from '../src/capabilities/media/media-images.js';
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

// `node dist/src/capabilities/media/media-bench.js [n]` runs it from the compiled build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 5);
  const ms = await benchVariants(n);
  process.stdout.write(
    `media variants: ${ms.toFixed(0)} ms per photo (3000x2000 JPEG -> 18 files + social crop; n=${n})\n`,
  );
}
