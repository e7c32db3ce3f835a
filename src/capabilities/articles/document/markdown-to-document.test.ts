import { describe, expect, it } from 'vitest';
import {
  type ArticleDocument,
  emptyDocument,
  type InlineNode,
  type ListItemBlockNode,
  type ListItemNode,
} from './document.js';
import { checkDocument } from './document-schema.js';
import { documentToPlainText } from './document-text.js';
import { checkMarkdown, markdownToDocument } from './markdown-to-document.js';

const t = (text: string): InlineNode => ({ type: 'text', text });
const p = (...content: InlineNode[]) => ({ type: 'paragraph' as const, content });
const item = (text: string, ...rest: ListItemBlockNode[]): ListItemNode => ({
  type: 'listItem',
  content: [p(t(text)), ...rest],
});

/** Converts and insists the result is exactly what checkDocument would store, key order included. */
function convert(markdown: string): ArticleDocument {
  const document = markdownToDocument(markdown);
  const check = checkDocument(document);
  if (!check.ok) throw new Error(`${check.path}: ${check.message}`);
  expect(JSON.stringify(check.document)).toBe(JSON.stringify(document));
  return document;
}

describe('markdownToDocument', () => {
  it('converts an article with every supported construct', () => {
    const markdown = [
      '# The visit',
      '',
      'KYIV — The **secretary general** arrived *on Sunday*, [his office said](https://example.org/press "Press office").',
      '',
      '> "We stand together."',
      '',
      '### Timeline',
      '',
      '1. Arrival',
      '2. Talks',
      '',
      '---',
      '',
      '![The secretary general](https://cdn.example/p.jpg "At headquarters, November 16.")',
      '',
      'https://video.example/watch?v=abc_def',
    ].join('\n');
    expect(convert(markdown)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [t('The visit')] },
        {
          type: 'paragraph',
          content: [
            t('KYIV — The '),
            { type: 'text', text: 'secretary general', marks: [{ type: 'bold' }] },
            t(' arrived '),
            { type: 'text', text: 'on Sunday', marks: [{ type: 'italic' }] },
            t(', '),
            {
              type: 'text',
              text: 'his office said',
              marks: [{ type: 'link', attrs: { href: 'https://example.org/press', title: 'Press office' } }],
            },
            t('.'),
          ],
        },
        { type: 'blockquote', content: [p(t('"We stand together."'))] },
        { type: 'heading', attrs: { level: 3 }, content: [t('Timeline')] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item('Arrival'), item('Talks')] },
        { type: 'horizontalRule' },
        {
          type: 'image',
          attrs: {
            mediaId: null,
            src: 'https://cdn.example/p.jpg',
            alt: 'The secretary general',
            caption: 'At headquarters, November 16.',
            credit: '',
          },
        },
        {
          type: 'embed',
          attrs: { url: 'https://video.example/watch?v=abc_def', provider: null, caption: null },
        },
      ],
    });
  });

  it('maps heading levels: # and ## to 2, ### to 3, #### and deeper to 4', () => {
    const levels = convert('# a\n\n## b\n\n### c\n\n#### d\n\n###### e').content.map((b) =>
      b.type === 'heading' ? b.attrs.level : null,
    );
    expect(levels).toEqual([2, 2, 3, 4, 4]);
  });

  it('nests lists, keeps a numbered list start and gives an empty item its paragraph', () => {
    const markdown = [
      '- one',
      '  - one.a',
      '    1. deep',
      '- two',
      '-',
      '  - under an empty item',
      '',
      '7. seven',
      '8. eight',
    ];
    expect(convert(markdown.join('\n')).content).toEqual([
      {
        type: 'bulletList',
        content: [
          item('one', {
            type: 'bulletList',
            content: [item('one.a', { type: 'orderedList', attrs: { start: 1 }, content: [item('deep')] })],
          }),
          item('two'),
          {
            type: 'listItem',
            content: [{ type: 'paragraph' }, { type: 'bulletList', content: [item('under an empty item')] }],
          },
        ],
      },
      { type: 'orderedList', attrs: { start: 7 }, content: [item('seven'), item('eight')] },
    ]);
  });

  it('turns a heading inside a list item into a paragraph and a rule there into nothing', () => {
    expect(convert('- # Heading in item\n\n  ---\n\n  after').content).toEqual([
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [p(t('Heading in item')), p(t('after'))] }],
      },
    ]);
  });

  it('keeps the text of links with refused addresses and drops the address', () => {
    const markdown =
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](relative.html) ' +
      '[f](//evil.example) [g](#anchor) [h](mailto:desk@ledger.example) [i](/sections/world)';
    const [paragraph] = convert(markdown).content;
    expect(paragraph).toEqual(
      p(
        t('a b c d e f g '),
        {
          type: 'text',
          text: 'h',
          marks: [{ type: 'link', attrs: { href: 'mailto:desk@ledger.example', title: null } }],
        },
        t(' '),
        {
          type: 'text',
          text: 'i',
          marks: [{ type: 'link', attrs: { href: '/sections/world', title: null } }],
        },
      ),
    );
    expect(JSON.stringify(paragraph)).not.toMatch(/javascript|data:|vbscript/i);
  });

  it('keeps raw HTML as the literal text that was typed, never as markup', () => {
    const doc = convert('<script>alert(1)</script>\n\nHello <b onclick="x()">there</b> <!-- note -->');
    expect(doc.content).toEqual([
      p(t('<script>alert(1)</script>')),
      p(t('Hello <b onclick="x()">there</b> <!-- note -->')),
    ]);
  });

  it('formats nested bold and italic and a link inside bold', () => {
    expect(convert('***both*** and **bold [link](https://a.example)**').content).toEqual([
      p(
        { type: 'text', text: 'both', marks: [{ type: 'bold' }, { type: 'italic' }] },
        t(' and '),
        { type: 'text', text: 'bold ', marks: [{ type: 'bold' }] },
        {
          type: 'text',
          text: 'link',
          marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://a.example', title: null } }],
        },
      ),
    ]);
  });

  it('splits a paragraph around an image and reads a refused image address as its alt text', () => {
    expect(
      convert('Before ![Alt *text*](/media/a.jpg) after\n\n![The alt](javascript:x) stays').content,
    ).toEqual([
      p(t('Before')),
      {
        type: 'image',
        attrs: { mediaId: null, src: '/media/a.jpg', alt: 'Alt text', caption: '', credit: '' },
      },
      p(t('after')),
      p(t('The alt stays')),
    ]);
  });

  it('keeps images and embeds out of lists and quotations, as text', () => {
    expect(convert('- ![Chart](/media/c.png) of votes\n\n> https://video.example/1').content).toEqual([
      { type: 'bulletList', content: [item('Chart of votes')] },
      { type: 'blockquote', content: [p(t('https://video.example/1'))] },
    ]);
  });

  it('makes an embed of a line that is only an address, and only then', () => {
    const markdown = [
      'Watch the remarks:',
      'https://video.example/watch?v=1',
      'as delivered.',
      '',
      'See https://video.example/2 today.',
      '',
      '**https://video.example/3**',
      '',
      '<https://video.example/4>',
      '',
      'ftp://files.example/5',
    ].join('\n');
    const autolink = { type: 'link', attrs: { href: 'https://video.example/4', title: null } } as const;
    expect(convert(markdown).content).toEqual([
      p(t('Watch the remarks:')),
      { type: 'embed', attrs: { url: 'https://video.example/watch?v=1', provider: null, caption: null } },
      p(t('as delivered.')),
      p(t('See https://video.example/2 today.')),
      p({ type: 'text', text: 'https://video.example/3', marks: [{ type: 'bold' }] }),
      p({ type: 'text', text: 'https://video.example/4', marks: [autolink] }),
      p(t('ftp://files.example/5')),
    ]);
  });

  it('keeps hard breaks and reads soft breaks as spaces', () => {
    expect(convert('one  \ntwo\\\nthree\nfour').content).toEqual([
      p(t('one'), { type: 'hardBreak' }, t('two'), { type: 'hardBreak' }, t('three four')),
    ]);
  });

  it('turns code into plain text: inline code into words, blocks into lines', () => {
    expect(
      convert('Run `npm test` now.\n\n```js\nconst a = 1;\n\n  return a;\n```\n\n    indented').content,
    ).toEqual([
      p(t('Run npm test now.')),
      p(t('const a = 1;'), { type: 'hardBreak' }, { type: 'hardBreak' }, t('  return a;')),
      p(t('indented')),
    ]);
  });

  it('gives the empty body for empty or blank Markdown', () => {
    expect(convert('')).toEqual(emptyDocument());
    expect(convert('  \n\n \t\n')).toEqual(emptyDocument());
    expect(convert('>')).toEqual(emptyDocument());
  });

  it('removes control characters the body would refuse', () => {
    expect(convert('bell\u0007 and \u0001escape').content).toEqual([p(t('bell and escape'))]);
  });

  it('flattens lists and quotations nested past the depth limit, keeping every word', () => {
    const lines = Array.from({ length: 15 }, (_, i) => `${'  '.repeat(i)}- level ${i}`);
    const markdown = `${lines.join('\n')}\n\n${'>'.repeat(30)} deep quote`;
    const doc = convert(markdown);
    const text = documentToPlainText(doc);
    for (let i = 0; i < 15; i++) expect(text).toContain(`level ${i}`);
    expect(text).toContain('deep quote');
  });
});

describe('checkMarkdown', () => {
  it('accepts ordinary Markdown and refuses Markdown too large for one body', () => {
    expect(checkMarkdown('Hello **world**.')).toEqual({
      ok: true,
      document: {
        type: 'doc',
        content: [p(t('Hello '), { type: 'text', text: 'world', marks: [{ type: 'bold' }] }, t('.'))],
      },
    });
    const huge = Array.from({ length: 6000 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    expect(checkMarkdown(huge)).toMatchObject({
      ok: false,
      path: '',
      message: expect.stringContaining('10,000 parts'),
    });
  });
});
