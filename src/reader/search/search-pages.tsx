import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  MAX_QUERY_CHARS,
  parsePage,
  type SearchResults,
  searchArticles,
} from '../../capabilities/search/index.js';
import { readSettings } from '../../capabilities/settings/index.js';
import { Layout, searchPath } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { SearchForm, SearchResultList } from './search-view.js';

// A repeated parameter (?q=a&q=b) arrives as an array; it is read, not refused.
const Param = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));

const SearchQuery = Type.Object(
  { q: Param, section: Param, author: Param, from: Param, to: Param, page: Param },
  // Campaign tags and other extras on a shared link are ignored, not refused.
  { additionalProperties: true },
);

const first = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');

/**
 * GET /search: the search form and, when there is a query, one page of ranked results. Works with
 * no JavaScript (a plain GET form). Filters that make no sense are left out with a notice; a page
 * number that is malformed or past the last page is a 404, as on every reader list.
 */
export const searchPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/search',
    {
      config: { pageCache: true },
      schema: {
        tags: ['reader'],
        querystring: SearchQuery,
        response: { 200: Type.String({ description: 'The search page (HTML).' }) },
      },
    },
    async (request, reply) => {
      const { db } = deps.database;
      const raw = request.query;
      const page = parsePage(raw.page === undefined ? undefined : first(raw.page));
      if (page === null) throw notFound('That page of results');
      const settings = await readSettings(db);
      const results = await searchArticles(db, deps.database.dialect, {
        q: first(raw.q),
        section: first(raw.section).trim(),
        author: first(raw.author).trim(),
        from: first(raw.from).trim(),
        to: first(raw.to).trim(),
        page,
        timeZone: settings['publication.timezone'],
      });
      if (results.page > Math.max(results.pages, 1)) throw notFound('That page of results');

      surrogateKeys(reply, [
        CacheKey.search,
        ...results.items.map((item) => CacheKey.article(item.id)),
        ...(results.filters.section ? [CacheKey.section(results.filters.section.id)] : []),
        ...(results.filters.author ? [CacheKey.author(results.filters.author.id)] : []),
      ]);
      const title = results.query ? `Search: ${results.query}` : 'Search';
      const html = renderDocument(
        <Layout
          settings={settings}
          now={deps.clock.now()}
          title={title}
          description={`Search the archive of ${settings['publication.name']}.`}
          // Result pages are endless variations of the archive; crawlers should follow, not index.
          robots="noindex, follow"
          prevUrl={results.page > 1 ? resultsUrl(results, results.page - 1) : null}
          nextUrl={results.page < results.pages ? resultsUrl(results, results.page + 1) : null}
        >
          <h1 id="search-heading">Search the archive</h1>
          <SearchForm
            labelledBy="search-heading"
            results={results}
            maxLength={MAX_QUERY_CHARS}
            withoutAuthorUrl={resultsUrl(results, 1, { author: false })}
          />
          <SearchResultList results={results} settings={settings} pageUrl={(n) => resultsUrl(results, n)} />
        </Layout>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};

/** The address of a page of these results, with the filters that were applied (bad ones dropped). */
export function resultsUrl(results: SearchResults, page: number, keep: { author?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (results.query) params.set('q', results.query);
  const { section, author, from, to } = results.filters;
  if (section) params.set('section', section.path);
  if (author && keep.author !== false) params.set('author', author.slug);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${searchPath()}?${query}` : searchPath();
}
