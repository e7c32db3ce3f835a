import { type Article, createArticle, runWorkflow } from '../../src/capabilities/articles/index.js';
import { findOrCreateGuestAuthors } from '../../src/capabilities/authors/index.js';
import { openMediaStorage, samplePhoto, uploadMedia } from '../../src/capabilities/media/index.js';
import type { Deps } from '../../src/deps.js';
import type { Clock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/platform/database/transaction.js';
import { TEST_EDITOR } from './reader-fixtures.js';

/**
 * Articles with lead photos for the front page's tests, made through the real photo desk and
 * article services: the upload makes the fallback JPEG at once, the worker the rest (ADR 0013).
 */
export async function addPhotoArticle(
  deps: Pick<Deps, 'database' | 'config'>,
  clock: Clock,
  input: { headline: string; section: string; dek?: string; alt?: string; draft?: boolean },
): Promise<Article> {
  const { db } = deps.database;
  const storage = openMediaStorage(deps.config);
  let mediaId: string;
  try {
    const media = await uploadMedia({ db, clock, storage }, TEST_EDITOR, {
      bytes: await samplePhoto({ width: 1200, height: 800 }),
      filename: 'photo.jpg',
    });
    mediaId = media.id;
  } finally {
    await storage.close();
  }
  return inTransaction(db, async (trx) => {
    const authorIds = (await findOrCreateGuestAuthors(trx, clock, ['Ada Reporter'])).map((a) => a.id);
    const draft = await createArticle(trx, clock, TEST_EDITOR, {
      headline: input.headline,
      dek: input.dek ?? '',
      section: input.section,
      tags: [],
      authorIds,
      bodyMarkdown: `The body of "${input.headline}", long enough to publish.`,
      leadImage: {
        mediaId,
        alt: input.alt ?? `Photo for ${input.headline}`,
        credit: 'Agency/Photographer Name',
      },
    });
    if (input.draft) return draft;
    return runWorkflow(trx, clock, TEST_EDITOR, draft.id, 'publish', { revision: draft.revision });
  });
}
