import type { ComponentChildren } from 'preact';
import type { ArticleLeadImage, CardImage } from '../../capabilities/articles/index.js';
import { ArticleBody, LeadFigure, type RenderContext } from '../../capabilities/articles/render/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { absolute, articlePath, Layout, sectionPath } from '../../capabilities/site/index.js';
import { articleHead } from './article-page-head.js';
import { ArticleByline, Corrections, Dates, Related, Tags } from './article-page-parts.js';
import type { ReaderArticle } from './article-reader.js';
import { ShareLinks } from './share-links.js';

export interface ArticlePageProps {
  article: ReaderArticle;
  settings: Settings;
  now: Date;
  publicUrl: URL;
  /** Shown between the dek and the byline when the article has one. */
  leadImage?: ArticleLeadImage | null;
  /** Pictures of the related articles, by id (`readerCardImages`). */
  relatedImages?: ReadonlyMap<string, CardImage>;
  /** The registration wall applies: the body stops after its open blocks and `wallPrompt` follows. */
  cut?: boolean;
  wallPrompt?: ComponentChildren;
  resolveImage?: RenderContext['resolveImage'];
}

/**
 * The reader's article page, in the order of the reference page: (masthead, from the Layout)
 * section label, headline, dek, lead photo with caption and credit, byline, times, the body with
 * its dateline, corrections, tags, related articles, (footer, from the Layout).
 */
export function ArticlePage(props: ArticlePageProps) {
  const { article, settings, now, publicUrl } = props;
  const leadImage = props.leadImage ?? null;
  const head = articleHead(article, settings, publicUrl, leadImage);
  const shareUrl = absolute(publicUrl, articlePath(article, settings['publication.timezone']));
  const ctx: RenderContext = { siteOrigin: publicUrl.origin, resolveImage: props.resolveImage };
  return (
    <Layout settings={settings} now={now} {...head}>
      <article class="article">
        <header class="article-head">
          {article.section ? (
            <p class="section-label">
              <a href={sectionPath(article.section.path)}>{article.section.name}</a>
            </p>
          ) : null}
          <h1>{article.headline}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
        </header>
        {leadImage ? <LeadFigure {...leadImage} /> : null}
        <div class="article-meta">
          <ArticleByline article={article} locale={settings['publication.locale']} />
          <Dates article={article} settings={settings} />
          <ShareLinks url={shareUrl} headline={article.headline} />
        </div>
        <ArticleBody
          document={article.body}
          dateline={article.dateline}
          cut={props.cut === true}
          openSharePercent={settings['wall.open_share_percent']}
          ctx={ctx}
        />
        {props.cut ? props.wallPrompt : null}
        <Corrections article={article} settings={settings} />
        <Tags article={article} />
      </article>
      <Related article={article} settings={settings} images={props.relatedImages} />
    </Layout>
  );
}
