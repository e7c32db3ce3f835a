import type { SectionInTree } from '../../capabilities/sections/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { articlePath, formatDate, sectionPath } from '../../capabilities/site/index.js';
import type { ListedArticle } from '../article-listing.js';
import { Byline } from '../byline.js';
import { CardPicture } from './card-picture.js';
import { latestStamp } from './edition.js';
import type { CardPhoto } from './front-page-photos.js';

export interface SectionBlock {
  section: SectionInTree;
  articles: ListedArticle[];
}

export interface FrontPageProps {
  settings: Settings;
  edition: { iso: string; text: string };
  /** The top stories: the first leads the page, the rest follow with thumbnails. */
  top: ListedArticle[];
  latest: ListedArticle[];
  blocks: SectionBlock[];
  photos: ReadonlyMap<string, CardPhoto>;
}

/**
 * How wide the layout shows each kind of photo (site-styles.ts, front page block): the browser
 * picks the file from these before any CSS has loaded.
 */
const SIZES = {
  lead: '(min-width: 72rem) 490px, (min-width: 64rem) 42vw, (min-width: 48rem) 56vw, 100vw',
  thumb: '112px',
  block: '(min-width: 72rem) 460px, (min-width: 64rem) 40vw, (min-width: 48rem) 58vw, 100vw',
};

/**
 * The front page as a newspaper lays it out: the edition's date, the lead story with a large photo,
 * the next top stories with thumbnails, the Latest list beside them, then a block per section in
 * the editors' order, each opened by its newest story with a photo.
 */
export function FrontPage({ settings, edition, top, latest, blocks, photos }: FrontPageProps) {
  const [lead, ...next] = top;
  return (
    <>
      <p class="edition-date">
        <time datetime={edition.iso}>{edition.text}</time>
      </p>
      <div class="front-top">
        <section class="top-stories" aria-labelledby="top-stories">
          <h1 id="top-stories" class="visually-hidden">
            Top stories
          </h1>
          {lead ? <LeadStory article={lead} photo={photos.get(lead.id)} settings={settings} /> : null}
          {next.length > 0 ? (
            <ul class="secondary-stories">
              {next.map((article) => (
                <li key={article.id} class="story">
                  {/* The text first, the picture after it, as both are shown: a page painted while
                      it arrives must not move the picture when the text comes in. */}
                  <StoryText article={article} settings={settings} heading="h2" />
                  {photos.get(article.id) ? (
                    <CardPicture photo={photos.get(article.id)!} sizes={SIZES.thumb} class="thumb" />
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section class="latest" aria-labelledby="latest">
          <h2 id="latest" class="section-heading">
            Latest
          </h2>
          <ol class="latest-list">
            {latest.map((article) => (
              <li key={article.id}>
                <time datetime={article.publishedAt}>
                  {latestStamp(article.publishedAt, edition.iso, settings)}
                </time>{' '}
                <a href={articlePath(article, settings['publication.timezone'])}>{article.headline}</a>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {blocks.map(({ section, articles }) => (
        <section key={section.id} class="section-block" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`} class="section-heading">
            <a href={sectionPath(section.path)}>{section.name}</a>
          </h2>
          <ul class="block-stories">
            {articles.map((article, index) => {
              const photo = index === 0 ? photos.get(article.id) : undefined;
              return (
                <li key={article.id} class={index === 0 ? 'story block-lead' : 'story'}>
                  {photo ? <CardPicture photo={photo} sizes={SIZES.block} class="block-photo" /> : null}
                  <StoryText article={article} settings={settings} heading="h3" withinSection={section.id} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

function LeadStory({
  article,
  photo,
  settings,
}: {
  article: ListedArticle;
  photo: CardPhoto | undefined;
  settings: Settings;
}) {
  return (
    <article class="lead-story">
      {photo ? <CardPicture photo={photo} sizes={SIZES.lead} class="lead-photo" lead /> : null}
      <StoryText article={article} settings={settings} heading="h2" />
    </article>
  );
}

/** Section label, headline linking the article, dek, byline and the day it went live. */
function StoryText({
  article,
  settings,
  heading: Headline,
  withinSection,
}: {
  article: ListedArticle;
  settings: Settings;
  heading: 'h2' | 'h3';
  /** The block's own section: its label would only repeat the block's heading. */
  withinSection?: string;
}) {
  const byline = article.authors.length > 0 || article.bylineSuffix !== '';
  return (
    <div class="story-text">
      {article.section && article.section.id !== withinSection ? (
        <p class="section-label">
          <a href={sectionPath(article.section.path)}>{article.section.name}</a>
        </p>
      ) : null}
      <Headline class="headline">
        <a href={articlePath(article, settings['publication.timezone'])}>{article.headline}</a>
      </Headline>
      {article.dek ? <p class="dek">{article.dek}</p> : null}
      <p class="byline">
        {byline ? (
          <span>
            <Byline authors={article.authors} locale={settings['publication.locale']} />
            {article.bylineSuffix ? ` ${article.bylineSuffix}` : null}
          </span>
        ) : null}
        {byline ? ' · ' : null}
        <time datetime={article.publishedAt}>{formatDate(article.publishedAt, settings)}</time>
      </p>
    </div>
  );
}
