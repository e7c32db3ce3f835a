import { renderToString } from 'preact-render-to-string';
import type { ArticleDocument, TopBlockNode } from '../document/index.js';
import { splitAtWall } from '../document/index.js';
import { Block } from './blocks.js';
import { datelineInPaperStyle } from './dateline.js';
import type { RenderContext } from './render-context.js';

export interface ArticleBodyProps {
  document: ArticleDocument;
  /** "KYIV, Ukraine —": printed in small caps at the start of the first paragraph, with its closing dash. */
  dateline: string;
  /** True when the registration wall applies: `.article-rest` is left out of the HTML entirely. */
  cut: boolean;
  /** `wall.open_share_percent`: how much of the body stays open (document-open.ts). */
  openSharePercent: number;
  ctx: RenderContext;
}

/**
 * The body: its open blocks (a share of them, `openBlockCount`) in `.article-body`, the rest inside
 * it in `.article-rest`. The split is made on the server, so a cut body never reaches the reader
 * (not hidden by CSS), and JSON-LD's `hasPart` names the same `.article-rest` selector. A cut body
 * is marked `.is-cut`: the stylesheet fades its last open block to show the story goes on.
 */
export function ArticleBody({ document, dateline, cut, openSharePercent, ctx }: ArticleBodyProps) {
  const blocks = document.content ?? [];
  const printed = datelineInPaperStyle(dateline);
  const { open, rest } = splitAtWall(document, openSharePercent);
  // In the first open paragraph: both versions of the page then start the same way.
  const firstParagraph = blocks.findIndex((b) => b.type === 'paragraph');
  const datelineAt = printed && firstParagraph < open.length ? firstParagraph : -1;
  const lead = printed ? (
    <>
      <span class="dateline">{printed}</span>{' '}
    </>
  ) : null;
  const render = (block: TopBlockNode, index: number) => (
    <Block node={block} ctx={ctx} lead={index === datelineAt ? lead : undefined} />
  );
  const isCut = cut && rest.length > 0;
  return (
    <div class={isCut ? 'article-body is-cut' : 'article-body'}>
      {/* A body with no paragraph at all, or none open, still shows its dateline first. */}
      {lead && datelineAt === -1 ? <p>{lead}</p> : null}
      {open.map((block, i) => render(block, i))}
      {!cut && rest.length > 0 ? (
        <div class="article-rest">{rest.map((block, i) => render(block, i + open.length))}</div>
      ) : null}
    </div>
  );
}

/** The body as an HTML fragment, cut or whole: for the wall, feeds and anything else outside a page. */
export function renderArticleBody(props: ArticleBodyProps): string {
  return renderToString(<ArticleBody {...props} />);
}
