import { SitemapIndexStream, type SitemapItemLoose, SitemapStream, streamToPromise } from 'sitemap';
import type { Db } from '../../platform/database/database.js';
import { notFound } from '../../platform/http/errors.js';
import type { ArticleDocument } from '../articles/document/index.js';
import { leadPhotoForMachines } from '../articles/index.js';
import { readSettings } from '../settings/index.js';
import { absolute, articlePath, authorPath, sectionPath } from '../site/index.js';
import {
  ARTICLES_PER_SITEMAP,
  articleImages,
  monthRange,
  NEWS_MAX,
  NEWS_WINDOW_MS,
  newsLanguage,
  parseArticlesFile,
  sitemapPaths,
} from './sitemap.js';
import {
  findArticleMonths,
  findArticlesFirstPublished,
  findAuthorsForSitemap,
  findNewsArticles,
  findSectionsForSitemap,
  type SectionPageRow,
} from './sitemap-repository.js';

/** The sitemap index: every article sitemap page, then news, sections and authors. */
export async function renderSitemapIndex(db: Db, publicUrl: URL): Promise<string> {
  const [months, sections, authors] = await Promise.all([
    findArticleMonths(db),
    findSectionsForSitemap(db),
    findAuthorsForSitemap(db),
  ]);
  const entries: { url: string; lastmod?: string }[] = [];
  for (const month of months) {
    const lastmod = latest(month.lastPublished, month.lastModified);
    const pages = Math.max(1, Math.ceil(month.count / ARTICLES_PER_SITEMAP));
    for (let page = 1; page <= pages; page++) {
      entries.push(withLastmod(absolute(publicUrl, sitemapPaths.articles(month.month, page)), lastmod));
    }
  }
  const newest = latest(...months.map((m) => m.lastPublished));
  entries.push(withLastmod(absolute(publicUrl, sitemapPaths.news), newest));
  entries.push(
    withLastmod(absolute(publicUrl, sitemapPaths.sections), latest(...sections.map(sectionLastmod))),
  );
  // Author pages change with every article in their byline; the newest article anywhere stands for them.
  entries.push(withLastmod(absolute(publicUrl, sitemapPaths.authors), authors.length ? newest : null));
  const stream = new SitemapIndexStream();
  for (const entry of entries) stream.write(entry);
  stream.end();
  return (await streamToPromise(stream)).toString('utf8');
}

/**
 * One page of a month's article sitemap ("articles-2026-11.xml"), each article with its last public
 * change and the images it shows. NOT_FOUND (404) for a name, month or page that holds no articles.
 */
export async function renderArticleSitemap(db: Db, publicUrl: URL, fileName: string): Promise<string> {
  const file = parseArticlesFile(fileName);
  if (!file) throw notFound('That sitemap', { file: fileName });
  const settings = await readSettings(db);
  const rows = await findArticlesFirstPublished(db, monthRange(file.month), {
    limit: ARTICLES_PER_SITEMAP,
    offset: (file.page - 1) * ARTICLES_PER_SITEMAP,
  });
  if (rows.length === 0) throw notFound('That sitemap', { file: fileName });
  const leads = await Promise.all(
    rows.map((row) => leadPhotoForMachines(db, { publicUrl, mediaPublicUrl: null }, row.lead_image)),
  );
  const items = rows.map((row, index): SitemapItemLoose => {
    const lead = leads[index];
    const path = articlePath(
      { slug: row.slug, firstPublishedAt: row.first_published_at },
      settings['publication.timezone'],
    );
    const body = row.image_body ? (JSON.parse(row.image_body) as ArticleDocument) : null;
    return {
      url: absolute(publicUrl, path),
      lastmod: latest(row.modified_at, row.published_at, row.first_published_at) ?? row.first_published_at,
      // The lead photo first, with its caption and credit; then the body's images.
      img: [
        ...(lead
          ? [
              {
                url: lead.url,
                caption: lead.caption || lead.alt,
                title: lead.credit ? `Photo: ${lead.credit}` : undefined,
              },
            ]
          : []),
        ...articleImages(body, publicUrl)
          .filter((url) => url !== lead?.url)
          .map((url) => ({ url })),
      ],
    };
  });
  return renderUrlset(items, { image: true });
}

/** Google News: articles first published in the 48 hours before `now`, newest first. */
export async function renderNewsSitemap(db: Db, publicUrl: URL, now: Date): Promise<string> {
  const settings = await readSettings(db);
  const rows = await findNewsArticles(db, new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), NEWS_MAX);
  const publication = {
    name: settings['publication.name'],
    language: newsLanguage(settings['publication.locale']),
  };
  const items = rows.map(
    (row): SitemapItemLoose => ({
      url: absolute(
        publicUrl,
        articlePath(
          { slug: row.slug, firstPublishedAt: row.first_published_at },
          settings['publication.timezone'],
        ),
      ),
      news: { publication, publication_date: row.first_published_at, title: row.headline },
    }),
  );
  return renderUrlset(items, { news: true });
}

/** The front page and every section page. */
export async function renderSectionsSitemap(db: Db, publicUrl: URL): Promise<string> {
  const sections = await findSectionsForSitemap(db);
  const newest = latest(...sections.map((s) => s.lastPublished));
  const items: SitemapItemLoose[] = [
    withLastmod(absolute(publicUrl, '/'), newest),
    ...sections.map((s) =>
      withLastmod(
        absolute(publicUrl, sectionPath(s.path)),
        // A section page lists its subsections' articles too.
        latest(
          ...sections
            .filter((sub) => sub.path === s.path || sub.path.startsWith(`${s.path}/`))
            .map(sectionLastmod),
        ),
      ),
    ),
  ];
  return renderUrlset(items, {});
}

/** The page of every author with published articles. */
export async function renderAuthorsSitemap(db: Db, publicUrl: URL): Promise<string> {
  const authors = await findAuthorsForSitemap(db);
  return renderUrlset(
    authors.map((a) => ({ url: absolute(publicUrl, authorPath(a.slug)) })),
    {},
  );
}

async function renderUrlset(
  items: SitemapItemLoose[],
  ns: { news?: boolean; image?: boolean },
): Promise<string> {
  const xmlns = { news: ns.news ?? false, image: ns.image ?? false, video: false, xhtml: false };
  if (items.length === 0) {
    // The package refuses to end an empty stream; an empty urlset is still a valid sitemap.
    const extra = [
      xmlns.news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : '',
      xmlns.image ? ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' : '',
    ].join('');
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${extra}></urlset>`;
  }
  const stream = new SitemapStream({ xmlns });
  for (const item of items) stream.write(item);
  stream.end();
  return (await streamToPromise(stream)).toString('utf8');
}

function withLastmod(url: string, lastmod: string | null): { url: string; lastmod?: string } {
  return lastmod ? { url, lastmod } : { url };
}

/** A section page changes when an article is published in it, or when the section is edited. */
function sectionLastmod(row: SectionPageRow): string | null {
  return latest(row.lastPublished, row.changed);
}

function latest(...times: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (time && (best === null || time > best)) best = time;
  return best;
}
