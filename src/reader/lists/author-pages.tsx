import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  type AuthorLink,
  type AuthorRow,
  authorLinksOf,
  findAuthorRowBySlug,
} from '../../capabilities/authors/index.js';
import { readSettings } from '../../capabilities/settings/index.js';
import { absolute, authorPath, pageNumber } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { ArticleList } from '../article-cards.js';
import { listPublishedArticles } from '../article-listing.js';
import { cardImagesFor, listRouteSchema, sendListPage } from './list-page.js';

/**
 * An author's page at /by/<slug>: name, affiliation, portrait, bio and links, then their published
 * articles, newest first, 20 a page. An author with nothing published is a 404 like an unknown
 * one: every staff account has an author profile, and the newsroom's roster is not public.
 */
export const authorPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/by/:slug',
    {
      config: { pageCache: true },
      schema: listRouteSchema(Type.Object({ slug: Type.String() }), 'author'),
    },
    async (request, reply) => {
      const page = pageNumber(request.query.page);
      const { db } = deps.database;
      const [settings, author] = await Promise.all([
        readSettings(db),
        findAuthorRowBySlug(db, request.params.slug),
      ]);
      if (!author) throw notFound('That author');
      const list = await listPublishedArticles(db, { kind: 'author', authorId: author.id }, page);
      if (list.articles.length === 0) throw notFound(page > 1 ? 'That page' : 'That author');
      const images = await cardImagesFor(deps, list.articles);

      const ownPath = authorPath(author.slug);
      const links = authorLinksOf(author.links);
      const photo = author.photo_url ? absolute(deps.config.publicUrl, author.photo_url) : null;
      const description =
        firstLine(author.bio) || `Articles by ${author.name} in ${settings['publication.name']}.`;
      const ownPage = {
        path: ownPath,
        list,
        images,
        name: author.name,
        description,
        keys: [CacheKey.author(author.id)],
        og: { type: 'profile', image: photo ? { url: photo, alt: author.name } : null },
        jsonLd: profileJsonLd(author, absolute(deps.config.publicUrl, ownPath), photo, links),
      } as const;
      return sendListPage(
        deps,
        reply,
        settings,
        ownPage,
        <>
          <header class="list-header author-header">
            {author.photo_url ? (
              // The name sits beside the photo, so the photo adds nothing for a screen reader.
              <img class="author-photo" src={author.photo_url} alt="" width={112} height={112} />
            ) : null}
            <div>
              <h1>{author.name}</h1>
              {author.affiliation ? <p class="affiliation sans">{author.affiliation}</p> : null}
            </div>
          </header>
          {author.bio ? (
            <div class="bio">
              {paragraphs(author.bio).map((text, i) => (
                <p key={i}>{text}</p>
              ))}
            </div>
          ) : null}
          {links.length > 0 ? (
            <ul class="author-links sans" aria-label={`${author.name} elsewhere`}>
              {links.map((link) => (
                <li key={link.url}>
                  {/* rel=me: the profile and the page it links vouch for the same person. */}
                  <a href={link.url} rel="me">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <h2 class="section-heading sans">Articles</h2>
          <ArticleList articles={list.articles} images={images} settings={settings} heading="h3" />
        </>,
      );
    },
  );
};

/** The bio is plain text; a blank line starts a new paragraph. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function firstLine(text: string): string {
  return paragraphs(text)[0] ?? '';
}

/** schema.org ProfilePage, so search engines tie the byline to one person. */
function profileJsonLd(
  author: AuthorRow,
  url: string,
  photo: string | null,
  links: readonly AuthorLink[],
): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      name: author.name,
      url,
      ...(author.bio ? { description: author.bio } : {}),
      ...(photo ? { image: photo } : {}),
      ...(links.length ? { sameAs: links.map((l) => l.url) } : {}),
      ...(author.affiliation ? { affiliation: { '@type': 'Organization', name: author.affiliation } } : {}),
    },
  };
}
