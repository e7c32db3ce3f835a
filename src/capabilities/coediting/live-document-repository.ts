import type { Db } from '../../platform/database/database.js';

/** A live document as stored: its state and the base it shares with the revision `baseRevision`. */
export interface StoredLiveDocument {
  state: Uint8Array;
  baseState: Uint8Array;
  baseRevision: number;
}

export async function findLiveDocument(db: Db, articleId: string): Promise<StoredLiveDocument | undefined> {
  const row = await db
    .selectFrom('live_documents')
    .select(['state', 'base_state', 'base_revision'])
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    state: Buffer.from(row.state, 'base64'),
    baseState: Buffer.from(row.base_state, 'base64'),
    baseRevision: Number(row.base_revision),
  };
}

/** Writes the whole state (an upsert: the first store of an article makes its row). */
export async function saveLiveDocument(
  db: Db,
  articleId: string,
  stored: StoredLiveDocument,
  now: string,
): Promise<void> {
  const values = {
    state: Buffer.from(stored.state).toString('base64'),
    base_state: Buffer.from(stored.baseState).toString('base64'),
    base_revision: stored.baseRevision,
    updated_at: now,
  };
  await db
    .insertInto('live_documents')
    .values({ article_id: articleId, ...values })
    .onConflict((c) => c.column('article_id').doUpdateSet(values))
    .execute();
}
