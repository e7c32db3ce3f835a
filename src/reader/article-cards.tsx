import type { CardImage } from '../capabilities/articles/index.js';
import type { Settings } from '../capabilities/settings/index.js';
import { articlePath, formatDate, sectionPath } from '../capabilities/site/index.js';
import { CacheKey } from '../platform/http/cache-keys.js';
import type { ListedArticle } from './article-listing.js';
import { Byline } from './byline.js';

/**
 * Article cards: how every reader list (front page, section, tag and author pages) shows an
 * article. Its picture (the lead photo, small), section label, headline linking the article, dek,
 * byline linking each author, and the time it was published, in the publication's time zone.
 */

type Heading = 'h2' | 'h3';

export interface CardOptions {
  settings: Settings;
  /** The card's headline level, so each page keeps a heading outline without gaps. */
  heading?: Heading;
  /** The id of the section the page or block is about: its label would only repeat the heading. */
  withinSection?: string;
  /** Card pictures by article id (`readerCardImages`); an article not in it has a card without one. */
  images?: ReadonlyMap<string, CardImage>;
}

export function ArticleCard({
  article,
  settings,
  heading = 'h2',
  withinSection,
  images,
}: CardOptions & { article: ListedArticle }) {
  const timeZone = settings['publication.timezone'];
  const Headline = heading;
  const image = images?.get(article.id);
  return (
    <li class={image ? 'card has-picture' : 'card'}>
      {image ? <CardPicture image={image} /> : null}
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

/**
 * A card's picture: the photo desk's variants in a `<picture>`, lazy (lists are long; the first
 * screen's text matters more), with width and height and a fixed frame in the stylesheet, so the
 * page does not move when it arrives. Cropped to the frame around the photo's focal point.
 */
export function CardPicture({ image, sizes = CARD_SIZES }: { image: CardImage; sizes?: string }) {
  return (
    <picture class="card-picture">
      {image.avif ? <source type="image/avif" srcset={image.avif} sizes={sizes} /> : null}
      {image.webp ? <source type="image/webp" srcset={image.webp} sizes={sizes} /> : null}
      <img
        src={image.src}
        srcset={image.jpeg || undefined}
        sizes={image.jpeg ? sizes : undefined}
        width={image.width}
        height={image.height}
        alt={image.alt}
        loading="lazy"
        decoding="async"
        style={image.position === '50% 50%' ? undefined : `object-position:${image.position}`}
      />
    </picture>
  );
}

/** A phone shows the picture small beside the headline; wider screens above it, a column wide. */
const CARD_SIZES = '(min-width: 64rem) 22rem, (min-width: 48rem) 45vw, 7rem';

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
 * appear on them, so renaming a section or an author reaches every list that prints the name; and
 * the photos of their pictures, when given.
 */
export function cardKeys(
  articles: readonly ListedArticle[],
  images?: ReadonlyMap<string, CardImage>,
): string[] {
  return articles.flatMap((a) => {
    const image = images?.get(a.id);
    return [
      CacheKey.article(a.id),
      ...(a.section ? [CacheKey.section(a.section.id)] : []),
      ...a.authors.map((author) => CacheKey.author(author.id)),
      ...(image ? [CacheKey.media(image.mediaId)] : []),
    ];
  });
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
