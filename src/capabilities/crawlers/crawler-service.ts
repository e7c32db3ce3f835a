import type { Db } from '../../platform/database/database.js';
import { notFound } from '../../platform/http/errors.js';
import { readSettings, type Settings } from '../settings/index.js';
import { absolute, articlePath, authorPath } from '../site/index.js';
import { sitemapPaths } from '../sitemaps/index.js';
import { articleAddress, basePathOf, robotsTxt, type TdmReservation } from './crawler.js';
import { findBylineOf, findPublishedArticleBySlug } from './crawler-repository.js';

export async function renderRobots(db: Db, publicUrl: URL): Promise<string> {
  const settings = await readSettings(db);
  return robotsTxt({
    publicationName: settings['publication.name'],
    aiTraining: settings['crawlers.ai_training'] === 'allow' ? 'allow' : 'block',
    extra: settings['crawlers.robots_extra'],
    basePath: basePathOf(publicUrl),
    sitemapUrl: absolute(publicUrl, sitemapPaths.index),
  });
}

export async function readTdmReservation(db: Db, publicUrl: URL): Promise<TdmReservation> {
  return tdmReservationOf(await readSettings(db), publicUrl);
}

export function tdmReservationOf(settings: Settings, publicUrl: URL): TdmReservation {
  const policy = settings['rights.tdm_policy_url'];
  return {
    reserved: settings['rights.tdm_reservation'] === 1,
    policyUrl: policy ? (policy.startsWith('/') ? absolute(publicUrl, policy) : policy) : null,
  };
}

/** What an oEmbed answer shows: the article, its byline and the publication. */
export interface Embed {
  articleId: string;
  headline: string;
  dek: string;
  url: string;
  authors: { id: string; name: string; url: string }[];
  publication: { name: string; url: string; locale: string };
}

/** The article an address on this site shows; NOT_FOUND (404) for any other address. */
export async function findEmbed(db: Db, publicUrl: URL, url: string): Promise<Embed> {
  const address = articleAddress(url, publicUrl);
  const article = address ? await findPublishedArticleBySlug(db, address.slug) : undefined;
  if (!address || !article) throw notFound('An article at that address', { field: 'url' });
  const settings = await readSettings(db);
  const path = articlePath(
    { slug: article.slug, firstPublishedAt: article.first_published_at },
    settings['publication.timezone'],
  );
  // The date in the address must be the article's own: /2020/01/01/<slug> is not the same page.
  if (address.path.split('/').slice(0, 4).join('/') !== path.split('/').slice(0, 4).join('/')) {
    throw notFound('An article at that address', { field: 'url' });
  }
  const byline = await findBylineOf(db, article.id);
  return {
    articleId: article.id,
    headline: article.headline,
    dek: article.dek,
    url: absolute(publicUrl, path),
    authors: byline.map((a) => ({ id: a.id, name: a.name, url: absolute(publicUrl, authorPath(a.slug)) })),
    publication: {
      name: settings['publication.name'],
      url: absolute(publicUrl, '/'),
      locale: settings['publication.locale'],
    },
  };
}
