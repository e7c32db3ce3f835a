/**
 * Suggestions through the Admin API (ADR 0036): the open ones in the newsroom's working copy, and accepting
 * or rejecting some or all of them as a save of the body. The newsroom editor resolves suggestions in its
 * own document (live or not) with the same package; this is for REST clients and integrators.
 */
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import type { Actor } from '../staff/index.js';
import { getReadableArticle } from './article-access.js';
import { suggestionNotFound } from './article-errors.js';
import { type Article, getArticle, workingCopy } from './article-queries.js';
import { assertMayEdit, updateArticle } from './article-saving.js';
import {
  listSuggestions,
  type OpenSuggestion,
  resolveSuggestions,
  type SuggestionVerdict,
} from './document/index.js';

export async function listArticleSuggestions(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ revision: number; items: OpenSuggestion[] }> {
  const article = await getReadableArticle(db, actor, id);
  return { revision: article.revision, items: listSuggestions(workingCopy(article).body) };
}

/** Accepts or rejects the suggestions `ids` (all open ones when omitted), based on `revision` (409 if stale). */
export async function resolveArticleSuggestions(
  trx: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  verdict: SuggestionVerdict,
  request: { revision: number; ids?: string[] | undefined },
): Promise<Article> {
  const current = await getArticle(trx, id);
  assertMayEdit(actor, current);
  const body = workingCopy(current).body;
  if (request.ids) {
    const open = new Set(listSuggestions(body).map((s) => s.id));
    const unknown = [...new Set(request.ids)].filter((s) => !open.has(s));
    // Only against the revision they saw: after a newer one, the 409 tells them to reload first.
    if (unknown.length > 0 && current.revision === request.revision) throw suggestionNotFound(unknown);
  }
  const resolved = await resolveSuggestions(body, verdict, request.ids);
  const { article } = await updateArticle(trx, clock, actor, id, request.revision, {
    body: resolved as unknown as Record<string, unknown>,
  });
  return article;
}
