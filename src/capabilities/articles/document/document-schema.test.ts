import { describe, expect, it } from 'vitest';
import { type ArticleDocument, emptyDocument } from './document.js';
import { checkDocument } from './document-schema.js';

const text = (value: string, ...marks: unknown[]) =>
  marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const link = (href: unknown) => ({ type: 'link', attrs: { href } });

function refusal(input: unknown): { path: string; message: string } {
  const check = checkDocument(input);
  if (check.ok) throw new Error(`expected a refusal, got ${JSON.stringify(check.document).slice(0, 200)}`);
  return { path: check.path, message: check.message };
}

describe('checkDocument accepts', () => {
  it('a document using every node and mark, normalised to known keys with every attribute present', () => {
    // The shape Tiptap 3 writes, with its extras (textAlign, target/rel/class, marks on a break) left in.
    const input = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, textAlign: 'left', id: 'x' }, content: [text('Subhead')] },
        {
          type: 'paragraph',
          attrs: { textAlign: null },
          content: [
            text('KYIV — ', { type: 'bold', attrs: {} }),
            text('plain '),
            text(
              'link',
              { type: 'italic' },
              {
                type: 'link',
                attrs: {
                  href: ' https://example.com/a ',
                  target: '_blank',
                  rel: 'noopener',
                  class: null,
                  title: null,
                },
              },
            ),
            { type: 'hardBreak', marks: [{ type: 'bold' }] },
            text('mail', link('mailto:desk@ledger.example')),
            text(' and '),
            text('home', { type: 'link', attrs: { href: '/sections/world', title: 'World' } }),
          ],
        },
        { type: 'paragraph' },
        {
          type: 'blockquote',
          content: [
            para(text('Quoted.')),
            { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('in quote'))] }] },
          ],
        },
        {
          type: 'pullQuote',
          attrs: { attribution: 'The secretary general' },
          content: [para(text('We will stand.'))],
        },
        { type: 'pullQuote', content: [para(text('Unattributed.'))] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                para(text('one')),
                {
                  type: 'orderedList',
                  attrs: { start: 3, type: null },
                  content: [{ type: 'listItem', content: [para(text('three'))] }],
                },
                { type: 'blockquote', content: [para(text('aside'))] },
              ],
            },
          ],
        },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'horizontalRule' },
        {
          type: 'image',
          attrs: {
            mediaId: '0190-aaaa',
            src: null,
            alt: 'The secretary general',
            caption: 'At headquarters.',
            credit: 'Agency/Name',
            width: 3,
          },
        },
        { type: 'image', attrs: { src: 'https://cdn.example/p.jpg' } },
        {
          type: 'embed',
          attrs: { url: 'https://video.example/watch?v=1', provider: 'youtube', caption: 'Remarks' },
        },
        { type: 'embed', attrs: { url: 'http://video.example/2' } },
      ],
    };
    const check = checkDocument(input);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const expected: ArticleDocument = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Subhead' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'KYIV — ', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'plain ' },
            {
              type: 'text',
              text: 'link',
              marks: [
                { type: 'italic' },
                { type: 'link', attrs: { href: 'https://example.com/a', title: null } },
              ],
            },
            { type: 'hardBreak' },
            {
              type: 'text',
              text: 'mail',
              marks: [{ type: 'link', attrs: { href: 'mailto:desk@ledger.example', title: null } }],
            },
            { type: 'text', text: ' and ' },
            {
              type: 'text',
              text: 'home',
              marks: [{ type: 'link', attrs: { href: '/sections/world', title: 'World' } }],
            },
          ],
        },
        { type: 'paragraph' },
        {
          type: 'blockquote',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Quoted.' }] },
            {
              type: 'bulletList',
              content: [
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'in quote' }] }],
                },
              ],
            },
          ],
        },
        {
          type: 'pullQuote',
          attrs: { attribution: 'The secretary general' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We will stand.' }] }],
        },
        {
          type: 'pullQuote',
          attrs: { attribution: null },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Unattributed.' }] }],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'one' }] },
                {
                  type: 'orderedList',
                  attrs: { start: 3 },
                  content: [
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }],
                    },
                  ],
                },
                {
                  type: 'blockquote',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'aside' }] }],
                },
              ],
            },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }],
        },
        { type: 'horizontalRule' },
        {
          type: 'image',
          attrs: {
            mediaId: '0190-aaaa',
            src: null,
            alt: 'The secretary general',
            caption: 'At headquarters.',
            credit: 'Agency/Name',
          },
        },
        {
          type: 'image',
          attrs: { mediaId: null, src: 'https://cdn.example/p.jpg', alt: '', caption: '', credit: '' },
        },
        {
          type: 'embed',
          attrs: { url: 'https://video.example/watch?v=1', provider: 'youtube', caption: 'Remarks' },
        },
        { type: 'embed', attrs: { url: 'http://video.example/2', provider: null, caption: null } },
      ],
    };
    expect(check.document).toEqual(expected);
    // Normalising twice changes nothing, key order included: stored JSON stays byte-stable across saves.
    const again = checkDocument(check.document);
    expect(again.ok && JSON.stringify(again.document)).toBe(JSON.stringify(check.document));
  });

  it('returns a copy and leaves the input alone', () => {
    const input = doc(para(text('Hello', link('https://example.com'))));
    const before = structuredClone(input);
    const check = checkDocument(input);
    expect(input).toEqual(before);
    expect(check.ok && check.document.content[0]).not.toBe(input.content[0]);
  });

  it('reads a missing or empty content as the empty body of a new article', () => {
    expect(checkDocument({ type: 'doc' })).toEqual({ ok: true, document: emptyDocument() });
    expect(checkDocument({ type: 'doc', content: [] })).toEqual({ ok: true, document: emptyDocument() });
    expect(checkDocument(emptyDocument())).toEqual({ ok: true, document: emptyDocument() });
  });
});

const item = (...content: unknown[]) => ({ type: 'listItem', content });
const image = (attrs: Record<string, unknown>) => doc({ type: 'image', attrs });
const embed = (attrs: Record<string, unknown>) => doc({ type: 'embed', attrs });
const marked = (...marks: unknown[]) => doc(para(text('x', ...marks)));

describe('checkDocument refuses, saying where and why', () => {
  it.each([
    ['nothing', null, '', 'must be a document'],
    ['a string', '{"type":"doc"}', '', 'must be a document'],
    ['a list', [], '', 'must be a document'],
    ['another root type', { type: 'paragraph', content: [] }, 'type', 'of type "doc" (got "paragraph")'],
    ['content that is not a list', { type: 'doc', content: 'Hello' }, 'content', 'must be a list'],
    ['an item that is not a node', doc('Hello'), 'content[0]', 'must be an object with a "type"'],
    ['a node without a type', doc({ content: [] }), 'content[0].type', 'needs a "type"'],
    [
      'an unknown node type',
      doc(para(text('a')), { type: 'codeBlock' }),
      'content[1].type',
      '"codeBlock" is not a kind of content',
    ],
    ['text at the top level', doc(para(text('a')), text('loose')), 'content[1]', 'put it inside a paragraph'],
    ['a line break at the top level', doc({ type: 'hardBreak' }), 'content[0]', 'put it inside a paragraph'],
    [
      'a list item outside a list',
      doc(item(para(text('a')))),
      'content[0]',
      'only sit inside a bullet list or a numbered list',
    ],
    [
      'a paragraph inside a paragraph',
      doc(para(para(text('a')))),
      'content[0].content[0]',
      'holds only text and line breaks',
    ],
    [
      'a paragraph directly in a list',
      doc({ type: 'bulletList', content: [para(text('a'))] }),
      'content[0].content[0]',
      'Allowed there: a list item',
    ],
    [
      'an image in a list item',
      doc({
        type: 'bulletList',
        content: [item(para(text('a')), { type: 'image', attrs: { src: '/a.jpg' } })],
      }),
      'content[0].content[0].content[1]',
      'An image cannot sit inside a list item',
    ],
    [
      'an embed in a quotation',
      doc({ type: 'blockquote', content: [{ type: 'embed', attrs: { url: 'https://v.example' } }] }),
      'content[0].content[0]',
      'cannot sit inside a quotation',
    ],
    [
      'a heading in a pull quote',
      doc({ type: 'pullQuote', content: [{ type: 'heading', attrs: { level: 2 } }] }),
      'content[0].content[0]',
      'Allowed there: a paragraph',
    ],
    [
      'a pull quote in a quotation',
      doc({ type: 'blockquote', content: [{ type: 'pullQuote', content: [para(text('a'))] }] }),
      'content[0].content[0]',
      'A pull quote cannot sit inside a quotation',
    ],
    [
      'heading level 1',
      doc({ type: 'heading', attrs: { level: 1 }, content: [text('a')] }),
      'content[0].attrs.level',
      'level 1 is the headline',
    ],
    [
      'heading level 7',
      doc({ type: 'heading', attrs: { level: 7 } }),
      'content[0].attrs.level',
      'must be 2, 3 or 4 (got 7)',
    ],
    [
      'heading level as text',
      doc({ type: 'heading', attrs: { level: '2' } }),
      'content[0].attrs.level',
      'must be 2, 3 or 4 (got "2")',
    ],
    [
      'a heading without a level',
      doc({ type: 'heading', content: [text('a')] }),
      'content[0].attrs.level',
      'got nothing',
    ],
    [
      'attrs that are not an object',
      doc({ type: 'heading', attrs: [2] }),
      'content[0].attrs',
      'must be an object',
    ],
    [
      'an empty list',
      doc({ type: 'bulletList', content: [] }),
      'content[0].content',
      'A bullet list needs at least one item',
    ],
    [
      'an empty numbered list',
      doc({ type: 'orderedList' }),
      'content[0].content',
      'A numbered list needs at least one item',
    ],
    [
      'an empty quotation',
      doc({ type: 'blockquote', content: [] }),
      'content[0].content',
      'A quotation needs some content',
    ],
    [
      'an empty pull quote',
      doc({ type: 'pullQuote', attrs: { attribution: 'x' } }),
      'content[0].content',
      'A pull quote needs some content',
    ],
    [
      'an empty list item',
      doc({ type: 'bulletList', content: [item()] }),
      'content[0].content[0].content',
      'A list item needs some content',
    ],
    [
      'a list item not starting with a paragraph',
      doc({ type: 'bulletList', content: [item({ type: 'bulletList', content: [item(para())] })] }),
      'content[0].content[0].content[0]',
      'must begin with a paragraph',
    ],
    [
      'a numbered list starting at 0',
      doc({ type: 'orderedList', attrs: { start: 0 }, content: [item(para())] }),
      'content[0].attrs.start',
      'whole number from 1',
    ],
    [
      'a numbered list starting at 1.5',
      doc({ type: 'orderedList', attrs: { start: 1.5 }, content: [item(para())] }),
      'content[0].attrs.start',
      'got 1.5',
    ],
    [
      'a line break with content',
      doc(para({ type: 'hardBreak', content: [text('a')] })),
      'content[0].content[0].content',
      'A line break cannot contain other content',
    ],
    [
      'a rule with content',
      doc({ type: 'horizontalRule', content: [para()] }),
      'content[0].content',
      'cannot contain other content',
    ],
    [
      'content that is not a list, deeper',
      doc(para(text('a')), { type: 'blockquote', content: {} }),
      'content[1].content',
      'The content of a quotation must be a list',
    ],
    ['empty text', doc(para(text(''))), 'content[0].content[0].text', 'Text cannot be empty'],
    [
      'text that is not a string',
      doc(para({ type: 'text', text: 5 })),
      'content[0].content[0].text',
      'Text must be a string',
    ],
    [
      'control characters in text',
      doc(para(text('bell\u0007'))),
      'content[0].content[0].text',
      'control characters',
    ],
    [
      'formatting on a paragraph',
      doc({ type: 'paragraph', marks: [{ type: 'bold' }] }),
      'content[0].marks',
      'Only text can carry formatting',
    ],
    [
      'marks that are not a list',
      doc(para({ type: 'text', text: 'a', marks: { type: 'bold' } })),
      'content[0].content[0].marks',
      'must be a list',
    ],
    ['a mark that is not an object', marked('bold'), 'content[0].content[0].marks[0]', 'must be an object'],
    [
      'the code mark',
      marked({ type: 'code' }),
      'content[0].content[0].marks[0].type',
      'Code formatting is not supported',
    ],
    [
      'an unknown mark',
      marked({ type: 'bold' }, { type: 'underline' }),
      'content[0].content[0].marks[1].type',
      '"underline" is not supported formatting; use bold, italic or link',
    ],
    [
      'the same mark twice',
      marked({ type: 'bold' }, { type: 'bold' }),
      'content[0].content[0].marks[1]',
      'marked bold twice',
    ],
    [
      'a link without an address',
      marked({ type: 'link' }),
      'content[0].content[0].marks[0].attrs.href',
      'must be an address written as text',
    ],
    [
      'a link title that is not text',
      marked({ type: 'link', attrs: { href: '/a', title: 3 } }),
      'content[0].content[0].marks[0].attrs.title',
      'must be text (got 3)',
    ],
    [
      'an image with neither media id nor address',
      image({ alt: 'x' }),
      'content[0].attrs',
      'needs a media library id (mediaId) or an address (src)',
    ],
    [
      'an image address that is relative',
      image({ src: 'photo.jpg' }),
      'content[0].attrs.src',
      'must start with https://, http:// or /',
    ],
    [
      'an image address on data:',
      image({ src: 'data:image/png;base64,AAAA' }),
      'content[0].attrs.src',
      '"data:" addresses are never allowed',
    ],
    [
      'an image address on another host via //',
      image({ src: '//evil.example/p.jpg' }),
      'content[0].attrs.src',
      'must start with',
    ],
    ['alt text that is not text', image({ src: '/a.jpg', alt: 5 }), 'content[0].attrs.alt', 'must be text'],
    [
      'a caption over the limit',
      image({ src: '/a.jpg', caption: 'x'.repeat(2001) }),
      'content[0].attrs.caption',
      'at most 2000 characters (it has 2001)',
    ],
    ['a media id that is not text', image({ mediaId: 42 }), 'content[0].attrs.mediaId', 'must be text'],
    [
      'an embed without an address',
      embed({}),
      'content[0].attrs.url',
      'The embed address must be an address written as text',
    ],
    ['an embed on a site path', embed({ url: '/video/1' }), 'content[0].attrs.url', 'must be a web address'],
    [
      'an embed on javascript:',
      embed({ url: 'javascript:alert(1)' }),
      'content[0].attrs.url',
      '"javascript:" addresses are never allowed',
    ],
    [
      'an embed provider that is not text',
      embed({ url: 'https://v.example', provider: ['x'] }),
      'content[0].attrs.provider',
      'must be text (got a list)',
    ],
    [
      'a pull quote attribution that is not text',
      doc({ type: 'pullQuote', attrs: { attribution: {} }, content: [para()] }),
      'content[0].attrs.attribution',
      'got an object',
    ],
  ])('%s', (_name, input, path, message) => {
    const problem = refusal(input);
    expect(problem.path).toBe(path);
    expect(problem.message).toContain(message);
  });
});
