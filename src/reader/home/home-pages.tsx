import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { chooseTopStories, TOP_STORIES } from '../../capabilities/front-page/index.js';
import { listSections, type SectionInTree } from '../../capabilities/sections/index.js';
import { readSettings, type Settings } from '../../capabilities/settings/index.js';
import { absolute, FRONT_PAGE_CSS, Layout } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { cardKeys } from '../article-cards.js';
import { type ListRow, latestRows, latestRowsBySectionGroup, toListedArticles } from '../article-listing.js';
import { editionDate } from './edition.js';
import { FrontPage } from './front-page.js';
import { findCardPhotos } from './front-page-photos.js';
import { findLivePickRows } from './front-page-reader.js';

/** The newest articles of each top section (with its subsections) below them. */
export const PER_SECTION = 4;

/** How many stories the Latest list holds. */
export const LATEST = 8;

/**
 * The front page: the top stories (the editors' picks that are published, in their order, filled
 * up with the newest articles), the first as the lead; the Latest list; then the latest of each top
 * section the editors have not hidden, in their order, leaving out what the top stories already
 * show. Until the newsroom has published anything it says so, and how staff add the first article.
 */
export const homePages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/',
    {
      config: { pageCache: true },
      schema: { tags: ['reader'], response: { 200: Type.String({ description: 'The front page (HTML).' }) } },
    },
    async (_request, reply) => {
      const { db } = deps.database;
      // Rows first, from the queries that need nothing else, then every card hydrated at once: one
      // bylines query for the page, section labels from the sections already read (ten queries a
      // front page where there were fifteen; each costs as much CPU as a small page on PostgreSQL).
      const [settings, sections, pickRows, newestRows] = await Promise.all([
        readSettings(db),
        listSections(db),
        findLivePickRows(db, TOP_STORIES),
        latestRows(db, Math.max(LATEST, TOP_STORIES)),
      ]);
      const topRows = chooseTopStories(pickRows, newestRows, TOP_STORIES);
      const tops = sections.filter((s) => s.parentId === null && !s.frontPageHidden);
      const blockRows = await latestRowsBySectionGroup(
        db,
        deps.database.dialect,
        tops.map((top) => ({ key: top.id, sectionIds: subtreeIds(sections, top) })),
        PER_SECTION,
        new Set(topRows.map((row) => row.id)),
      );
      const [cards, photos] = await Promise.all([
        toListedArticles(db, uniqueRows([...topRows, ...newestRows, ...[...blockRows.values()].flat()]), {
          sections: new Map(sections.map(({ id, name, path }) => [id, { id, name, path }])),
        }),
        // Pictures for the top stories and the story that opens each block.
        findCardPhotos(db, deps.config.mediaPublicUrl, [
          ...topRows.map((row) => row.id),
          ...[...blockRows.values()].flatMap((rows) => rows.slice(0, 1).map((row) => row.id)),
        ]),
      ]);
      const card = new Map(cards.map((a) => [a.id, a]));
      const toCards = (rows: readonly ListRow[]) => rows.flatMap((row) => card.get(row.id) ?? []);
      const top = toCards(topRows);
      const latestList = toCards(newestRows.slice(0, LATEST));
      const blocks = tops.flatMap((section) => {
        const articles = toCards(blockRows.get(section.id) ?? []);
        return articles.length > 0 ? [{ section, articles }] : [];
      });
      const shown = [...top, ...latestList, ...blocks.flatMap((b) => b.articles)];
      surrogateKeys(reply, [
        CacheKey.home,
        ...cardKeys(shown),
        // Top sections head their blocks; a rename must reach this page.
        ...blocks.map((b) => CacheKey.section(b.section.id)),
        // A photo's files made or its alt text changed.
        ...[...photos.values()].map((p) => CacheKey.media(p.mediaId)),
      ]);
      const canonical = absolute(deps.config.publicUrl, '/');
      const name = settings['publication.name'];
      const now = deps.clock.now();
      const html = renderDocument(
        <Layout
          settings={settings}
          now={now}
          canonical={canonical}
          wide
          styles={top.length === 0 ? undefined : FRONT_PAGE_CSS}
          og={{
            type: 'website',
            title: name,
            description: settings['publication.description'],
            url: canonical,
          }}
        >
          {top.length === 0 ? (
            <EmptyPaper settings={settings} />
          ) : (
            <FrontPage
              settings={settings}
              edition={editionDate(now, settings)}
              top={top}
              latest={latestList}
              blocks={blocks}
              photos={photos}
            />
          )}
        </Layout>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};

/** Each row once, the first time it comes, for one hydration of every card on the page. */
function uniqueRows(rows: readonly ListRow[]): ListRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/** The section and every section below it, by path: "world" holds "world/europe". */
function subtreeIds(sections: SectionInTree[], top: SectionInTree): string[] {
  return sections.filter((s) => s.id === top.id || s.path.startsWith(`${top.path}/`)).map((s) => s.id);
}

function EmptyPaper({ settings }: { settings: Settings }) {
  return (
    <>
      <h1 class="sans">{settings['publication.name']} has no articles yet</h1>
      <div class="notice sans">
        <p>The paper is empty. Articles will appear here as soon as the newsroom publishes them.</p>
        <p>To add the first article, staff can use either:</p>
        <ul>
          <li>
            the Admin API at <code>/api/admin/v1</code> (described in OpenAPI at{' '}
            <a href="/api/admin/v1/openapi.json">/api/admin/v1/openapi.json</a>), or
          </li>
          <li>
            the command line in the Masthead folder: <code>npx masthead import PATH</code>, with PATH a
            Markdown file or a folder of them.
          </li>
        </ul>
      </div>
    </>
  );
}
