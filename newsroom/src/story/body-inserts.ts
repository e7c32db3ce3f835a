import type { Editor } from '@tiptap/core';

/** What the `/` menu offers: every block the server's document schema accepts. */
export interface Insert {
  id: string;
  label: string;
  detail: string;
  /** Words it is found by, besides its label. */
  also: string;
  /** Replaces the current block (or the empty paragraph the menu was opened in). */
  run?(editor: Editor): void;
  /** Needs more from the person first: a photo from the library, an embed's address. */
  asks?: 'photo' | 'embed';
}

const block = (editor: Editor) => editor.chain().focus().clearNodes();

export const INSERTS: Insert[] = [
  {
    id: 'paragraph',
    label: 'Paragraph',
    detail: 'Plain text',
    also: 'text body',
    run: (e) => block(e).setParagraph().run(),
  },
  {
    id: 'h2',
    label: 'Subhead',
    detail: 'Heading level 2',
    also: 'heading h2 title',
    run: (e) => block(e).setHeading({ level: 2 }).run(),
  },
  {
    id: 'h3',
    label: 'Subhead, smaller',
    detail: 'Heading level 3',
    also: 'heading h3',
    run: (e) => block(e).setHeading({ level: 3 }).run(),
  },
  {
    id: 'h4',
    label: 'Subhead, smallest',
    detail: 'Heading level 4',
    also: 'heading h4',
    run: (e) => block(e).setHeading({ level: 4 }).run(),
  },
  {
    id: 'quote',
    label: 'Quotation',
    detail: 'A quoted passage',
    also: 'blockquote citation',
    run: (e) => block(e).setBlockquote().run(),
  },
  {
    id: 'pull-quote',
    label: 'Pull quote',
    detail: 'A line set large in the story',
    also: 'callout',
    run: (e) => block(e).wrapIn('pullQuote').run(),
  },
  {
    id: 'bullets',
    label: 'Bulleted list',
    detail: 'A list with bullets',
    also: 'unordered ul',
    run: (e) => block(e).toggleBulletList().run(),
  },
  {
    id: 'numbers',
    label: 'Numbered list',
    detail: 'A list with numbers',
    also: 'ordered ol',
    run: (e) => block(e).toggleOrderedList().run(),
  },
  {
    id: 'rule',
    label: 'Divider',
    detail: 'A horizontal rule between sections',
    also: 'horizontal rule line separator',
    run: (e) => e.chain().focus().setHorizontalRule().run(),
  },
  {
    id: 'photo',
    label: 'Photo',
    detail: 'From the library, with caption and credit',
    also: 'image picture',
    asks: 'photo',
  },
  {
    id: 'embed',
    label: 'Embed',
    detail: 'A post, video or map by its address',
    also: 'url video tweet',
    asks: 'embed',
  },
];

/** The inserts whose label or other words start with a word typed after the `/`. */
export function matchInserts(typed: string): Insert[] {
  const q = typed.trim().toLowerCase();
  if (q === '') return INSERTS;
  return INSERTS.filter((insert) =>
    `${insert.label} ${insert.also}`
      .toLowerCase()
      .split(/[\s,]+/)
      .some((word) => word.startsWith(q)),
  );
}

/** The service an embed comes from, from its address ("youtube", "vimeo", "x"…), or null. */
export function providerOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.replace(/^(www|m)\./, '');
    return host.split('.').slice(-2, -1)[0] ?? null;
  } catch {
    return null;
  }
}
