import { Value } from 'typebox/value';
import { type ArticleDocument, checkDocument } from '../articles/document/index.js';
import { ArticleFieldsBody } from '../articles/index.js';
import type { LiveText } from './live-document.js';

export type LiveTextCheck =
  | { ok: true; text: { headline: string; dek: string; body: ArticleDocument } }
  | { ok: false; message: string };

/**
 * Whether a live document's text may become a revision: the same rules an Admin API save meets (the
 * field limits of its request schema, a headline, the server's document schema), checked before any
 * write so a refusal is a clear message and nothing is written.
 */
export function checkLiveText(text: LiveText): LiveTextCheck {
  if (text.headline.trim() === '') return { ok: false, message: 'The headline cannot be empty.' };
  for (const field of ['headline', 'dek'] as const) {
    if (!Value.Check(ArticleFieldsBody, { [field]: text[field] })) {
      return { ok: false, message: `The ${field} is too long.` };
    }
  }
  const body = checkDocument(text.body);
  if (!body.ok) {
    const where = body.path ? ` (at ${body.path})` : '';
    return { ok: false, message: `The body is not valid${where}: ${body.message}` };
  }
  return { ok: true, text: { headline: text.headline, dek: text.dek, body: body.document } };
}
