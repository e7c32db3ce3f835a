/**
 * `checkDocument`: the one gate between an outside value (the editor's JSON, an API payload, an import) and an
 * `ArticleDocument`. It refuses anything the reader site would have to guess about, and returns a normalised copy:
 * known keys only, every attribute present, so renderers never meet editor extras (Tiptap's target/rel/class).
 */
import {
  type ArticleDocument,
  type ArticleMark,
  type ArticleNode,
  emptyDocument,
  type HeadingLevel,
  type ImageNode,
  type InlineNode,
  type ListItemBlockNode,
  type ListItemNode,
  MAX_ATTRIBUTE_LENGTH,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_DEPTH,
  MAX_DOCUMENT_NODES,
  MAX_LIST_START,
  type NodeType,
  type ParagraphNode,
  type QuoteBlockNode,
  type SuggestionMark,
  type TopBlockNode,
} from './document.js';
import { ALLOWED, type Container, capital, KNOWN_TYPES, NAMES, placement } from './document-rules.js';
import { checkImageSrc, checkLinkHref, checkWebUrl } from './document-urls.js';

/** `path` points into the document, e.g. `content[3].content[0].marks[1].attrs.href`; "" is the whole body. */
export type DocumentCheck =
  | { ok: true; document: ArticleDocument }
  | { ok: false; path: string; message: string };

/** Thrown inside the walk only, to stop at the first problem; `checkDocument` turns it into a value. */
class Refusal {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

interface Walk {
  nodes: number;
}

/**
 * Checks a body and returns it normalised, or the first problem with where it is and what to do about it.
 * An empty or missing `content` becomes one empty paragraph, the body of a new article.
 */
export function checkDocument(input: unknown): DocumentCheck {
  try {
    const document = readDocument(input);
    const bytes = jsonBytes(input);
    if (bytes === null) {
      return refuse('', 'The body must be plain JSON data (it holds a value JSON cannot write).');
    }
    if (bytes > MAX_DOCUMENT_BYTES) {
      const kb = Math.ceil(bytes / 1024);
      return refuse(
        '',
        `The body is too large: ${kb} KB of JSON, the most is ${MAX_DOCUMENT_BYTES / 1024} KB. ` +
          'Split the article into parts.',
      );
    }
    return { ok: true, document };
  } catch (error) {
    if (error instanceof Refusal) return refuse(error.path, error.message);
    throw error;
  }
}

function refuse(path: string, message: string): DocumentCheck {
  return { ok: false, path, message };
}

function jsonBytes(input: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(input), 'utf8');
  } catch {
    return null;
  }
}

function readDocument(input: unknown): ArticleDocument {
  if (!isObject(input)) {
    throw new Refusal('', 'The body must be a document: an object like {"type": "doc", "content": [...]}.');
  }
  if (input.type !== 'doc') {
    throw new Refusal('type', `The body must be a document of type "doc" (got ${describe(input.type)}).`);
  }
  const walk: Walk = { nodes: 0 };
  const content = readContent(input, '', 'doc', 0, walk) as TopBlockNode[];
  return content.length === 0 ? emptyDocument() : { type: 'doc', content };
}

/** Reads `node.content` of a container; every child has passed the ALLOWED table, so the caller may narrow it. */
function readContent(
  node: Record<string, unknown>,
  path: string,
  parent: Container,
  depth: number,
  walk: Walk,
): ArticleNode[] {
  const at = join(path, 'content');
  const raw = node.content;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Refusal(at, `The content of ${NAMES[parent]} must be a list.`);
  return raw.map((child, index) => readNode(child, `${at}[${index}]`, parent, depth + 1, walk));
}

function readNode(value: unknown, path: string, parent: Container, depth: number, walk: Walk): ArticleNode {
  walk.nodes += 1;
  if (walk.nodes > MAX_DOCUMENT_NODES) {
    throw new Refusal(
      '',
      `The body has more than ${MAX_DOCUMENT_NODES.toLocaleString('en-US')} parts (paragraphs, text runs, ` +
        'list items and so on). Split the article into parts.',
    );
  }
  if (depth > MAX_DOCUMENT_DEPTH) {
    throw new Refusal(
      path,
      `Content is nested more than ${MAX_DOCUMENT_DEPTH} levels deep here; flatten it.`,
    );
  }
  if (!isObject(value)) {
    throw new Refusal(path, `Each item inside ${NAMES[parent]} must be an object with a "type".`);
  }
  const type = value.type;
  if (typeof type !== 'string') {
    throw new Refusal(
      join(path, 'type'),
      `Each item inside ${NAMES[parent]} needs a "type", such as "paragraph".`,
    );
  }
  if (!KNOWN_TYPES.has(type)) {
    throw new Refusal(
      join(path, 'type'),
      `${describe(type)} is not a kind of content the body supports. Supported: ${[...KNOWN_TYPES].join(', ')}.`,
    );
  }
  const nodeType = type as NodeType;
  if (!ALLOWED[parent].includes(nodeType)) throw new Refusal(path, placement(nodeType, parent));
  if (nodeType !== 'text' && nodeType !== 'hardBreak' && hasItems(value.marks)) {
    throw new Refusal(
      join(path, 'marks'),
      'Only text can carry formatting (bold, italic, links) or a suggestion.',
    );
  }
  return readKnownNode(nodeType, value, path, depth, walk);
}

function readKnownNode(
  type: NodeType,
  node: Record<string, unknown>,
  path: string,
  depth: number,
  walk: Walk,
): ArticleNode {
  switch (type) {
    case 'text':
      return leaf(
        { type, text: readText(node.text, join(path, 'text')), ...withMarks(node.marks, path) },
        node,
        path,
      );
    case 'hardBreak': {
      // Tiptap may copy the surrounding formatting onto a break; it means nothing there, so it is checked and
      // dropped. A suggestion on a break is kept: a suggested break is not the article's text yet.
      const suggestions = readMarks(node.marks, join(path, 'marks')).filter(isSuggestion);
      return leaf(suggestions.length === 0 ? { type } : { type, marks: suggestions }, node, path);
    }
    case 'horizontalRule':
      return leaf({ type }, node, path);
    case 'paragraph':
      return textBlock({ type }, node, path, depth, walk);
    case 'heading': {
      const attrs = attrsOf(node, path);
      return textBlock(
        { type, attrs: { level: readLevel(attrs.level, join(path, 'attrs.level')) } },
        node,
        path,
        depth,
        walk,
      );
    }
    case 'blockquote':
      return {
        type,
        content: nonEmpty(readContent(node, path, type, depth, walk), path, type) as QuoteBlockNode[],
      };
    case 'pullQuote': {
      const attrs = attrsOf(node, path);
      const attribution = optionalText(attrs.attribution, join(path, 'attrs.attribution'), 'attribution');
      const content = nonEmpty(readContent(node, path, type, depth, walk), path, type) as ParagraphNode[];
      return { type, attrs: { attribution }, content };
    }
    case 'bulletList':
      return {
        type,
        content: nonEmpty(readContent(node, path, type, depth, walk), path, type) as ListItemNode[],
      };
    case 'orderedList': {
      const start = readStart(attrsOf(node, path).start, join(path, 'attrs.start'));
      const content = nonEmpty(readContent(node, path, type, depth, walk), path, type) as ListItemNode[];
      return { type, attrs: { start }, content };
    }
    case 'listItem': {
      const content = nonEmpty(readContent(node, path, type, depth, walk), path, type) as ListItemBlockNode[];
      if (content[0]?.type !== 'paragraph') {
        throw new Refusal(join(path, 'content[0]'), 'A list item must begin with a paragraph.');
      }
      return { type, content };
    }
    case 'image':
      return leaf(readImage(node, path), node, path);
    case 'embed': {
      const attrs = attrsOf(node, path);
      const url = checkWebUrl(attrs.url);
      if (!url.ok) throw new Refusal(join(path, 'attrs.url'), `The embed address ${url.problem}.`);
      const provider = optionalText(attrs.provider, join(path, 'attrs.provider'), 'provider');
      const caption = optionalText(attrs.caption, join(path, 'attrs.caption'), 'caption');
      return leaf({ type, attrs: { url: url.url, provider, caption } }, node, path);
    }
  }
}

function textBlock<T extends { type: 'paragraph' | 'heading' }>(
  base: T,
  node: Record<string, unknown>,
  path: string,
  depth: number,
  walk: Walk,
): T & { content?: InlineNode[] } {
  const content = readContent(node, path, base.type, depth, walk) as InlineNode[];
  return content.length === 0 ? base : { ...base, content };
}

function leaf<T extends { type: NodeType }>(result: T, node: Record<string, unknown>, path: string): T {
  if (hasItems(node.content)) {
    throw new Refusal(join(path, 'content'), `${capital(NAMES[result.type])} cannot contain other content.`);
  }
  return result;
}

function nonEmpty<T>(content: T[], path: string, type: Container): T[] {
  if (content.length > 0) return content;
  const what = type === 'bulletList' || type === 'orderedList' ? 'at least one item' : 'some content';
  throw new Refusal(join(path, 'content'), `${capital(NAMES[type])} needs ${what}.`);
}

function readImage(node: Record<string, unknown>, path: string): ImageNode {
  const attrs = attrsOf(node, path);
  const mediaId = optionalText(attrs.mediaId, join(path, 'attrs.mediaId'), 'mediaId')?.trim() || null;
  let src: string | null = null;
  if (attrs.src !== undefined && attrs.src !== null && attrs.src !== '') {
    const checked = checkImageSrc(attrs.src);
    if (!checked.ok) throw new Refusal(join(path, 'attrs.src'), `The image address ${checked.problem}.`);
    src = checked.url;
  }
  if (mediaId === null && src === null) {
    throw new Refusal(
      join(path, 'attrs'),
      'An image needs a media library id (mediaId) or an address (src).',
    );
  }
  const text = (key: 'alt' | 'caption' | 'credit') =>
    optionalText(attrs[key], join(path, `attrs.${key}`), key) ?? '';
  return {
    type: 'image',
    attrs: { mediaId, src, alt: text('alt'), caption: text('caption'), credit: text('credit') },
  };
}

function withMarks(raw: unknown, path: string): { marks?: ArticleMark[] } {
  const marks = readMarks(raw, join(path, 'marks'));
  return marks.length === 0 ? {} : { marks };
}

function readMarks(raw: unknown, path: string): ArticleMark[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Refusal(path, 'The formatting (marks) of text must be a list.');
  const seen = new Set<string>();
  return raw.map((mark, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(mark)) throw new Refusal(at, 'Each mark must be an object with a "type".');
    const type = mark.type;
    if (type === 'code') {
      throw new Refusal(join(at, 'type'), 'Code formatting is not supported in articles; use plain text.');
    }
    if (type === 'insertion' || type === 'deletion') {
      // The two exclude each other, as in the editor: text is suggested in or suggested out, not both.
      if (seen.has('insertion') || seen.has('deletion')) {
        throw new Refusal(at, 'The same text can carry only one suggestion (an insertion or a deletion).');
      }
      seen.add(type);
      return { type, attrs: { id: readSuggestionId(attrsOf(mark, at).id, join(at, 'attrs.id')) } };
    }
    if (type === 'modification') {
      throw new Refusal(
        join(at, 'type'),
        'Suggested changes of formatting or structure are not supported; suggest text, or make the change directly.',
      );
    }
    if (type !== 'bold' && type !== 'italic' && type !== 'link') {
      throw new Refusal(
        join(at, 'type'),
        `${describe(type)} is not supported formatting; use bold, italic or link.`,
      );
    }
    if (seen.has(type)) throw new Refusal(at, `The same text is marked ${type} twice.`);
    seen.add(type);
    if (type !== 'link') return { type };
    const attrs = attrsOf(mark, at);
    const href = checkLinkHref(attrs.href);
    if (!href.ok) throw new Refusal(join(at, 'attrs.href'), `The link address ${href.problem}.`);
    return {
      type,
      attrs: { href: href.url, title: optionalText(attrs.title, join(at, 'attrs.title'), 'title') },
    };
  });
}

/** `<staff id>.<epoch ms>.<6 base36>`: the editor makes it; anything else would show a made-up author or time. */
const SUGGESTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.\d{13}\.[0-9a-z]{6}$/;

function readSuggestionId(raw: unknown, path: string): string {
  if (typeof raw === 'string' && SUGGESTION_ID.test(raw)) return raw;
  throw new Refusal(
    path,
    `A suggestion's id must be "<staff id>.<time in ms>.<6 letters or digits>" (got ${describe(raw)}).`,
  );
}

function isSuggestion(mark: ArticleMark): mark is SuggestionMark {
  return mark.type === 'insertion' || mark.type === 'deletion';
}

function readText(raw: unknown, path: string): string {
  if (typeof raw !== 'string') throw new Refusal(path, 'Text must be a string.');
  if (raw === '') throw new Refusal(path, 'Text cannot be empty; leave the text node out instead.');
  if (hasControlCharacters(raw)) throw new Refusal(path, 'Text cannot hold control characters.');
  return raw;
}

function readLevel(raw: unknown, path: string): HeadingLevel {
  if (raw === 2 || raw === 3 || raw === 4) return raw;
  if (raw === 1)
    throw new Refusal(path, 'Heading level 1 is the headline; headings in the body are level 2, 3 or 4.');
  throw new Refusal(path, `A heading's level must be 2, 3 or 4 (got ${describe(raw)}).`);
}

function readStart(raw: unknown, path: string): number {
  if (raw === undefined || raw === null) return 1;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= MAX_LIST_START) return raw;
  throw new Refusal(
    path,
    `A numbered list must start at a whole number from 1 to ${MAX_LIST_START} (got ${describe(raw)}).`,
  );
}

/** Absent, null and text are fine; Tiptap writes null for an attribute nobody set. */
function optionalText(raw: unknown, path: string, limit: keyof typeof MAX_ATTRIBUTE_LENGTH): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw new Refusal(path, `This must be text (got ${describe(raw)}).`);
  const max = MAX_ATTRIBUTE_LENGTH[limit];
  if (raw.length > max)
    throw new Refusal(path, `This must be at most ${max} characters (it has ${raw.length}).`);
  if (hasControlCharacters(raw)) throw new Refusal(path, 'This cannot hold control characters.');
  return raw;
}

function attrsOf(node: Record<string, unknown>, path: string): Record<string, unknown> {
  const attrs = node.attrs;
  if (attrs === undefined || attrs === null) return {};
  if (!isObject(attrs)) throw new Refusal(join(path, 'attrs'), 'Attributes (attrs) must be an object.');
  return attrs;
}

// Tab, line feed and carriage return are whitespace a paste can bring; the rest never belongs in an article.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return value === null ? 'null' : 'an object';
  return String(value);
}
