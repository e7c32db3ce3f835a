import type { Db } from '../../platform/database/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Actor } from '../staff/index.js';
import type { CorrectionKind } from './article.js';
import { readableArticleIds } from './article-access.js';
import { articleInvalid } from './article-errors.js';

/** One entry of the paper's corrections log, with the article it corrects. */
export interface LoggedCorrection {
  id: string;
  kind: CorrectionKind;
  text: string;
  publishedAt: string;
  by: string;
  article: { id: string; headline: string; slug: string; status: string };
}

const PAGE = 20;

/**
 * The paper's corrections across articles, newest first, a page at a time (the newsroom's
 * Corrections screen). A page leaves out the articles the actor may not read (ADR 0014), so it
 * can hold fewer than `limit`; the cursor still moves on past them.
 */
export async function listCorrectionLog(
  db: Db,
  actor: Actor,
  query: { cursor?: string; limit?: number },
): Promise<{ items: LoggedCorrection[]; nextCursor: string | null }> {
  const limit = query.limit ?? PAGE;
  const after = query.cursor ? decodeCursor(query.cursor, (m) => articleInvalid('cursor', m)) : null;
  let select = db
    .selectFrom('corrections as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select([
      'c.id',
      'c.kind',
      'c.text',
      'c.published_at',
      'c.actor_name',
      'a.id as article_id',
      'a.headline',
      'a.slug',
      'a.status',
    ]);
  if (after) {
    select = select.where((eb) =>
      eb.or([
        eb('c.published_at', '<', after.at),
        eb.and([eb('c.published_at', '=', after.at), eb('c.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const readable = await readableArticleIds(
    db,
    actor,
    page.map((r) => r.article_id),
  );
  const last = page.at(-1);
  return {
    items: page
      .filter((r) => readable.has(r.article_id))
      .map((r) => ({
        id: r.id,
        kind: r.kind as CorrectionKind,
        text: r.text,
        publishedAt: r.published_at,
        by: r.actor_name,
        article: { id: r.article_id, headline: r.headline, slug: r.slug, status: r.status },
      })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.published_at, last.id) : null,
  };
}
