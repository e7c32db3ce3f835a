import sharp from 'sharp';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { openMediaStorage, uploadMedia, xmpPacket } from '../media/index.js';
import type { Actor } from '../staff/index.js';
import { recordDemoItems } from './demo-repository.js';

/** Colours of a generated scene: sky top and bottom, sun, land, water. */
export interface Palette {
  skyTop: string;
  skyBottom: string;
  sun: string;
  land: string;
  water: string;
}

export interface DemoPhoto {
  palette: Palette;
  caption: string;
  alt: string;
}

/**
 * A landscape drawn as SVG and encoded as a JPEG with sharp: the demo edition needs photos with
 * real pixels and real credits, and nothing may be downloaded. The credit says what it is.
 */
export async function drawScene(p: Palette, width = 1800, height = 1200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1800 1200">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>
    <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.water}"/><stop offset="1" stop-color="#0b1d2a"/></linearGradient>
  </defs>
  <rect width="1800" height="1200" fill="url(#sky)"/>
  <circle cx="1320" cy="380" r="150" fill="${p.sun}" opacity="0.9"/>
  <path d="M0 720 L260 520 L520 690 L780 470 L1100 700 L1380 560 L1800 720 L1800 1200 L0 1200 Z" fill="${p.land}"/>
  <rect y="820" width="1800" height="380" fill="url(#sea)"/>
  <path d="M0 900 Q450 870 900 905 T1800 895" stroke="#ffffff" stroke-opacity="0.25" stroke-width="6" fill="none"/>
  <path d="M0 980 Q450 950 900 985 T1800 975" stroke="#ffffff" stroke-opacity="0.18" stroke-width="5" fill="none"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}

export const DEMO_CREDIT = 'Masthead Demo/Generated Illustration';

/** The demo acts as the newsroom itself; its photos have no uploader. */
const DEMO: Actor = { staffId: null, tokenId: null, name: 'Demo edition', role: 'owner' };

/**
 * Draws and uploads one photo per demo article through the photo desk's own service (same checks,
 * same metadata reading, same variants job), with its credit, caption and alt text written into the
 * file as XMP, so the desk's metadata prefill is what fills them in.
 */
export async function uploadDemoPhotos(
  ctx: { db: Db; clock: Clock; config: Config },
  photos: DemoPhoto[],
): Promise<string[]> {
  const storage = openMediaStorage(ctx.config);
  const ids: string[] = [];
  try {
    for (const photo of photos) {
      // 1200 wide: the ladder stops at 1200 (four sizes a format), sharp enough for the lead photo at
      // twice the pixels of a phone or a desktop column, and the worker's first minutes stay short.
      const tagged = await sharp(await drawScene(photo.palette, 1200, 800))
        .withXmp(xmpPacket({ caption: photo.caption, credit: DEMO_CREDIT, altText: photo.alt }))
        .jpeg({ quality: 85, mozjpeg: true })
        .toBuffer();
      const media = await uploadMedia({ db: ctx.db, clock: ctx.clock, storage }, DEMO, {
        bytes: tagged,
        filename: 'demo.jpg',
      });
      // Right after its own transaction: a photo is listed as demo before anything else happens.
      await recordDemoItems(ctx.db, 'photo', [media.id]);
      ids.push(media.id);
    }
  } finally {
    await storage.close();
  }
  return ids;
}
