import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { openMediaStorage, uploadMedia as upload } from '../media/index.js';
import { xmpPacket } from '../media/media-samples.js';
import type { Actor } from '../staff/index.js';

/** The demo acts as the newsroom itself; its photos have no uploader. */
const DEMO: Actor = { staffId: null, tokenId: null, name: 'Demo edition', role: 'owner' };

export const xmpPacketFor = (fields: { caption: string; credit: string; altText: string }) =>
  xmpPacket(fields);

/** Uploads through the photo desk's own service: same checks, same metadata reading, same variants job. */
export async function uploadMedia(
  ctx: { db: Db; clock: Clock; config: Config },
  bytes: Buffer,
): Promise<string> {
  const media = await upload({ db: ctx.db, clock: ctx.clock, storage: openMediaStorage(ctx.config) }, DEMO, {
    bytes,
    filename: 'demo.jpg',
  });
  return media.id;
}
