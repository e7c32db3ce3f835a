import type { ComponentChildren } from 'preact';
import type {
  EmbedNode,
  ImageNode,
  ListItemBlockNode,
  ListItemNode,
  QuoteBlockNode,
  TopBlockNode,
} from '../document/index.js';
import { Inline } from './inline.js';
import type { BodyImage, RenderContext } from './render-context.js';
import { safeImageSrc, safeWebUrl } from './safe-urls.js';

type AnyBlock = TopBlockNode | QuoteBlockNode | ListItemBlockNode;

/**
 * One block of the body as HTML. Every node type of the document README has a case; an unknown
 * type (a body saved by a newer editor) renders nothing rather than guessing. `lead` is put before
 * the text of a paragraph: the dateline.
 */
export function Block({ node, ctx, lead }: { node: AnyBlock; ctx: RenderContext; lead?: ComponentChildren }) {
  switch (node.type) {
    case 'paragraph':
      return (
        <p>
          {lead}
          <Inline nodes={node.content} ctx={ctx} />
        </p>
      );
    case 'heading': {
      const Tag = `h${clampLevel(node.attrs?.level)}` as 'h2' | 'h3' | 'h4';
      return (
        <Tag>
          <Inline nodes={node.content} ctx={ctx} />
        </Tag>
      );
    }
    case 'blockquote':
      return (
        <blockquote>
          <Blocks nodes={node.content} ctx={ctx} />
        </blockquote>
      );
    case 'pullQuote':
      return (
        <figure class="pull-quote">
          <blockquote>
            <Blocks nodes={node.content} ctx={ctx} />
          </blockquote>
          {node.attrs?.attribution ? <figcaption>— {node.attrs.attribution}</figcaption> : null}
        </figure>
      );
    case 'bulletList':
      return (
        <ul>
          <Items items={node.content} ctx={ctx} />
        </ul>
      );
    case 'orderedList': {
      const start = node.attrs?.start ?? 1;
      return (
        <ol start={start !== 1 ? start : undefined}>
          <Items items={node.content} ctx={ctx} />
        </ol>
      );
    }
    case 'horizontalRule':
      return <hr />;
    case 'image':
      return <BodyFigure node={node} ctx={ctx} />;
    case 'embed':
      return <EmbedCard node={node} />;
    default:
      return null;
  }
}

export function Blocks({ nodes, ctx }: { nodes: readonly AnyBlock[] | undefined; ctx: RenderContext }) {
  return (
    <>
      {(nodes ?? []).map((node) => (
        <Block node={node} ctx={ctx} />
      ))}
    </>
  );
}

function Items({ items, ctx }: { items: readonly ListItemNode[] | undefined; ctx: RenderContext }) {
  return (
    <>
      {(items ?? []).map((item) => (
        <li>
          <Blocks nodes={item.content} ctx={ctx} />
        </li>
      ))}
    </>
  );
}

function clampLevel(level: unknown): 2 | 3 | 4 {
  return level === 3 || level === 4 ? level : 2;
}

/** An image in the body: lazy (it is below the lead), with its size when known, so nothing jumps. */
function BodyFigure({ node, ctx }: { node: ImageNode; ctx: RenderContext }) {
  const image = resolve(node, ctx);
  if (!image) return null;
  const { alt, caption, credit } = node.attrs;
  return (
    <figure class="body-figure">
      <img
        src={image.src}
        srcset={image.srcset ?? undefined}
        sizes={image.srcset ? (image.sizes ?? '100vw') : undefined}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        alt={alt ?? ''}
        loading="lazy"
        decoding="async"
      />
      <Caption caption={caption} credit={credit} />
    </figure>
  );
}

function resolve(node: ImageNode, ctx: RenderContext): BodyImage | null {
  const resolved = ctx.resolveImage?.(node.attrs);
  if (resolved) {
    const src = safeImageSrc(resolved.src);
    return src ? { ...resolved, src } : null;
  }
  const src = safeImageSrc(node.attrs.src);
  return src ? { src } : null;
}

/** Caption and credit as separate elements, so styles and programs can tell them apart. */
export function Caption({
  caption,
  credit,
}: {
  caption: string | null | undefined;
  credit: string | null | undefined;
}) {
  if (!caption && !credit) return null;
  return (
    <figcaption>
      {caption ? <span class="caption">{caption}</span> : null}
      {caption && credit ? ' ' : null}
      {credit ? <span class="credit">{credit}</span> : null}
    </figcaption>
  );
}

/**
 * An embed as a link card: the reader's browser loads nothing from the other service until the
 * reader follows the link (no third-party script, no tracking, nothing to slow the page).
 */
function EmbedCard({ node }: { node: EmbedNode }) {
  const url = safeWebUrl(node.attrs.url);
  if (!url) return null;
  const parsed = new URL(url);
  const shown = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  return (
    <figure class="embed">
      <a class="embed-card" href={url} rel="noopener">
        <span class="embed-provider">{node.attrs.provider || parsed.hostname.replace(/^www\./, '')}</span>
        <span class="embed-url">{shown}</span>
      </a>
      {node.attrs.caption ? <figcaption>{node.attrs.caption}</figcaption> : null}
    </figure>
  );
}
