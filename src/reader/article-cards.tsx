import type { Settings } from '../capabilities/settings/index.js';
import { articlePath, formatDate, sectionPath } from '../capabilities/site/index.js';
import { CacheKey } from '../platform/http/cache-keys.js';
import type { ListedArticle } from './article-listing.js';
import { Byline } from './byline.js';

/**
 * Article cards: how every reader list (front page, section, tag and author pages) shows an
 * article. Section label, headline linking the article, dek, byline linking each author, and
 * the time it was published, in the publication's time zone.
 */

type Heading = 'h2' | 'h3';

export interface CardOptions {
  settings: Settings;
  /** The card's headline level, so each page keeps a heading outline without gaps. */
  heading?: Heading;
  /** The id of the section the page or block is about: its label would only repeat the heading. */
  withinSection?: string;
}

export function ArticleCard({
  article,
  settings,
  heading = 'h2',
  withinSection,
}: CardOptions & { article: ListedArticle }) {
  const timeZone = settings['publication.timezone'];
  const Headline = heading;
  return (
    <li class="card">
      {article.section && article.section.id !== withinSection ? (
        <p class="section-label">
          <a href={sectionPath(article.section.path)}>{article.section.name}</a>
        </p>
      ) : null}
      <Headline>
        <a href={articlePath(article, timeZone)}>{article.headline}</a>
      </Headline>
      {article.dek ? <p class="dek">{article.dek}</p> : null}
      <p class="byline">
        <CardByline article={article} locale={settings['publication.locale']} />
        {hasByline(article) ? ' · ' : null}
        <time datetime={article.publishedAt}>{formatDate(article.publishedAt, settings)}</time>
      </p>
    </li>
  );
}

/** A list of cards, or a plain sentence when there is nothing to list. */
export function ArticleList({
  articles,
  empty,
  ...options
}: CardOptions & { articles: ListedArticle[]; empty?: string }) {
  if (articles.length === 0) return empty ? <p class="empty">{empty}</p> : null;
  return (
    <ul class="card-list">
      {articles.map((article) => (
        <ArticleCard key={article.id} article={article} {...options} />
      ))}
    </ul>
  );
}

/**
 * The surrogate keys of what cards show: each article, and the sections and authors whose names
 * appear on them, so renaming a section or an author reaches every list that prints the name.
 */
export function cardKeys(articles: readonly ListedArticle[]): string[] {
  return articles.flatMap((a) => [
    CacheKey.article(a.id),
    ...(a.section ? [CacheKey.section(a.section.id)] : []),
    ...a.authors.map((author) => CacheKey.author(author.id)),
  ]);
}

/** "By A, B and C", each name linking the author's page, then the byline suffix if any. */
function CardByline({ article, locale }: { article: ListedArticle; locale: string }) {
  if (!hasByline(article)) return null;
  return (
    <span>
      <Byline authors={article.authors} locale={locale} />
      {article.bylineSuffix ? ` ${article.bylineSuffix}` : null}
    </span>
  );
}

function hasByline(article: ListedArticle): boolean {
  return article.authors.length > 0 || article.bylineSuffix !== '';
}
