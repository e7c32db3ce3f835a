import { type ArticleAccess, createArticle, runWorkflow } from '../../src/capabilities/articles/index.js';
import { findOrCreateGuestAuthors } from '../../src/capabilities/authors/index.js';
import { createSection } from '../../src/capabilities/sections/index.js';
import { articlePath } from '../../src/capabilities/site/urls.js';
import type { Actor } from '../../src/capabilities/staff/index.js';
import { METER_COOKIE } from '../../src/capabilities/wall/meter-cookie.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/database/database.js';
import { inTransaction } from '../../src/platform/database/transaction.js';

/**
 * Test data for the wall's tests, made through the real services. Not used by the running app.
 * Each article has five paragraphs: under the default share (25%) the first is open, the other four
 * are walled and their words say so.
 */

const EDITOR: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };

export interface WalledArticle {
  id: string;
  path: string;
  /** Words only the walled part of the body contains. */
  restText: string;
  openText: string;
}

/** Publishes one article per access given, in one section, at the clock's time. */
export async function publishArticles(
  db: Db,
  clock: Clock,
  accesses: ArticleAccess[],
  timeZone = 'UTC',
): Promise<WalledArticle[]> {
  return inTransaction(db, async (trx) => {
    const section = await createSection(trx, clock, EDITOR, { name: `News ${clock.now().getTime()}` });
    const authorIds = (await findOrCreateGuestAuthors(trx, clock, ['Ada Reporter'])).map((a) => a.id);
    const made: WalledArticle[] = [];
    for (const [i, access] of accesses.entries()) {
      const openText = `Open paragraph one of story ${i}.`;
      const restText = `Walled paragraph of story ${i}, for readers past the wall.`;
      const draft = await createArticle(trx, clock, EDITOR, {
        headline: `Story ${i}, ${access}`,
        section: section.id,
        authorIds,
        access,
        bodyMarkdown: [
          openText,
          `Walled second paragraph of story ${i}.`,
          `Walled third paragraph of story ${i}.`,
          restText,
          `The last walled paragraph of story ${i}.`,
        ].join('\n\n'),
      });
      const article = await runWorkflow(trx, clock, EDITOR, draft.id, 'publish', {
        revision: draft.revision,
      });
      made.push({ id: article.id, path: articlePath(article, timeZone), restText, openText });
    }
    return made;
  });
}

/** The meter cookie a response set, as a `Cookie` header; undefined when it set none. */
export function meterCookieSet(res: { headers: Record<string, unknown> }): string | undefined {
  const header = res.headers['set-cookie'];
  const all = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  const found = all.find((c: string) => c.startsWith(`${METER_COOKIE}=`));
  return found?.split(';')[0];
}

/** The NewsArticle JSON-LD of a page. */
export function jsonLdOf(html: string): Record<string, unknown> {
  return JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');
}
