import type { CardImage } from '../../capabilities/articles/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { articlePath, formatDate, formatDateTime, tagPath } from '../../capabilities/site/index.js';
import { CardPicture } from '../article-cards.js';
import { Byline } from '../byline.js';
import type { ReaderArticle } from './article-reader.js';

/** The article's byline, then its suffix on a line of its own. */
export function ArticleByline({ article, locale }: { article: ReaderArticle; locale: string }) {
  if (article.authors.length === 0 && !article.bylineSuffix) return null;
  return (
    <p class="byline">
      <Byline authors={article.authors} locale={locale} rel="author" />
      {article.bylineSuffix ? <span class="byline-suffix">{article.bylineSuffix}</span> : null}
    </p>
  );
}

/** Published, and Updated when a later public change (republication, edit, correction) happened. */
export function Dates({ article, settings }: { article: ReaderArticle; settings: Settings }) {
  const updated = article.modifiedAt > article.firstPublishedAt;
  return (
    <p class="dates">
      <span class="published">
        Published{' '}
        <time datetime={article.firstPublishedAt}>{formatDateTime(article.firstPublishedAt, settings)}</time>
      </span>
      {updated ? (
        <span class="updated">
          {' '}
          Updated <time datetime={article.modifiedAt}>{formatDateTime(article.modifiedAt, settings)}</time>
        </span>
      ) : null}
    </p>
  );
}

/** The public log of corrections and clarifications, each dated; absent when there are none. */
export function Corrections({ article, settings }: { article: ReaderArticle; settings: Settings }) {
  if (article.corrections.length === 0) return null;
  return (
    <section class="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections</h2>
      <ol>
        {article.corrections.map((c) => (
          <li id={`correction-${c.id}`}>
            <span class="correction-kind">{c.kind === 'clarification' ? 'Clarification' : 'Correction'}</span>
            {': '}
            <time datetime={c.publishedAt}>{formatDate(c.publishedAt, settings)}</time>
            {'. '}
            {c.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Tags({ article }: { article: ReaderArticle }) {
  if (article.tags.length === 0) return null;
  return (
    <nav class="tags" aria-label="Topics">
      <ul>
        {article.tags.map((tag) => (
          <li>
            <a href={tagPath(tag.slug)} rel="tag">
              {tag.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** More from the same section and topics, newest first, each with its lead photo small when it has one. */
export function Related({
  article,
  settings,
  images,
}: {
  article: ReaderArticle;
  settings: Settings;
  images?: ReadonlyMap<string, CardImage> | undefined;
}) {
  if (article.related.length === 0) return null;
  const timeZone = settings['publication.timezone'];
  return (
    <aside class="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related</h2>
      <ul class="card-list">
        {article.related.map((r) => {
          const image = images?.get(r.id);
          return (
            <li class={image ? 'card has-picture' : 'card'}>
              {image ? <CardPicture image={image} sizes="7rem" /> : null}
              <h3>
                <a href={articlePath(r, timeZone)}>{r.headline}</a>
              </h3>
              <time datetime={r.publishedAt}>{formatDate(r.publishedAt, settings)}</time>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
