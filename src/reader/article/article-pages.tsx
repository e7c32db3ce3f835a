import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isTombstone, readerCardImages, readerLeadImage } from '../../capabilities/articles/index.js';
import { readSettings } from '../../capabilities/settings/index.js';
import { absolute, articlePath, renderSiteMessage } from '../../capabilities/site/index.js';
import { articleWall } from '../../capabilities/wall/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { AppError } from '../../platform/http/errors.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { ArticlePage } from './article-page.js';
import { lookUpReaderArticle, type ReaderArticle } from './article-reader.js';
import { ARTICLE_PAGE_POLICY } from './share-button.js';
import { WallPrompt } from './wall-prompt.js';

/** The address's date parts must look like a date; anything else is not an article address at all. */
const ArticleParams = Type.Object({
  year: Type.String({ pattern: '^[0-9]{4}$' }),
  month: Type.String({ pattern: '^[0-9]{2}$' }),
  day: Type.String({ pattern: '^[0-9]{2}$' }),
  slug: Type.String({ minLength: 1, maxLength: 100 }),
});

const Html = Type.String({ description: 'An HTML page.' });

/**
 * GET /YYYY/MM/DD/<slug>: a published article. An old slug or a wrong date answers 301 with the
 * current address (links shared before a headline change keep working); an unpublished article
 * answers 410 in the site's design, and so does every address of a deleted article; drafts and unknown
 * slugs are 404. The registration wall chooses
 * the full or the cut version (src/capabilities/wall); both are cached, carry the keys of everything
 * they show, and the wall picks between them for later readers without a query.
 */
export const articlePages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    // The regular expressions keep /legal/terms/v/2 and other four-part addresses out of this route.
    '/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)/:slug',
    {
      schema: {
        tags: ['reader'],
        params: ArticleParams,
        response: { 200: Html, 301: Type.Null(), 303: Type.Null(), 410: Html },
      },
      config: { pageCache: true },
    },
    async (request, reply) => {
      const { year, month, day, slug } = request.params;
      const [settings, found] = await Promise.all([
        readSettings(deps.database.db),
        lookUpReaderArticle(deps.database.db, slug),
      ]);
      const requested = `/${year}/${month}/${day}/${encodeURIComponent(slug)}`;
      // Like the error pages, never stored: if the article is published again it must show at once.
      const gone = () =>
        reply
          .code(410)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            renderSiteMessage(settings, deps.clock.now(), {
              title: 'This article has been removed',
              message: 'The newsroom has withdrawn this article; it is no longer available.',
            }),
          );
      if (found.kind === 'missing') {
        // A deleted article's addresses are kept (article-deletion.ts): gone, not unknown.
        if (await isTombstone(deps.database.db, requested)) return gone();
        throw articleNotFound();
      }
      if (found.kind === 'gone') {
        surrogateKeys(reply, [CacheKey.article(found.id)]);
        return gone();
      }
      const { article } = found;
      const path = articlePath(article, settings['publication.timezone']);
      if (found.viaRetiredSlug || path !== requested) {
        // A deleted article's address stays gone even when a later article has taken its slug.
        if (await isTombstone(deps.database.db, requested)) return gone();
        surrogateKeys(reply, [CacheKey.article(article.id)]);
        return reply.redirect(absolute(deps.config.publicUrl, path) + queryOf(request.url), 301);
      }
      const wall = await articleWall(
        deps,
        request,
        reply,
        { id: article.id, access: article.access, path },
        settings,
      );
      if ('redirect' in wall) return reply.header('cache-control', 'no-store').redirect(wall.redirect, 303);
      const leadRef = article.leadImageRef ? (JSON.parse(article.leadImageRef) as { mediaId: string }) : null;
      const [leadImage, relatedImages] = await Promise.all([
        readerLeadImage(deps.database.db, deps.config.mediaPublicUrl, article.leadImageRef),
        readerCardImages(
          deps.database.db,
          deps.config.mediaPublicUrl,
          article.related.map((r) => r.id),
        ),
      ]);
      const photoKeys = [
        ...(leadRef ? [leadRef.mediaId] : []),
        ...[...relatedImages.values()].map((i) => i.mediaId),
      ].map((id) => CacheKey.media(id));
      surrogateKeys(reply, [...pageKeys(article), ...photoKeys]);
      const html = renderDocument(
        <ArticlePage
          article={article}
          leadImage={leadImage}
          relatedImages={relatedImages}
          settings={settings}
          now={deps.clock.now()}
          publicUrl={deps.config.publicUrl}
          cut={wall.cut}
          wallPrompt={
            wall.cut ? (
              <WallPrompt
                access={article.access}
                freeArticlesPerMonth={settings['wall.free_articles_per_month']}
                month={wall.month}
                path={path}
                locale={settings['publication.locale']}
              />
            ) : null
          }
        />,
      );
      // The page's own policy: the site's, plus the Web Share button's script by its hash.
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', ARTICLE_PAGE_POLICY)
        .send(html);
    },
  );
};

/** The article, its section, authors and tags, and every related article listed. */
export function pageKeys(article: ReaderArticle): string[] {
  return [
    CacheKey.article(article.id),
    ...(article.section ? [CacheKey.section(article.section.id)] : []),
    ...article.authors.map((a) => CacheKey.author(a.id)),
    ...article.tags.map((t) => CacheKey.tag(t.id)),
    ...article.related.map((r) => CacheKey.article(r.id)),
  ];
}

const articleNotFound = () => new AppError('NOT_FOUND', 404, 'There is no article at this address.');

/** Keeps campaign parameters across the redirect; a redirect must not lose where a reader came from. */
function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at);
}
