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

/**
 * Writes the whole state, only if the stored base is still revision `expectedBase` (null: only if no row
 * exists yet). Several processes may hold one document (ADR 0033): a base is moved by exactly one of
 * them, and one that finds it moved reads it again instead of writing over it. Returns whether it wrote.
 */
export async function claimLiveDocument(
  db: Db,
  articleId: string,
  expectedBase: number | null,
  stored: StoredLiveDocument,
  now: string,
): Promise<boolean> {
  const values = {
    state: Buffer.from(stored.state).toString('base64'),
    base_state: Buffer.from(stored.baseState).toString('base64'),
    base_revision: stored.baseRevision,
    updated_at: now,
  };
  if (expectedBase === null) {
    const [inserted] = await db
      .insertInto('live_documents')
      .values({ article_id: articleId, ...values })
      .onConflict((c) => c.column('article_id').doNothing())
      .execute();
    return Number(inserted?.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('live_documents')
    .set(values)
    .where('article_id', '=', articleId)
    .where('base_revision', '=', expectedBase)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
