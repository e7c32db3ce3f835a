/**
 * The article body as HTML for feed readers, rendered from the structured document by Preact (which
 * escapes every text and attribute), never from stored HTML. Feed readers show articles away from
 * the site, so every address is made absolute and nothing depends on the site's stylesheet.
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type {
  ArticleDocument,
  ArticleMark,
  InlineNode,
  ListItemBlockNode,
  QuoteBlockNode,
  TopBlockNode,
} from '../articles/document/index.js';
import { checkImageSrc, checkLinkHref, checkWebUrl } from '../articles/document/index.js';
import { absolute } from '../site/index.js';

interface Context {
  publicUrl: URL;
}

/** The body as an HTML fragment, the dateline leading the first paragraph as on the article page. */
export function bodyToHtml(document: ArticleDocument, dateline: string, publicUrl: URL): string {
  const context: Context = { publicUrl };
  const blocks = document.content.map((block, index) =>
    index === 0 && dateline && block.type === 'paragraph' ? (
      <p key={index}>
        <strong>{dateline}</strong> <Inline nodes={block.content ?? []} context={context} />
      </p>
    ) : (
      <Block key={index} node={block} context={context} />
    ),
  );
  // A body that opens with a heading or a picture still carries its dateline first.
  const alone = dateline && document.content[0]?.type !== 'paragraph' ? <strong>{dateline}</strong> : null;
  return renderToString(
    <>
      {alone ? <p>{alone}</p> : null}
      {blocks}
    </>,
  );
}

function Block({
  node,
  context,
}: {
  node: TopBlockNode | QuoteBlockNode | ListItemBlockNode;
  context: Context;
}) {
  switch (node.type) {
    case 'paragraph':
      return (
        <p>
          <Inline nodes={node.content ?? []} context={context} />
        </p>
      );
    case 'heading': {
      const Heading = `h${node.attrs.level}` as 'h2' | 'h3' | 'h4';
      return (
        <Heading>
          <Inline nodes={node.content ?? []} context={context} />
        </Heading>
      );
    }
    case 'blockquote':
      return <blockquote>{blocksOf(node.content, context)}</blockquote>;
    case 'pullQuote':
      return (
        <blockquote>
          {blocksOf(node.content, context)}
          {node.attrs.attribution ? <p>— {node.attrs.attribution}</p> : null}
        </blockquote>
      );
    case 'bulletList':
      return <ul>{items(node.content, context)}</ul>;
    case 'orderedList':
      return (
        <ol start={node.attrs.start === 1 ? undefined : node.attrs.start}>{items(node.content, context)}</ol>
      );
    case 'horizontalRule':
      return <hr />;
    case 'image':
      return <Image node={node} context={context} />;
    case 'embed':
      return <Embed node={node} />;
  }
}

function blocksOf(nodes: (QuoteBlockNode | ListItemBlockNode)[], context: Context): VNode[] {
  return nodes.map((child, index) => <Block key={index} node={child} context={context} />);
}

function items(list: { content: ListItemBlockNode[] }[], context: Context): VNode[] {
  return list.map((item, index) => <li key={index}>{blocksOf(item.content, context)}</li>);
}

function Image({ node, context }: { node: Extract<TopBlockNode, { type: 'image' }>; context: Context }) {
  // Images known only by their media-library id get an address once media serves one; until then
  // they are left out rather than shown broken.
  const src = node.attrs.src ? checkImageSrc(node.attrs.src) : null;
  if (!src?.ok) return null;
  const caption = node.attrs.caption || node.attrs.credit;
  return (
    <figure>
      <img src={siteAbsolute(src.url, context)} alt={node.attrs.alt} />
      {caption ? (
        <figcaption>
          {node.attrs.caption}
          {node.attrs.caption && node.attrs.credit ? ' ' : null}
          {node.attrs.credit ? <small>{node.attrs.credit}</small> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Feed readers run no embed scripts: an embed becomes a link to what it shows. */
function Embed({ node }: { node: Extract<TopBlockNode, { type: 'embed' }> }) {
  const url = checkWebUrl(node.attrs.url);
  if (!url.ok) return null;
  return (
    <p>
      <a href={url.url}>{node.attrs.caption || url.url}</a>
    </p>
  );
}

function Inline({ nodes, context }: { nodes: InlineNode[]; context: Context }) {
  return (
    <>
      {nodes.map((node, index) =>
        node.type === 'hardBreak' ? (
          <br key={index} />
        ) : (
          <Marked key={index} marks={node.marks ?? []} context={context}>
            {node.text}
          </Marked>
        ),
      )}
    </>
  );
}

/** Wraps text in its marks, outermost first, as ProseMirror lists them. */
function Marked({
  marks,
  context,
  children,
}: {
  marks: ArticleMark[];
  context: Context;
  children: ComponentChildren;
}) {
  let out = <>{children}</>;
  for (const mark of [...marks].reverse()) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'link') {
      const href = checkLinkHref(mark.attrs.href);
      // A stored address that no longer passes the allow-list is dropped, keeping its text.
      if (href.ok) out = <a href={siteAbsolute(href.url, context)}>{out}</a>;
    }
  }
  return out;
}

function siteAbsolute(url: string, context: Context): string {
  return url.startsWith('/') ? absolute(context.publicUrl, url) : url;
}
