import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminCall, buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { ARTICLE_SORTS, type ArticleSort } from './article-list.js';

type Headers = Record<string, string>;
interface Listed {
  id: string;
  slug: string;
  headline: string;
  savedAt: string;
  publishedAt: string | null;
}

/** First words that sort the same in JavaScript and in either database's collation (letters only). */
const WORDS = ['delta', 'Alpha', 'echo', 'Bravo', 'golf', 'charlie', 'Foxtrot', 'hotel', 'India', 'juliet'];

/** The order each sort promises, computed here from the articles' own fields, with the id breaking ties. */
function expectedOrder(items: Listed[], sort: ArticleSort): string[] {
  const key: Record<ArticleSort, (a: Listed) => string> = {
    updated: (a) => a.savedAt,
    oldest: (a) => a.savedAt,
    published: (a) => a.publishedAt ?? '',
    headline: (a) => a.headline.toLowerCase(),
  };
  const descending = sort === 'updated' || sort === 'published';
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...items]
    .sort((a, b) => {
      const c = cmp(key[sort](a), key[sort](b)) || cmp(a.id, b.id);
      return descending ? -c : c;
    })
    .map((a) => a.id);
}

describeEachDialect('the story budget: filters by tag and text, sorts, paging (issue 13)', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Headers;
  let contributor: Headers;
  const all: Listed[] = [];
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
    adminCall(app, method, url, headers, payload);

  /** Every item of a list, page by page with a small limit; each page full while there is more. */
  async function everyPage(query: string, headers: Headers, limit = 4): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        'GET',
        `/articles?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        headers,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Listed[]; nextCursor: string | null };
      if (page.nextCursor) expect(page.items).toHaveLength(limit);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  // Each test has a fresh database (describeEachDialect), so each seeds the same 30 articles.
  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    all.length = 0;
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = (await signedInAs(deps, 'editor', { name: 'Eda Editor' })).headers;
    contributor = (await signedInAs(deps, 'contributor', { name: 'Cal Contributor' })).headers;
    const section = (await call('POST', '/sections', editor, { name: 'City' })).json();
    // 30 articles: saved times with ties (three saves share each second), repeated headlines, some
    // published at their own times, tags on every third, one body with the words a search looks for.
    for (let i = 0; i < 30; i++) {
      if (i % 3 === 0) clock.advance(1000);
      const res = await call('POST', '/articles', editor, {
        headline:
          i % 10 === 9 ? 'Same headline' : `${WORDS[i % 10]} ${String(i).padStart(2, '0')} council report`,
        dek: i === 7 ? 'Rates rise by 50% next year' : `Dek ${i}`,
        section: section.path,
        slug: `story-${i}`,
        tags: i % 3 === 0 ? ['Harbour'] : ['Other'],
        bodyMarkdown: i === 11 ? 'The ferry timetable changes in MAY.' : `Paragraph of story ${i}.`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const drafts = (await call('GET', '/articles?limit=100', editor)).json().items as Listed[];
    for (const [n, a] of drafts.filter((_, n) => n % 4 === 1).entries()) {
      clock.set(`2026-11-${String(17 + (n % 5)).padStart(2, '0')}T0${n % 10}:00:00.000Z`);
      const res = await call('POST', `/articles/${a.id}/publish`, editor, { revision: 1 });
      expect(res.statusCode, res.body).toBe(200);
    }
    all.push(...((await call('GET', '/articles?limit=100', editor)).json().items as Listed[]));
    expect(all).toHaveLength(30);
    expect(all.filter((a) => a.publishedAt).length).toBeGreaterThan(5);
  });

  it('pages through every sort with a small limit: each article once, in the promised order', async () => {
    for (const sort of ARTICLE_SORTS) {
      const seen = await everyPage(`sort=${sort}`, editor);
      expect(new Set(seen).size, sort).toBe(30);
      expect(seen, sort).toEqual(expectedOrder(all, sort));
    }
    // No sort is the newest save first, as before.
    expect(await everyPage('', editor, 7)).toEqual(expectedOrder(all, 'updated'));
  });

  it('filters by tag (slug or id) and by text in every sort, still paging correctly', async () => {
    const harbour = all.filter((a) => Number(a.slug.slice(6)) % 3 === 0);
    const tag = (await call('GET', '/tags?q=harbour', editor)).json().tags[0];
    for (const sort of ARTICLE_SORTS) {
      expect(await everyPage(`tag=harbour&sort=${sort}`, editor, 3), sort).toEqual(
        expectedOrder(harbour, sort),
      );
      expect(await everyPage(`tag=${tag.id}&sort=${sort}`, editor, 3), sort).toEqual(
        expectedOrder(harbour, sort),
      );
      const council = all.filter((a) => a.headline.includes('council'));
      expect(await everyPage(`q=COUNCIL&sort=${sort}`, editor, 5), sort).toEqual(
        expectedOrder(council, sort),
      );
      const both = council.filter((a) => harbour.includes(a));
      expect(await everyPage(`q=council&tag=harbour&sort=${sort}`, editor, 2), sort).toEqual(
        expectedOrder(both, sort),
      );
    }
  });

  it('finds text in the headline, dek, slug and body of drafts, ignoring case, with wildcards taken literally', async () => {
    const slugs = async (q: string) =>
      (await call('GET', `/articles?q=${encodeURIComponent(q)}`, editor))
        .json()
        .items.map((a: Listed) => a.slug);
    expect(await slugs('ferry timetable')).toEqual(['story-11']);
    expect(await slugs('may.')).toEqual(['story-11']);
    expect(await slugs('50%')).toEqual(['story-7']);
    // `%` and `_` are letters to look for, not wildcards.
    expect(await slugs('%')).toEqual(['story-7']);
    expect(await slugs('r_te')).toEqual([]);
    expect(await slugs('story-2')).toHaveLength(1 + 10);
    expect(await slugs('alpha 01')).toEqual(['story-1']);
    expect(await slugs('nothing like this')).toEqual([]);
    // Blank text is no filter.
    expect(await slugs('   ')).toHaveLength(20);
  });

  it('keeps the read rule: a contributor finds only published articles and their own', async () => {
    const mine = await call('POST', '/articles', contributor, {
      headline: 'Contributor’s own council note',
      bodyMarkdown: 'A private council draft.',
    });
    expect(mine.statusCode).toBe(201);
    const published = all.filter((a) => a.publishedAt && a.headline.includes('council'));
    const seen = await everyPage('q=council&sort=headline', contributor, 2);
    expect(seen.sort()).toEqual([...published.map((a) => a.id), mine.json().id].sort());
    expect(await everyPage('q=ferry', contributor)).toEqual(
      all.filter((a) => a.slug === 'story-11' && a.publishedAt).map((a) => a.id),
    );
  });

  it('refuses bad values with stable codes', async () => {
    const refused = async (query: string) => {
      const res = await call('GET', `/articles?${query}`, editor);
      expect(res.statusCode, query).toBe(400);
      return res.json().error;
    };
    expect(await refused('sort=random')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused(`q=${'x'.repeat(201)}`)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused('tag=no-such-tag')).toMatchObject({
      code: 'TAG_UNKNOWN',
      details: { field: 'tag' },
    });
    expect(await refused('cursor=garbage&sort=headline')).toMatchObject({
      code: 'ARTICLE_INVALID',
      details: { field: 'cursor' },
    });
    // The longest text allowed is answered (with nothing found), not refused.
    const longest = await call('GET', `/articles?q=${'x'.repeat(200)}`, editor);
    expect(longest.json()).toEqual({ items: [], nextCursor: null });
  });

  describe('the OpenAPI document', () => {
    it('describes the new filters and sorts', async () => {
      const doc = (await app.inject('/api/admin/v1/openapi.json')).json();
      const params = doc.paths['/api/admin/v1/articles'].get.parameters.map((p: { name: string }) => p.name);
      expect(params).toEqual(expect.arrayContaining(['tag', 'q', 'sort', 'cursor']));
    });
  });
});
