import { renderToString } from 'preact-render-to-string';
import type { ArticleDocument, TopBlockNode } from '../document/index.js';
import { OPEN_BLOCKS, splitAtWall } from '../document/index.js';
import { Block } from './blocks.js';
import type { RenderContext } from './render-context.js';

export interface ArticleBodyProps {
  document: ArticleDocument;
  /** "KYIV, Ukraine —": printed in small caps at the start of the first paragraph. */
  dateline: string;
  /** True when the registration wall applies: `.article-rest` is left out of the HTML entirely. */
  cut: boolean;
  ctx: RenderContext;
}

/**
 * The body: the first OPEN_BLOCKS blocks in `.article-body`, the rest inside it in `.article-rest`.
 * The split is made on the server, so a cut body never reaches the reader (not hidden by CSS), and
 * JSON-LD's `hasPart` names the same `.article-rest` selector.
 */
export function ArticleBody({ document, dateline, cut, ctx }: ArticleBodyProps) {
  const blocks = document.content ?? [];
  const datelineAt = dateline ? blocks.findIndex((b) => b.type === 'paragraph') : -1;
  const lead = dateline ? (
    <>
      <span class="dateline">{dateline}</span>{' '}
    </>
  ) : null;
  const render = (block: TopBlockNode, index: number) => (
    <Block node={block} ctx={ctx} lead={index === datelineAt ? lead : undefined} />
  );
  const { open, rest } = splitAtWall(document);
  return (
    <div class="article-body">
      {/* A body with no paragraph at all still shows its dateline first. */}
      {dateline && datelineAt === -1 ? <p>{lead}</p> : null}
      {open.map((block, i) => render(block, i))}
      {!cut && rest.length > 0 ? (
        <div class="article-rest">{rest.map((block, i) => render(block, i + OPEN_BLOCKS))}</div>
      ) : null}
    </div>
  );
}

/** The body as an HTML fragment, cut or whole: for the wall, feeds and anything else outside a page. */
export function renderArticleBody(props: ArticleBodyProps): string {
  return renderToString(<ArticleBody {...props} />);
}
