import { describe, expect, it } from 'vitest';
import { checkDocument } from '../articles/document/index.js';
import { bodyToHtml } from './feed-body.js';

const site = new URL('https://news.example/');

function doc(content: unknown[]) {
  const check = checkDocument({ type: 'doc', content });
  if (!check.ok) throw new Error(check.message);
  return check.document;
}

describe('the body as feed HTML', () => {
  it('renders every block and mark from the document, escaping text and making site links absolute', () => {
    const html = bodyToHtml(
      doc([
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub <head>' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }, { type: 'italic' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'home', marks: [{ type: 'link', attrs: { href: '/tag/x?a=1&b="2"' } }] },
          ],
        },
        {
          type: 'pullQuote',
          attrs: { attribution: 'A. Person' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quote' }] }],
        },
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
        { type: 'horizontalRule' },
        { type: 'embed', attrs: { url: 'https://video.example/v?id=1&t=2', caption: 'Watch' } },
        { type: 'image', attrs: { mediaId: 'm1', alt: 'not served yet' } },
      ]),
      'PARIS —',
      site,
    );
    expect(html).toBe(
      '<p><strong>PARIS —</strong></p>' +
        '<h2>Sub &lt;head></h2>' +
        '<p><strong><em>bold</em></strong><br/><a href="https://news.example/tag/x?a=1&amp;b=%222%22">home</a></p>' +
        '<blockquote><p>Quote</p><p>— A. Person</p></blockquote>' +
        '<ol start="3"><li><p>three</p></li></ol>' +
        '<hr/>' +
        '<p><a href="https://video.example/v?id=1&amp;t=2">Watch</a></p>',
    );
  });
});
