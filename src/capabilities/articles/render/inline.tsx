import type { ComponentChildren } from 'preact';
import type { InlineNode, LinkMark, TextNode } from '../document/index.js';
import type { RenderContext } from './render-context.js';
import { isExternal, safeLinkHref } from './safe-urls.js';

/**
 * The text of a paragraph or heading. Consecutive runs under the same link become one `<a>` (so
 * "read **this** report", all linked, is one link, not three); bold and italic wrap each run.
 */
export function Inline({ nodes, ctx }: { nodes: readonly InlineNode[] | undefined; ctx: RenderContext }) {
  if (!nodes || nodes.length === 0) return null;
  const out: ComponentChildren[] = [];
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i] as InlineNode;
    const link = linkOf(node);
    if (!link) {
      out.push(<Run node={node} />);
      i += 1;
      continue;
    }
    const group: InlineNode[] = [];
    while (i < nodes.length && sameLink(linkOf(nodes[i] as InlineNode), link)) {
      group.push(nodes[i] as InlineNode);
      i += 1;
    }
    out.push(<Link mark={link} runs={group} ctx={ctx} />);
  }
  return <>{out}</>;
}

function Link({ mark, runs, ctx }: { mark: LinkMark; runs: InlineNode[]; ctx: RenderContext }) {
  const text = runs.map((run) => <Run node={run} />);
  const href = safeLinkHref(mark.attrs.href);
  // A refused address keeps its words and loses the link: the reader still reads the sentence.
  if (!href) return <>{text}</>;
  return (
    <a
      href={href}
      title={mark.attrs.title || undefined}
      rel={isExternal(href, ctx.siteOrigin) ? 'noopener' : undefined}
    >
      {text}
    </a>
  );
}

function Run({ node }: { node: InlineNode }) {
  if (node.type === 'hardBreak') return <br />;
  if (node.type !== 'text') return null;
  let content: ComponentChildren = node.text;
  if (has(node, 'italic')) content = <em>{content}</em>;
  if (has(node, 'bold')) content = <strong>{content}</strong>;
  return <>{content}</>;
}

function has(node: TextNode, type: 'bold' | 'italic'): boolean {
  return node.marks?.some((m) => m.type === type) ?? false;
}

function linkOf(node: InlineNode): LinkMark | null {
  if (node.type !== 'text') return null;
  return (node.marks?.find((m) => m.type === 'link') as LinkMark | undefined) ?? null;
}

function sameLink(a: LinkMark | null, b: LinkMark): boolean {
  return a !== null && a.attrs.href === b.attrs.href && (a.attrs.title ?? null) === (b.attrs.title ?? null);
}
