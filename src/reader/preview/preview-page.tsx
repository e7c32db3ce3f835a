import type { ArticleDocument, TopBlockNode } from '../../capabilities/articles/document/index.js';
import { openBlockCount, splitAtWall } from '../../capabilities/articles/document/index.js';
import { type ArticlePreview, readerLeadImage } from '../../capabilities/articles/index.js';
import { Block, type RenderContext } from '../../capabilities/articles/render/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { articlePath } from '../../capabilities/site/index.js';
import { meterMonth, wallApplies } from '../../capabilities/wall/index.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { ArticlePage } from '../article/article-page.js';
import {
  latestTime,
  pickRelated,
  RELATED_LIMIT,
  RELATED_TAGS,
  type ReaderArticle,
} from '../article/article-reader.js';
import { findRelatedCandidates } from '../article/article-reader-repository.js';
import { WallPrompt } from '../article/wall-prompt.js';

/** The marker's words, where an anonymous reader past the wall stops (the wording). */
export const CUT_MARKER = 'Readers without an account stop here';

// The newsroom's red, as inline styles: the page's one stylesheet is the reader site's own, untouched,
// and both the newsroom app's policy and this answer's allow inline styles (never scripts).
const RED = '#a4161a';
const MARKER_STYLE = `margin:2rem 0 1rem;padding:.6rem 1rem;border:3px dashed ${RED};color:${RED};background:#fff;font:700 1.05rem/1.3 system-ui,sans-serif;text-align:center`;
const REST_STYLE = `margin:1.5rem 0;padding:0 0 0 1rem;border-left:6px solid ${RED};background:repeating-linear-gradient(-45deg,transparent 0 12px,rgba(164,22,26,.05) 12px 24px)`;
const REST_LABEL_STYLE = `margin:0;padding:.4rem 0;color:${RED};font:700 .9rem/1.3 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em`;

/**
 * The article as the reader site would show it with these fields, as the newsroom previews it: the
 * reader's own page (ArticlePage: Layout, styles, lead figure, byline, corrections, related). When the
 * wall can cut the article, the page is the cut version a walled-off anonymous reader gets, with the
 * wall's prompt, then a marker where the cut falls and the rest of the body marked as behind the wall.
 */
export async function renderArticlePreview(
  db: Db,
  preview: ArticlePreview,
  options: { settings: Settings; now: Date; publicUrl: URL; mediaPublicUrl: URL | null },
): Promise<string> {
  const { settings, now, publicUrl } = options;
  const article = await readerArticleOf(db, preview, now);
  const leadImage = await readerLeadImage(db, options.mediaPublicUrl, article.leadImageRef);
  const walled = wallApplies(article.access, settings['wall.free_articles_per_month']);
  const ctx: RenderContext = { siteOrigin: publicUrl.origin };
  return renderDocument(
    <ArticlePage
      article={article}
      leadImage={leadImage}
      settings={settings}
      now={now}
      publicUrl={publicUrl}
      cut={walled}
      wallPrompt={
        walled ? (
          <>
            <p class="preview-cut" role="note" style={MARKER_STYLE}>
              {CUT_MARKER}
            </p>
            <WallPrompt
              access={article.access}
              freeArticlesPerMonth={settings['wall.free_articles_per_month']}
              month={article.access === 'metered' ? meterMonth(now, settings['publication.timezone']) : null}
              path={articlePath(article, settings['publication.timezone'])}
              locale={settings['publication.locale']}
            />
            <BehindTheWall
              document={article.body}
              dateline={article.dateline}
              sharePercent={settings['wall.open_share_percent']}
              ctx={ctx}
            />
          </>
        ) : null
      }
    />,
  );
}

/** The body after the cut, which the page leaves out for a walled-off reader, shown to staff as such. */
function BehindTheWall(props: {
  document: ArticleDocument;
  dateline: string;
  sharePercent: number;
  ctx: RenderContext;
}) {
  const { rest } = splitAtWall(props.document, props.sharePercent);
  const opened = openBlockCount(props.document.content?.length ?? 0, props.sharePercent);
  if (rest.length === 0) return null;
  // The dateline leads the first paragraph; when that falls after the cut it is printed here.
  const all = props.document.content ?? [];
  const datelineAt = props.dateline ? all.findIndex((b) => b.type === 'paragraph') : -1;
  const lead = (index: number) =>
    index === datelineAt ? (
      <>
        <span class="dateline">{props.dateline}</span>{' '}
      </>
    ) : undefined;
  return (
    <section class="preview-behind-wall" aria-label="Behind the wall" style={REST_STYLE}>
      <p style={REST_LABEL_STYLE}>Behind the wall: readers with an account read on</p>
      <div class="article-body">
        {rest.map((block: TopBlockNode, i) => (
          <Block node={block} ctx={props.ctx} lead={lead(i + opened)} />
        ))}
      </div>
    </section>
  );
}

/**
 * The preview in the reader page's shape. An article never published yet is dated now, as it would be
 * if it went out this minute; related articles are found as the page finds them, from its section and
 * its tags that exist already.
 */
async function readerArticleOf(db: Db, preview: ArticlePreview, now: Date): Promise<ReaderArticle> {
  const firstPublishedAt = preview.firstPublishedAt ?? isoTime(now);
  const existingTagIds = preview.tags.flatMap((t) => (t.id ? [t.id] : []));
  const candidates = await findRelatedCandidates(
    db,
    { sectionId: preview.section?.id ?? null, tagIds: existingTagIds.slice(0, RELATED_TAGS) },
    RELATED_LIMIT + 1,
  );
  return {
    id: preview.id,
    slug: preview.slug,
    headline: preview.headline,
    dek: preview.dek,
    dateline: preview.dateline,
    body: preview.body,
    access: preview.access,
    section: preview.section,
    authors: preview.authors,
    bylineSuffix: preview.bylineSuffix,
    seoHeadline: preview.seoHeadline,
    seoDescription: preview.seoDescription,
    leadImageRef: preview.leadImage ? JSON.stringify(preview.leadImage) : null,
    firstPublishedAt,
    modifiedAt: latestTime([firstPublishedAt, preview.publishedAt, preview.modifiedAt]),
    // A tag not created yet links where it will be; it has no id until the article is saved.
    tags: preview.tags.map((t) => ({ id: t.id ?? '', name: t.name, slug: t.slug })),
    corrections: preview.corrections.map(({ id, kind, text, publishedAt }) => ({
      id,
      kind,
      text,
      publishedAt,
    })),
    related: pickRelated(candidates, preview.id, RELATED_LIMIT),
  };
}
